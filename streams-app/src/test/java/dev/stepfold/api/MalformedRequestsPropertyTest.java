package dev.stepfold.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random and mutated bodies against the endpoint and {@link Members}, with operations that read members as the real
 * ones do (no runtime behind them): never a 500, and every error in AWS's shape with its name in the header too.
 */
class MalformedRequestsPropertyTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static AwsJsonServer server;

  @BeforeContainer
  static void start() {
    server = AwsJsonServer.start("localhost", 0, 8, 1 << 20, FakeOperations.someOperations(),
        new SigV4Verifier(Map.of(), "us-east-1", Clock.systemUTC()), () -> true);
  }

  @AfterContainer
  static void stop() {
    server.close();
  }

  @Provide
  Arbitrary<String> bodies() {
    var member = Arbitraries.of("executionArn", "stateMachineArn", "name", "input", "maxResults", "nextToken", "includedData", "x");
    var value = Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(40).map(text -> MAPPER.valueToTree(text).toString()),
        Arbitraries.integers().map(String::valueOf),
        Arbitraries.of("null", "true", "[]", "{}", "1e400", "-0", "\"\\u0000\"", "\"ALL_DATA\"", "\"arn:aws:states:us-east-1:1:execution:a:b\""));
    var pair = Combinators.combine(member, value).as((name, v) -> "\"" + name + "\": " + v);
    var objects = pair.list().ofMaxSize(4).map(pairs -> "{" + String.join(", ", pairs) + "}");
    var garbage = Arbitraries.strings().ofMaxLength(60);
    var cut = objects.flatMap(text -> Arbitraries.integers().between(0, text.length()).map(end -> text.substring(0, end)));
    return Arbitraries.oneOf(objects, garbage, cut);
  }

  @Property(tries = 300)
  void shouldNeverAnswerAMalformedRequestWithA500(@ForAll("bodies") String body,
      @ForAll("targets") String target) throws Exception {
    var request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/"))
        .header("Content-Type", AwsJsonServer.CONTENT_TYPE).header("X-Amz-Target", target)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    var answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(body).isNotEqualTo(500).isIn(200, 400, 404);
    var json = MAPPER.readTree(answer.body());
    if (answer.statusCode() != 200) {
      assertThat(json.get("__type").asText()).isEqualTo(answer.headers().firstValue(AwsJsonServer.ERROR_TYPE_HEADER).orElseThrow());
      assertThat(json.get("message").asText()).doesNotContain("Exception:", "\tat ");
    }
  }

  /** Bodies built to break a parser: nesting too deep, numbers too long, bytes that are not UTF-8, a body over the limit. */
  @Example
  void shouldAnswerHostileBodiesWithoutA500() throws Exception {
    var bodies = List.of(
        "[".repeat(100_000).getBytes(StandardCharsets.UTF_8),
        ("{\"input\": " + "{\"a\": ".repeat(5_000) + "1" + "}".repeat(5_001)).getBytes(StandardCharsets.UTF_8),
        ("{\"maxResults\": " + "9".repeat(20_000) + "}").getBytes(StandardCharsets.UTF_8),
        ("{\"maxResults\": 1e999999999}").getBytes(StandardCharsets.UTF_8),
        new byte[] {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xc3, (byte) 0x28, '"', '}'},
        new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf, '{', '}'},
        "{\"name\": \"a\", \"name\": \"b\"}".getBytes(StandardCharsets.UTF_8),
        ("{\"input\": \"" + "x".repeat(1 << 20) + "\"}").getBytes(StandardCharsets.UTF_8));
    for (var body : bodies) {
      for (var target : List.of("AWSStepFunctions.StartExecution", "AWSStepFunctions.CreateActivity", "AWSStepFunctions.ListStateMachines")) {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/"))
            .header("Content-Type", AwsJsonServer.CONTENT_TYPE).header("X-Amz-Target", target)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        var answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        var shown = new String(body, 0, Math.min(body.length, 40), StandardCharsets.UTF_8);
        assertThat(answer.statusCode()).as(shown).isIn(200, 400, 413);
        if (answer.statusCode() != 200) {
          assertThat(MAPPER.readTree(answer.body()).get("__type").asText()).as(shown)
              .isEqualTo(answer.headers().firstValue(AwsJsonServer.ERROR_TYPE_HEADER).orElseThrow());
        }
      }
    }
  }

  @Provide
  Arbitrary<String> targets() {
    return Arbitraries.of(List.of("AWSStepFunctions.DescribeExecution", "AWSStepFunctions.ListStateMachines", "AWSStepFunctions.StartExecution",
        "AWSStepFunctions.CreateActivity", "AWSStepFunctions.Nope", "Nope"));
  }
}
