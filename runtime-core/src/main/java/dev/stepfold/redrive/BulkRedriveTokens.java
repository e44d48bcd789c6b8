package dev.stepfold.redrive;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The client token a bulk redrive gives each redrive it makes: the same for every execution of one bulk request, and
 * derived from its request id, so a bulk request sent twice asks each execution for the same redrive and R15 answers
 * the second time without redriving again. A SHA-256 prefix keeps it within the token's 64 printable characters.
 */
public final class BulkRedriveTokens {
  private BulkRedriveTokens() {}

  public static String clientToken(String bulkRequestId) {
    try {
      var digest = MessageDigest.getInstance("SHA-256").digest(bulkRequestId.getBytes(StandardCharsets.UTF_8));
      return "bulk-" + HexFormat.of().formatHex(digest, 0, 24);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java platform has SHA-256", e);
    }
  }
}
