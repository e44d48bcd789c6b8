package dev.stepfold.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The verifier against requests recorded from botocore (which the AWS CLI and boto3 sign with) and from
 * {@code @aws-sdk/client-sfn} (which also signs {@code x-amz-content-sha256}, the SDK headers and
 * {@code x-amz-user-agent}), each signed at 2026-11-25T10:01:08Z, and against requests tampered with after signing.
 * The AWS SDK for Java v2 is checked through the endpoint in {@link SigV4ClientTest}.
 */
class SigV4VerifierTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  private static final Instant SIGNED_AT = Instant.parse("2026-11-25T10:01:08Z");

  private static SigV4Verifier verifier(Instant now) {
    return new SigV4Verifier(Map.of("AKIDEXAMPLE", SECRET), "us-east-1", Clock.fixed(now, ZoneOffset.UTC));
  }

  /** A request recorded as the client sent it: method, path, headers and body. */
  private static SigV4Verifier.SignedRequest recorded(String file) throws IOException {
    try (InputStream in = SigV4VerifierTest.class.getResourceAsStream("/sigv4/" + file)) {
      var json = MAPPER.readTree(in);
      var headers = new LinkedHashMap<String, List<String>>();
      json.get("headers").fields().forEachRemaining(header -> headers.put(header.getKey(), List.of(header.getValue().asText())));
      return new SigV4Verifier.SignedRequest(json.get("method").asText(), json.get("path").asText(), null, headers,
          json.get("body").asText().getBytes(StandardCharsets.UTF_8));
    }
  }

  private static SigV4Verifier.SignedRequest with(SigV4Verifier.SignedRequest request, String header, String value) {
    var headers = new LinkedHashMap<>(request.headers());
    headers.remove(header.toLowerCase(java.util.Locale.ROOT));
    headers.put(header, List.of(value));
    return new SigV4Verifier.SignedRequest(request.method(), request.path(), request.rawQuery(), headers, request.body());
  }

  @ParameterizedTest
  @ValueSource(strings = {"botocore-1.43.11.json", "botocore-1.43.11-endpoint-path.json", "client-sfn-3.1163.0.json"})
  void shouldAcceptARequestAsTheClientSignedIt(String file) throws IOException {
    verifier(SIGNED_AT.plusSeconds(60)).verify(recorded(file));
    verifier(SIGNED_AT.plusSeconds(14 * 60)).verify(recorded(file));
    verifier(SIGNED_AT.minusSeconds(14 * 60)).verify(recorded(file));
  }

  @Test
  void shouldRefuseABodyChangedAfterSigning() throws IOException {
    var request = recorded("botocore-1.43.11.json");
    var changed = new SigV4Verifier.SignedRequest(request.method(), request.path(), null, request.headers(),
        new String(request.body(), StandardCharsets.UTF_8).replace("token-1", "token-2").getBytes(StandardCharsets.UTF_8));
    assertRefused(changed, SIGNED_AT, ErrorTypes.INVALID_SIGNATURE, "The request signature we calculated does not match the signature you provided. "
        + "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
  }

  @Test
  void shouldRefuseASignedHeaderChangedAfterSigning() throws IOException {
    assertRefused(with(recorded("botocore-1.43.11.json"), "X-Amz-Target", "AWSStepFunctions.StopExecution"), SIGNED_AT,
        ErrorTypes.INVALID_SIGNATURE, "The request signature we calculated");
    assertRefused(with(recorded("botocore-1.43.11.json"), "Host", "elsewhere:8083"), SIGNED_AT, ErrorTypes.INVALID_SIGNATURE,
        "The request signature we calculated");
  }

  @Test
  void shouldRefuseABodyThatDoesNotMatchItsSignedHash() throws IOException {
    var request = recorded("client-sfn-3.1163.0.json");
    var changed = new SigV4Verifier.SignedRequest(request.method(), request.path(), null, request.headers(), "{}".getBytes(StandardCharsets.UTF_8));
    assertRefused(changed, SIGNED_AT, ErrorTypes.INVALID_SIGNATURE, "The provided 'x-amz-content-sha256' header does not match what was computed.");
  }

  @Test
  void shouldIgnoreAHeaderTheClientDidNotSign() throws IOException {
    verifier(SIGNED_AT).verify(with(recorded("botocore-1.43.11.json"), "User-Agent", "a proxy rewrote this"));
  }

  @Test
  void shouldRefuseAnotherSecret() throws IOException {
    var other = new SigV4Verifier(Map.of("AKIDEXAMPLE", "another secret"), "us-east-1", Clock.fixed(SIGNED_AT, ZoneOffset.UTC));
    assertThatThrownBy(() -> other.verify(recorded("botocore-1.43.11.json")))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.errorType()).isEqualTo(ErrorTypes.INVALID_SIGNATURE));
  }

  @Test
  void shouldRefuseAnUnknownAccessKey() throws IOException {
    var other = new SigV4Verifier(Map.of("AKIDOTHER", SECRET), "us-east-1", Clock.fixed(SIGNED_AT, ZoneOffset.UTC));
    assertThatThrownBy(() -> other.verify(recorded("botocore-1.43.11.json")))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.errorType()).isEqualTo(ErrorTypes.UNRECOGNIZED_CLIENT);
          assertThat(e.getMessage()).isEqualTo("The security token included in the request is invalid.");
          assertThat(e.status()).isEqualTo(403);
        });
  }

  @Test
  void shouldRefuseAnotherRegion() throws IOException {
    var other = new SigV4Verifier(Map.of("AKIDEXAMPLE", SECRET), "eu-west-1", Clock.fixed(SIGNED_AT, ZoneOffset.UTC));
    assertThatThrownBy(() -> other.verify(recorded("botocore-1.43.11.json")))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.errorType()).isEqualTo(ErrorTypes.INVALID_SIGNATURE);
          assertThat(e.getMessage()).startsWith("Credential should be scoped to a valid region, not 'us-east-1'.");
        });
  }

  @Test
  void shouldRefuseADateMoreThanFifteenMinutesAway() throws IOException {
    assertRefused(recorded("botocore-1.43.11.json"), SIGNED_AT.plusSeconds(16 * 60), ErrorTypes.INVALID_SIGNATURE,
        "Signature expired: 20261125T100108Z is now earlier than 20261125T100208Z (20261125T101708Z - 15 min.)");
    assertRefused(recorded("botocore-1.43.11.json"), SIGNED_AT.minusSeconds(16 * 60), ErrorTypes.INVALID_SIGNATURE,
        "Signature not yet current: 20261125T100108Z is still later than 20261125T100008Z (20261125T094508Z + 15 min.)");
  }

  @Test
  void shouldRefuseAMalformedAuthorizationWithIncompleteSignature() throws IOException {
    var request = recorded("botocore-1.43.11.json");
    assertRefused(with(request, "Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261125/us-east-1/states/aws4_request"), SIGNED_AT,
        ErrorTypes.INCOMPLETE_SIGNATURE, "Authorization header requires 'Signature' parameter.");
    assertRefused(with(request, "Authorization", "Basic dXNlcjpwYXNz"), SIGNED_AT, ErrorTypes.INCOMPLETE_SIGNATURE, "Unsupported AWS 'algorithm': 'Basic'");
    assertRefused(with(request, "X-Amz-Date", "yesterday"), SIGNED_AT, ErrorTypes.INCOMPLETE_SIGNATURE, "Date must be in ISO-8601 'basic format'.");
  }

  @Test
  void shouldRefuseAnUnsignedRequestWhenCredentialsAreConfigured() throws IOException {
    var request = recorded("botocore-1.43.11.json");
    var headers = new LinkedHashMap<>(request.headers());
    headers.remove("authorization");
    assertRefused(new SigV4Verifier.SignedRequest("POST", "/", null, headers, request.body()), SIGNED_AT, ErrorTypes.MISSING_AUTHENTICATION_TOKEN,
        "Missing Authentication Token");
  }

  @Test
  void shouldAcceptAnythingWithoutCredentials() throws IOException {
    var open = new SigV4Verifier(Map.of(), "us-east-1", Clock.systemUTC());
    open.verify(with(recorded("botocore-1.43.11.json"), "Authorization", "garbage"));
    assertThat(open.enabled()).isFalse();
  }

  private static void assertRefused(SigV4Verifier.SignedRequest request, Instant now, String errorType, String messageStart) {
    assertThatThrownBy(() -> verifier(now).verify(request)).isInstanceOfSatisfying(ApiException.class, e -> {
      assertThat(e.errorType()).isEqualTo(errorType);
      assertThat(e.getMessage()).startsWith(messageStart);
    });
  }
}
