package dev.stepfold.engine;

import dev.stepfold.arn.ExecutionArn;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * The token of one scheduled task. It names the execution and the event that scheduled the task, so that a
 * {@code SendTaskSuccess} can be routed to the execution's partition without a lookup, and it is made the same way on
 * every replay.
 */
public record TaskToken(String value) {
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
  private static final char SEPARATOR = '#';

  public TaskToken {
    Objects.requireNonNull(value, "value");
  }

  public static TaskToken of(ExecutionArn executionArn, long scheduledEventId) {
    var plain = executionArn.value() + SEPARATOR + scheduledEventId;
    return new TaskToken(ENCODER.encodeToString(plain.getBytes(StandardCharsets.UTF_8)));
  }

  /** The execution this token belongs to, or empty when the token is not one stepfold made. */
  public Optional<ExecutionArn> executionArn() {
    try {
      var plain = new String(DECODER.decode(value), StandardCharsets.UTF_8);
      var separator = plain.lastIndexOf(SEPARATOR);
      if (separator < 0) {
        return Optional.empty();
      }
      Long.parseLong(plain.substring(separator + 1));
      return Optional.of(new ExecutionArn(plain.substring(0, separator)));
    } catch (IllegalArgumentException notOurs) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
