package dev.stepfold.api;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Signs a request to the API as an AWS SDK does (Signature Version 4, service {@code states}), with the canonical
 * request and signing key {@link SigV4Verifier} checks it with: for clients of stepfold's own that speak plain HTTP
 * (the command line).
 */
public final class SigV4Signer {
  private final String accessKeyId;
  private final String secret;
  private final String region;

  public SigV4Signer(String accessKeyId, String secret, String region) {
    this.accessKeyId = accessKeyId;
    this.secret = secret;
    this.region = region;
  }

  /**
   * The headers that sign a {@code POST} of {@code body} to {@code endpoint} with {@code headers} (which are signed
   * too, with the {@code Host} the HTTP client will send): {@code X-Amz-Date} and {@code Authorization}.
   */
  public Map<String, String> sign(URI endpoint, Map<String, String> headers, byte[] body, Instant now) {
    var amzDate = SigV4Verifier.AMZ_DATE.format(now.atOffset(ZoneOffset.UTC));
    var date = amzDate.substring(0, 8);
    var signed = new TreeMap<String, List<String>>();
    headers.forEach((name, value) -> signed.put(name.toLowerCase(java.util.Locale.ROOT), List.of(value)));
    signed.put("host", List.of(endpoint.getHost() + (endpoint.getPort() == -1 ? "" : ":" + endpoint.getPort())));
    signed.put("x-amz-date", List.of(amzDate));
    var signedHeaders = String.join(";", signed.keySet());
    var path = endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty() ? "/" : endpoint.getRawPath();
    var request = new SigV4Verifier.SignedRequest("POST", path, endpoint.getRawQuery(), signed, body);
    var payloadHash = HexFormat.of().formatHex(SigV4Verifier.sha256(body));
    var canonical = SigV4Verifier.canonicalRequest(request, signedHeaders, payloadHash);
    var scope = String.join("/", date, region, SigV4Verifier.SERVICE, "aws4_request");
    var stringToSign = SigV4Verifier.ALGORITHM + "\n" + amzDate + "\n" + scope + "\n"
        + HexFormat.of().formatHex(SigV4Verifier.sha256(canonical.getBytes(StandardCharsets.UTF_8)));
    var signature = HexFormat.of().formatHex(SigV4Verifier.hmac(SigV4Verifier.signingKey(secret, date, region, SigV4Verifier.SERVICE), stringToSign));
    var out = new LinkedHashMap<String, String>();
    out.put("X-Amz-Date", amzDate);
    out.put("Authorization", SigV4Verifier.ALGORITHM + " Credential=" + accessKeyId + "/" + scope + ", SignedHeaders=" + signedHeaders
        + ", Signature=" + signature);
    return out;
  }
}
