package dev.stepfold.api;

import dev.stepfold.error.ApiError;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * An opaque {@code nextToken} for a listing the API pages itself: where the next page starts, with the operation it
 * was made for, in base64url. A token that does not read, or was made by another operation, is {@code InvalidToken}.
 */
public final class PageToken {
  private final String operation;

  public PageToken(String operation) {
    this.operation = operation;
  }

  public String write(String position) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString((operation + "\n" + position).getBytes(StandardCharsets.UTF_8));
  }

  /** The position the token holds. */
  public String read(String token) {
    String text;
    try {
      text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalid(token);
    }
    var prefix = operation + "\n";
    if (!text.startsWith(prefix) || text.length() == prefix.length()) {
      throw invalid(token);
    }
    return text.substring(prefix.length());
  }

  private static ApiException invalid(String token) {
    return ApiException.of(ApiError.INVALID_TOKEN, "Invalid Token: '" + token + "'");
  }
}
