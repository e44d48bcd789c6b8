package dev.stepfold.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stepfold server} in a JVM of its own, as an operator starts it: on standard output, where Kafka, the registry,
 * the API, the console, the metrics and health listen, then that it is ready — and nothing on standard error (no
 * Kafka warnings); a {@code --log-config} file brings logs back.
 */
@Timeout(300)
class ServerOutputTest {
  private static final Pattern API_URL = Pattern.compile("at (http://localhost:\\d+) ");

  @TempDir
  Path dir;

  @Test
  void shouldPrintWhereEverythingListensThenThatItIsReadyAndNoWarnings() throws Exception {
    var server = Server.start(dir);
    try {
      var lines = server.stdoutUntilReady();

      assertThat(lines).hasSize(6);
      assertThat(lines.get(0)).matches("stepfold: Kafka at localhost:\\d+ \\(embedded, data under .*data\\)");
      assertThat(lines.get(1)).matches("stepfold: schema registry at http://[\\w.]+:\\d+ \\(embedded\\)");
      assertThat(lines.get(2)).matches("stepfold: AWS Step Functions API at http://localhost:\\d+ \\(region us-east-1, account 123456789012\\)");
      var matcher = API_URL.matcher(lines.get(2));
      assertThat(matcher.find()).isTrue();
      var api = matcher.group(1);
      assertThat(lines.get(3)).isEqualTo("stepfold: console at " + api + "/console/");
      assertThat(lines.get(4)).isEqualTo("stepfold: metrics at " + api + "/metrics, health at " + api + "/health/live and " + api + "/health/ready");
      assertThat(lines.get(5)).isEqualTo("stepfold: ready; commands on stepfold.commands, history on stepfold.history");
      var ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api + "/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(ready.statusCode()).isEqualTo(200);
      assertThat(server.stderr()).as("standard error of a quiet start").isEmpty();
    } finally {
      server.stop();
    }
  }

  @Test
  void shouldLogWhatALogConfigurationFileAsksFor() throws Exception {
    var logConfig = Files.writeString(dir.resolve("logging.properties"), "org.slf4j.simpleLogger.log.dev.stepfold=info\n");
    var server = Server.start(dir, "--log-config", logConfig.toString());
    try {
      assertThat(server.stdoutUntilReady()).hasSize(6);
      assertThat(server.stderr()).contains("INFO dev.stepfold.api.StepfoldApi - AWS API on http://localhost:").doesNotContain("org.apache.kafka");
    } finally {
      server.stop();
    }
  }

  private record Server(Process process, Path stderrFile) {
    static Server start(Path dir, String... options) throws Exception {
      var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      var command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(), "server",
          "--data-dir", dir.resolve("data").toString(), "--kafka-port", "0", "--registry-port", "0", "--api-port", "0"));
      command.addAll(List.of(options));
      var stderr = dir.resolve("stderr.txt");
      var process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
      return new Server(process, stderr);
    }

    /** The lines of standard output up to the one that says the server is ready (all of them if it stops first). */
    List<String> stdoutUntilReady() throws Exception {
      var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      var lines = new ArrayList<String>();
      String line;
      while ((line = reader.readLine()) != null) {
        lines.add(line);
        if (line.startsWith("stepfold: ready")) {
          break;
        }
      }
      return lines;
    }

    String stderr() throws Exception {
      return Files.readString(stderrFile);
    }

    void stop() throws Exception {
      process.destroy();   // SIGTERM: the shutdown hook stops the API, the topology and the broker
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
