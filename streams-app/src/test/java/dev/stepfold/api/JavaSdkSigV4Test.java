package dev.stepfold.api;

import static dev.stepfold.api.ClientStackAssertions.assertSigV4Refusals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.scheme.AuthSchemeOption;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClientBuilder;
import software.amazon.awssdk.services.sfn.auth.scheme.SfnAuthSchemeProvider;
import software.amazon.awssdk.services.sfn.model.SfnException;

/**
 * SigV4 with the AWS SDK for Java v2 against a running stepfold configured with credentials, the same cases the other
 * client stacks run: the right key passes; a wrong secret, a wrong region, a wrong service name and a signature from 20
 * minutes ago are refused. The service name and the clock are the signer properties a user sets through the client's
 * auth scheme provider.
 */
@Timeout(120)
class JavaSdkSigV4Test {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir
  static Path dataDir;
  static RunningApi api;

  @BeforeAll
  static void start() {
    api = ClientStackAssertions.startSigningApi(dataDir);
  }

  @AfterAll
  static void stop() {
    if (api != null) {
      api.close();
    }
  }

  @Test
  void shouldPassTheRightSignatureAndRefuseWrongOnes() {
    var results = MAPPER.createObjectNode();
    results.set("right", outcome(client(RunningApi.SECRET, Region.US_EAST_1)));
    results.set("wrongSecret", outcome(client(RunningApi.SECRET + "x", Region.US_EAST_1)));
    results.set("wrongRegion", outcome(client(RunningApi.SECRET, Region.EU_WEST_1)));
    results.set("wrongService", outcome(signing(client(RunningApi.SECRET, Region.US_EAST_1),
        option -> option.toBuilder().putSignerProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "lambda").build())));
    results.set("expired", outcome(signing(client(RunningApi.SECRET, Region.US_EAST_1), option -> option.toBuilder()
        .putSignerProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-20))).build())));
    results.set("rightAgain", outcome(client(RunningApi.SECRET, Region.US_EAST_1)));
    assertSigV4Refusals(results);
  }

  private static SfnClientBuilder client(String secret, Region region) {
    return api.clientBuilder(RunningApi.ACCESS_KEY_ID, secret, region).overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
  }

  /** The client's SigV4 option as the SDK resolves it, changed by {@code change}. */
  private static SfnClientBuilder signing(SfnClientBuilder builder, UnaryOperator<AuthSchemeOption> change) {
    var defaults = SfnAuthSchemeProvider.defaultProvider();
    return builder.authSchemeProvider(params -> defaults.resolveAuthScheme(params).stream().map(change).toList());
  }

  /** "ok", or the status, error code and message of the refusal, in the shape the client scripts print. */
  private static JsonNode outcome(SfnClientBuilder builder) {
    try (var sfn = builder.build()) {
      sfn.listStateMachines();
      return MAPPER.getNodeFactory().textNode("ok");
    } catch (SfnException e) {
      return MAPPER.createObjectNode().put("status", e.statusCode()).put("code", e.awsErrorDetails().errorCode())
          .put("message", e.awsErrorDetails().errorMessage());
    }
  }
}
