package dev.stepfold.api;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks the AWS Signature Version 4 of a request, as the spec's §1.6 describes and as the four clients sign: service
 * {@code states}, the configured region, the headers the client chose to sign ({@code SignedHeaders}), the body's hash
 * ({@code x-amz-content-sha256} when sent must match it), and {@code X-Amz-Date} within 15 minutes of the server's
 * clock. The signature is computed here rather than by the AWS SDK's signer: the SDK signs the headers it decides on,
 * while a verifier must sign exactly the client's list.
 *
 * <p>With no credentials configured, nothing is checked: any signature, or none, is accepted.
 */
public final class SigV4Verifier {
  static final String ALGORITHM = "AWS4-HMAC-SHA256";
  static final String SERVICE = "states";
  private static final String TERMINATOR = "aws4_request";
  private static final Duration SKEW = Duration.ofMinutes(15);
  static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT);
  private static final String SIGNATURE_MISMATCH = "The request signature we calculated does not match the signature you provided. "
      + "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

  private final Map<String, String> secrets;
  private final String region;
  private final Clock clock;

  /** {@code secrets} by access key id; empty to accept every request. */
  public SigV4Verifier(Map<String, String> secrets, String region, Clock clock) {
    this.secrets = Map.copyOf(secrets);
    this.region = region;
    this.clock = clock;
  }

  public boolean enabled() {
    return !secrets.isEmpty();
  }

  /** The parts of a request that a signature covers; header names in lower case, each with its values in order. */
  public record SignedRequest(String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body) {
    public SignedRequest {
      var lower = new LinkedHashMap<String, List<String>>();
      headers.forEach((name, values) -> lower.merge(name.toLowerCase(Locale.ROOT), List.copyOf(values),
          (a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream()).toList()));
      headers = Map.copyOf(lower);
    }

    Optional<String> header(String name) {
      var values = headers.get(name);
      return values == null || values.isEmpty() ? Optional.empty() : Optional.of(String.join(",", values));
    }
  }

  /** Returns when the request is signed by a known key with its secret; throws the AWS error that refuses it. */
  public void verify(SignedRequest request) {
    if (!enabled()) {
      return;
    }
    var authorization = request.header("authorization")
        .orElseThrow(() -> new ApiException(ErrorTypes.MISSING_AUTHENTICATION_TOKEN, "Missing Authentication Token"));
    var header = Authorization.parse(authorization);
    var amzDate = request.header("x-amz-date").orElseThrow(() -> new ApiException(ErrorTypes.INCOMPLETE_SIGNATURE,
        "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=" + authorization));
    Instant signedAt;
    try {
      signedAt = LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new ApiException(ErrorTypes.INCOMPLETE_SIGNATURE, "Date must be in ISO-8601 'basic format'. Got '" + amzDate
          + "'. See http://en.wikipedia.org/wiki/ISO_8601");
    }
    var scope = header.credential().split("/", -1);
    if (scope.length != 5) {
      throw new ApiException(ErrorTypes.INCOMPLETE_SIGNATURE, "Credential should be scoped to a valid region. Authorization=" + authorization);
    }
    var accessKeyId = scope[0];
    var secret = secrets.get(accessKeyId);
    if (secret == null) {
      throw new ApiException(ErrorTypes.UNRECOGNIZED_CLIENT, "The security token included in the request is invalid.");
    }
    if (!scope[1].equals(amzDate.substring(0, 8))) {
      throw new ApiException(ErrorTypes.INVALID_SIGNATURE, "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '"
          + scope[1] + "' != '" + amzDate.substring(0, 8) + "', from '" + amzDate + "'.");
    }
    if (!scope[2].equals(region)) {
      throw new ApiException(ErrorTypes.INVALID_SIGNATURE, "Credential should be scoped to a valid region, not '" + scope[2] + "'. ");
    }
    if (!scope[3].equals(SERVICE)) {
      throw new ApiException(ErrorTypes.INVALID_SIGNATURE, "Credential should be scoped to correct service: '" + SERVICE + "'. ");
    }
    if (!scope[4].equals(TERMINATOR)) {
      throw new ApiException(ErrorTypes.INVALID_SIGNATURE, "Credential should be scoped with a valid terminator: 'aws4_request', not '"
          + scope[4] + "'. ");
    }
    var now = clock.instant();
    if (signedAt.isBefore(now.minus(SKEW))) {
      throw new ApiException(ErrorTypes.INVALID_SIGNATURE, "Signature expired: " + amzDate + " is now earlier than "
          + AMZ_DATE.format(now.minus(SKEW).atOffset(ZoneOffset.UTC)) + " (" + AMZ_DATE.format(now.atOffset(ZoneOffset.UTC)) + " - 15 min.)");
    }
    if (signedAt.isAfter(now.plus(SKEW))) {
      throw new ApiException(ErrorTypes.INVALID_SIGNATURE, "Signature not yet current: " + amzDate + " is still later than "
          + AMZ_DATE.format(now.plus(SKEW).atOffset(ZoneOffset.UTC)) + " (" + AMZ_DATE.format(now.atOffset(ZoneOffset.UTC)) + " + 15 min.)");
    }
    var bodyHash = HexFormat.of().formatHex(sha256(request.body()));
    var claimedHash = request.header("x-amz-content-sha256");
    if (claimedHash.isPresent() && !claimedHash.get().equals("UNSIGNED-PAYLOAD") && !claimedHash.get().equalsIgnoreCase(bodyHash)) {
      throw new ApiException(ErrorTypes.INVALID_SIGNATURE, "The provided 'x-amz-content-sha256' header does not match what was computed.");
    }
    var canonical = canonicalRequest(request, header.signedHeaders(), claimedHash.filter("UNSIGNED-PAYLOAD"::equals).orElse(bodyHash));
    var credentialScope = String.join("/", scope[1], scope[2], scope[3], scope[4]);
    var stringToSign = ALGORITHM + "\n" + amzDate + "\n" + credentialScope + "\n" + HexFormat.of().formatHex(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
    var expected = HexFormat.of().formatHex(hmac(signingKey(secret, scope[1], scope[2], scope[3]), stringToSign));
    if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), header.signature().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
      throw new ApiException(ErrorTypes.INVALID_SIGNATURE, SIGNATURE_MISMATCH);
    }
  }

  /** The canonical request of §1.6, step 3: what the client hashed before signing. */
  static String canonicalRequest(SignedRequest request, String signedHeaders, String payloadHash) {
    var canonical = new StringBuilder();
    canonical.append(request.method()).append('\n');
    canonical.append(request.path().isEmpty() ? "/" : request.path()).append('\n');
    canonical.append(canonicalQuery(request.rawQuery())).append('\n');
    for (var name : signedHeaders.split(";")) {
      var values = request.headers().getOrDefault(name, List.of());
      canonical.append(name).append(':');
      for (int i = 0; i < values.size(); i++) {
        canonical.append(i == 0 ? "" : ",").append(values.get(i).trim().replaceAll(" +", " "));
      }
      canonical.append('\n');
    }
    canonical.append('\n').append(signedHeaders).append('\n').append(payloadHash);
    return canonical.toString();
  }

  /** The query's parameters sorted by name, then value, as they were encoded (clients of this API send none). */
  private static String canonicalQuery(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    return java.util.Arrays.stream(rawQuery.split("&")).map(pair -> pair.contains("=") ? pair : pair + "=").sorted().reduce((a, b) -> a + "&" + b)
        .orElse("");
  }

  /** §1.6, step 5. */
  static byte[] signingKey(String secret, String date, String region, String service) {
    var key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
    key = hmac(key, region);
    key = hmac(key, service);
    return hmac(key, TERMINATOR);
  }

  static byte[] hmac(byte[] key, String data) {
    try {
      var mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("Expected HmacSHA256 in every Java 17 runtime, but " + e.getMessage(), e);
    }
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Expected SHA-256 in every Java 17 runtime, but " + e.getMessage(), e);
    }
  }

  /** {@code AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...}. */
  record Authorization(String credential, String signedHeaders, String signature) {
    static Authorization parse(String header) {
      var trimmed = header.trim();
      if (!trimmed.startsWith(ALGORITHM + " ")) {
        var algorithm = trimmed.split(" ", 2)[0];
        throw new ApiException(ErrorTypes.INCOMPLETE_SIGNATURE, "Unsupported AWS 'algorithm': '" + algorithm + "'");
      }
      var parts = new LinkedHashMap<String, String>();
      for (var part : trimmed.substring(ALGORITHM.length()).split(",")) {
        var pair = part.trim().split("=", 2);
        if (pair.length == 2) {
          parts.put(pair[0].trim(), pair[1].trim());
        }
      }
      for (var required : List.of("Credential", "Signature", "SignedHeaders")) {
        if (!parts.containsKey(required) || parts.get(required).isEmpty()) {
          throw new ApiException(ErrorTypes.INCOMPLETE_SIGNATURE, "Authorization header requires '" + required + "' parameter. Authorization=" + header);
        }
      }
      return new Authorization(parts.get("Credential"), parts.get("SignedHeaders"), parts.get("Signature"));
    }
  }
}
