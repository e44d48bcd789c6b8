package dev.stepfold.streams;

import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.arn.StateMachineArn;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The {@code nextToken}s of the reads: where the next page starts, in base64url. A history token holds the execution
 * and the id of the next event; a listing token holds the index key of the last execution listed. A token that does not
 * read, or was made for another execution or state machine, is {@code InvalidToken}.
 */
final class PageTokens {
  private static final String HISTORY = "H";
  private static final String LISTING = "L";

  private PageTokens() {}

  static String history(ExecutionArn executionArn, long nextEventId) {
    return encode(HISTORY + nextEventId + ":" + executionArn.value());
  }

  /** The id of the event the page starts from. */
  static long historyFrom(String token, ExecutionArn executionArn) {
    var text = decode(token);
    int colon = text.indexOf(':');
    if (!text.startsWith(HISTORY) || colon < 0 || !text.substring(colon + 1).equals(executionArn.value())) {
      throw ReadFailure.invalidToken(token);
    }
    try {
      long id = Long.parseLong(text.substring(HISTORY.length(), colon));
      if (id < 1) {
        throw ReadFailure.invalidToken(token);
      }
      return id;
    } catch (NumberFormatException e) {
      throw ReadFailure.invalidToken(token);
    }
  }

  static String listing(String lastIndexKey) {
    return encode(LISTING + lastIndexKey);
  }

  /** The index key the page goes on after. */
  static String listingAfter(String token, StateMachineArn stateMachineArn) {
    var text = decode(token);
    if (!text.startsWith(LISTING) || !ExecutionKeys.isIndexKeyOf(text.substring(LISTING.length()), stateMachineArn)) {
      throw ReadFailure.invalidToken(token);
    }
    return text.substring(LISTING.length());
  }

  private static String encode(String text) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String token) {
    try {
      return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ReadFailure.invalidToken(token);
    }
  }
}
