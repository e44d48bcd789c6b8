package dev.stepfold.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A script of a non-Java client stack (boto3, the AWS CLI, the AWS SDK for JavaScript) run as its users run it, from
 * {@code src/test/clients}, with a bounded time: the endpoint and credentials in its environment, its exit code and
 * output kept for the test to assert.
 */
final class ClientScript {
  static final Path DIR = Path.of("src", "test", "clients");
  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final List<String> command;
  private final Map<String, String> environment = new LinkedHashMap<>();

  private ClientScript(List<String> command) {
    this.command = command;
  }

  static ClientScript of(String... command) {
    return new ClientScript(List.of(command));
  }

  /** The endpoint, a region and a key pair, in the variables every AWS client reads. */
  ClientScript against(RunningApi api, String accessKeyId, String secret, String region) {
    environment.put("STEPFOLD_ENDPOINT", api.endpoint().toString());
    environment.put("AWS_ACCESS_KEY_ID", accessKeyId);
    environment.put("AWS_SECRET_ACCESS_KEY", secret);
    environment.put("AWS_DEFAULT_REGION", region);
    environment.put("AWS_REGION", region);
    return this;
  }

  ClientScript with(String name, String value) {
    environment.put(name, value);
    return this;
  }

  /** What the script printed and how it ended. */
  record Outcome(int exitCode, String stdout, String stderr) {
    /** The script ended with 0; the JSON document that is its output. */
    JsonNode json() {
      assertThat(exitCode).as("exit code; stderr:%n%s%nstdout:%n%s", stderr, stdout).isZero();
      try {
        return MAPPER.readTree(stdout);
      } catch (IOException e) {
        throw new AssertionError("Expected the script to print one JSON document, but it printed:\n" + stdout + "\nstderr:\n" + stderr, e);
      }
    }
  }

  Outcome run(String... arguments) {
    var full = new ArrayList<>(command);
    full.addAll(List.of(arguments));
    try {
      var out = Files.createTempFile("client-script", ".out");
      var err = Files.createTempFile("client-script", ".err");
      try {
        var builder = new ProcessBuilder(full).redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().putAll(environment);
        var process = builder.start();
        process.getOutputStream().close();
        if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
          process.descendants().forEach(ProcessHandle::destroyForcibly);
          process.destroyForcibly();
          throw new AssertionError("Expected " + full + " to end within " + TIMEOUT + ", but it still ran; it printed:\n" + Files.readString(out)
              + "\nstderr:\n" + Files.readString(err));
        }
        return new Outcome(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new AssertionError("Expected to run " + full + ", but " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted while " + full + " ran", e);
    }
  }

  /** Fails, saying how to get it, when {@code check} does not run to exit code 0: a missing client is a failure. */
  static void require(String what, String howToGetIt, String... check) {
    Outcome outcome;
    try {
      outcome = of(check).run();
    } catch (AssertionError e) {
      throw new AssertionError("Expected " + what + " on this machine for the client tests, but " + String.join(" ", check) + " did not run ("
          + e.getMessage() + "). " + howToGetIt, e);
    }
    if (outcome.exitCode() != 0) {
      throw new AssertionError("Expected " + what + " on this machine for the client tests, but " + String.join(" ", check) + " answered "
          + outcome.exitCode() + ": " + outcome.stderr().strip() + ". " + howToGetIt);
    }
  }
}
