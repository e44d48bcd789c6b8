package dev.stepfold.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.SfnException;

/**
 * SigV4 with the AWS SDK for Java v2 against the endpoint with credentials configured: its client's signature passes;
 * a wrong secret, region or service, an unknown key, a stale date and no signature are refused with AWS's errors.
 */
class SigV4ClientTest {
  private static final String KEY = "AKIDSIGV4TEST";
  private static final String SECRET = "aSecretOnlyTheTestKnows/0123456789";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static AwsJsonServer server;

  @BeforeAll
  static void start() {
    server = AwsJsonServer.start("localhost", 0, 8, 1 << 20, FakeOperations.someOperations(),
        new SigV4Verifier(Map.of(KEY, SECRET, "AKIDSECOND", "second-secret"), "us-east-1", Clock.systemUTC()), () -> true);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static SfnClient client(String key, String secret, Region region) {
    return SfnClient.builder()
        .endpointOverride(URI.create("http://localhost:" + server.port()))
        .region(region)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  @Test
  void shouldAcceptTheClientsSignatureWithTheRightCredentials() {
    try (var sfn = client(KEY, SECRET, Region.US_EAST_1); var second = client("AKIDSECOND", "second-secret", Region.US_EAST_1)) {
      assertThat(sfn.listStateMachines().stateMachines()).isEmpty();
      assertThat(sfn.describeExecution(r -> r.executionArn("arn:aws:states:us-east-1:123456789012:execution:M:e")).executionArn())
          .isEqualTo("arn:aws:states:us-east-1:123456789012:execution:M:e");
      assertThat(second.listStateMachines().stateMachines()).as("any of the configured pairs").isEmpty();
    }
  }

  @Test
  void shouldRefuseAWrongSecret() {
    try (var sfn = client(KEY, "not-the-secret", Region.US_EAST_1)) {
      assertRefused(() -> sfn.listStateMachines(), "InvalidSignatureException",
          "The request signature we calculated does not match the signature you provided.");
    }
  }

  @Test
  void shouldRefuseAnUnknownAccessKey() {
    try (var sfn = client("AKIDUNKNOWN", SECRET, Region.US_EAST_1)) {
      assertRefused(() -> sfn.listStateMachines(), "UnrecognizedClientException", "The security token included in the request is invalid.");
    }
  }

  @Test
  void shouldRefuseAWrongRegion() {
    try (var sfn = client(KEY, SECRET, Region.EU_WEST_1)) {
      assertRefused(() -> sfn.listStateMachines(), "InvalidSignatureException", "Credential should be scoped to a valid region, not 'eu-west-1'.");
    }
  }

  @Test
  void shouldRefuseAWrongService() throws Exception {
    var answer = sendSigned("lambda", Clock.systemUTC());
    assertThat(answer.statusCode()).isEqualTo(403);
    var body = MAPPER.readTree(answer.body());
    assertThat(body.get("__type").asText()).isEqualTo("InvalidSignatureException");
    assertThat(body.get("message").asText()).startsWith("Credential should be scoped to correct service: 'states'.");
  }

  @Test
  void shouldRefuseAnExpiredDate() throws Exception {
    var stale = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-20));
    var answer = sendSigned(SigV4Verifier.SERVICE, stale);
    assertThat(answer.statusCode()).isEqualTo(403);
    var body = MAPPER.readTree(answer.body());
    assertThat(body.get("__type").asText()).isEqualTo("InvalidSignatureException");
    assertThat(body.get("message").asText()).startsWith("Signature expired: ");
    assertThat(sendSigned(SigV4Verifier.SERVICE, Clock.systemUTC()).statusCode()).as("the same request signed now").isEqualTo(200);
  }

  @Test
  void shouldRefuseAnUnsignedRequest() throws Exception {
    var request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/"))
        .header("Content-Type", AwsJsonServer.CONTENT_TYPE).header("X-Amz-Target", "AWSStepFunctions.ListStateMachines")
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
    var answer = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(403);
    assertThat(MAPPER.readTree(answer.body()).get("__type").asText()).isEqualTo("MissingAuthenticationTokenException");
  }

  /** ListStateMachines signed by the SDK's own SigV4 signer, for a service and at a time of the test's choosing. */
  private static HttpResponse<String> sendSigned(String service, Clock clock) throws Exception {
    var body = "{}";
    var unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(URI.create("http://localhost:" + server.port() + "/"))
        .putHeader("Content-Type", AwsJsonServer.CONTENT_TYPE).putHeader("X-Amz-Target", "AWSStepFunctions.ListStateMachines").build();
    var signed = AwsV4HttpSigner.create().sign(r -> r.identity(AwsCredentialsIdentity.create(KEY, SECRET))
        .request(unsigned)
        .payload(ContentStreamProvider.fromUtf8String(body))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
        .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, clock));
    var request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/")).POST(HttpRequest.BodyPublishers.ofString(body));
    signed.request().headers().forEach((name, values) -> {
      if (!name.equalsIgnoreCase("Host")) {
        values.forEach(value -> request.header(name, value));
      }
    });
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void assertRefused(Runnable call, String errorCode, String messageStart) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(SfnException.class, e -> {
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo(errorCode);
      assertThat(e.awsErrorDetails().errorMessage()).startsWith(messageStart);
      assertThat(e.statusCode()).isEqualTo(403);
    });
  }
}
