package dev.stepfold.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The signer of stepfold's own plain-HTTP clients, over Java's HTTP client, against the endpoint's verifier. */
class SigV4SignerTest {
  private static final String KEY = "AKIDSIGNERTEST";
  private static final String SECRET = "theSignersSecret/0123456789";
  private static AwsJsonServer server;

  @BeforeAll
  static void start() {
    server = AwsJsonServer.start("localhost", 0, 8, 1 << 20, FakeOperations.someOperations(),
        new SigV4Verifier(Map.of(KEY, SECRET), "us-east-1", Clock.systemUTC()), () -> true);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void shouldSignARequestThatTheVerifierAccepts() throws Exception {
    var answer = post(new SigV4Signer(KEY, SECRET, "us-east-1"));

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
  }

  @Test
  void shouldSignWithTheSecretItHasSoThatAWrongOneIsRefused() throws Exception {
    var answer = post(new SigV4Signer(KEY, "not-the-secret", "us-east-1"));

    assertThat(answer.statusCode()).isEqualTo(403);
    assertThat(answer.headers().firstValue(AwsJsonServer.ERROR_TYPE_HEADER)).hasValue("InvalidSignatureException");
  }

  private static HttpResponse<String> post(SigV4Signer signer) throws Exception {
    var endpoint = URI.create("http://localhost:" + server.port() + "/");
    var body = "{}".getBytes(StandardCharsets.UTF_8);
    var headers = Map.of("Content-Type", AwsJsonServer.CONTENT_TYPE, "X-Amz-Target", "AWSStepFunctions.ListStateMachines");
    var request = HttpRequest.newBuilder(endpoint).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    signer.sign(endpoint, headers, body, Instant.now()).forEach(request::header);
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
