package dev.stepfold.api;

import dev.stepfold.streams.StepfoldConfig;
import dev.stepfold.streams.StepfoldRuntime;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.SfnClientBuilder;

/**
 * A running stepfold with its AWS API for the tests of a class: the embedded broker and registry, the runtime and the
 * API on free ports, data under the test's directory; and AWS SDK clients pointed at it (for the command line's tests too).
 */
public final class RunningApi implements AutoCloseable {
  public static final Duration PATIENCE = Duration.ofSeconds(60);
  static final String ACCESS_KEY_ID = "AKIDSTEPFOLDTEST";
  static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYSTEPFOLDKEY";

  private final StepfoldRuntime runtime;
  private final StepfoldApi api;

  private RunningApi(StepfoldRuntime runtime, StepfoldApi api) {
    this.runtime = runtime;
    this.api = api;
  }

  public static RunningApi start(Path dataDir, Map<String, String> settings) throws Exception {
    var config = new LinkedHashMap<String, String>(Map.of(
        StepfoldConfig.DATA_DIR, dataDir.toString(),
        StepfoldConfig.EMBEDDED_KAFKA_PORT, "0",
        StepfoldConfig.EMBEDDED_REGISTRY_PORT, "0",
        StepfoldConfig.API_PORT, "0",
        StepfoldConfig.TOPIC_PARTITIONS, "2",
        StepfoldConfig.TIMERS_INTERVAL_MS, "100",
        StreamsConfig.APPLICATION_ID_CONFIG, "stepfold-api-test"));
    config.putAll(settings);
    var runtime = StepfoldRuntime.start(StepfoldConfig.of(config));
    try {
      if (!runtime.awaitRunning(PATIENCE)) {
        throw new AssertionError("Expected the runtime to run, but it is " + runtime.streams().state());
      }
      return new RunningApi(runtime, StepfoldApi.start(runtime));
    } catch (Exception | Error e) {
      runtime.close();
      throw e;
    }
  }

  public URI endpoint() {
    return URI.create("http://localhost:" + api.port());
  }

  public StepfoldRuntime runtime() {
    return runtime;
  }

  /** A client as a user would configure one: the endpoint, a region and static credentials. */
  public SfnClient client() {
    return clientBuilder(ACCESS_KEY_ID, SECRET, Region.US_EAST_1).build();
  }

  /**
   * A client for StartSyncExecution and TestState, which the SDK sends to {@code sync-<host>}: with that prefix turned
   * off, as a user of a local endpoint turns it off.
   */
  SfnClient syncClient() {
    return clientBuilder(ACCESS_KEY_ID, SECRET, Region.US_EAST_1)
        .overrideConfiguration(c -> c.putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true))
        .build();
  }

  SfnClientBuilder clientBuilder(String accessKeyId, String secret, Region region) {
    return SfnClient.builder()
        .endpointOverride(endpoint())
        .region(region)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret)))
        .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(60)));
  }

  @Override
  public void close() {
    api.close();
    runtime.close();
  }
}
