package dev.stepfold.schemas.serde;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * A real Apicurio Registry (in-memory storage) in a child JVM, built by the {@code apicurio-registry} module; the path
 * of its runner jar comes in the {@code stepfold.apicurio.runner} system property. It listens on a free loopback port
 * and is ready once Quarkus logs the address it listens on. Its output goes to {@code target/apicurio-registry.log}.
 * It is stopped on {@link #close()}, or when the test JVM exits without closing it.
 */
final class ApicurioRegistryProcess implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("Listening on: (http://\\S+)");

  private final Process process;
  private final Thread stopOnExit;
  private final String url;

  private ApicurioRegistryProcess(Process process, Thread stopOnExit, String url) {
    this.process = process;
    this.stopOnExit = stopOnExit;
    this.url = url;
  }

  static ApicurioRegistryProcess start(Duration timeout) throws IOException, InterruptedException {
    var runner = Path.of(System.getProperty("stepfold.apicurio.runner", "")).toAbsolutePath();
    if (!Files.isRegularFile(runner)) {
      throw new IllegalStateException("Expected the Apicurio Registry runner jar at " + runner
          + ", but there is none: build the apicurio-registry module first (./mvnw -pl schemas -am ...)");
    }
    var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    var process = new ProcessBuilder(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:ActiveProcessorCount=2",
        "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=0", "-jar", runner.toString()))
        .redirectErrorStream(true)
        .start();
    var stopOnExit = new Thread(process::destroyForcibly, "apicurio-registry-stop");
    Runtime.getRuntime().addShutdownHook(stopOnExit);
    var log = Files.createDirectories(Path.of("target")).resolve("apicurio-registry.log").toAbsolutePath();
    var listening = new CompletableFuture<String>();
    var pump = new Thread(() -> copyOutput(process, log, listening), "apicurio-registry-output");
    pump.setDaemon(true);
    pump.start();
    try {
      return new ApicurioRegistryProcess(process, stopOnExit, listening.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
    } catch (ExecutionException | TimeoutException e) {
      process.destroyForcibly();
      throw new IllegalStateException("Apicurio Registry did not start within " + timeout + "; see " + log, e);
    }
  }

  /** Its root URL, without a trailing slash. */
  String url() {
    return url;
  }

  /** The base URL of its Confluent-compatible API. */
  String ccompatUrl() {
    return url + "/apis/ccompat/v7";
  }

  private static void copyOutput(Process process, Path log, CompletableFuture<String> listening) {
    try (var lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        var out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
      for (var line = lines.readLine(); line != null; line = lines.readLine()) {
        out.println(line);
        var matcher = LISTENING.matcher(line);
        if (matcher.find()) {
          listening.complete(matcher.group(1));
        }
      }
      listening.completeExceptionally(new IllegalStateException("Apicurio Registry exited with " + process.waitFor()));
    } catch (IOException | InterruptedException e) {
      listening.completeExceptionally(e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    Runtime.getRuntime().removeShutdownHook(stopOnExit);
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
