package dev.stepfold.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the endpoint answers to {@code GET}: a browser at {@code /} sent to the console, the console's page and files
 * (the health checks and metrics: {@code MetricsAndHealthTest}).
 */
class ConsoleEndpointsTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static AwsJsonServer server;

  @BeforeAll
  static void start() {
    server = AwsJsonServer.start("localhost", 0, 8, 1024, FakeOperations.someOperations(),
        new SigV4Verifier(Map.of(), "us-east-1", Clock.systemUTC()), () -> true);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void shouldSendABrowserAtTheRootToTheConsole() throws Exception {
    var root = get("/");
    assertThat(root.statusCode()).isEqualTo(302);
    assertThat(root.headers().firstValue("Location")).hasValue("/console/");
    assertThat(get("/console").headers().firstValue("Location")).hasValue("/console/");
  }

  @Test
  void shouldServeTheConsolesPageAndItsFiles() throws Exception {
    var page = get("/console/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    assertThat(page.body()).contains("<div id=\"root\"></div>");
    var script = page.body().replaceAll("(?s).*src=\"(/console/assets/[^\"]+\\.js)\".*", "$1");
    var asset = get(script);
    assertThat(asset.statusCode()).as(script).isEqualTo(200);
    assertThat(asset.body()).contains("AWSStepFunctions.");
  }
}
