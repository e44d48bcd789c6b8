package dev.stepfold.streams;

import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.arn.StateMachineArn;
import java.time.Instant;

/**
 * The keys of the history store and of the executions index. Each starts with an ARN written as
 * {@code <length>:<ARN>:}, so that no ARN's keys fall between another's however the ARNs are spelled (the length
 * ends at the first colon), and goes on with fixed-width digits, so that byte order is the order a read wants.
 */
final class ExecutionKeys {
  private static final int DIGITS = 19;
  private static final String LOWEST = "0".repeat(DIGITS);
  private static final String HIGHEST = "9".repeat(DIGITS);

  private ExecutionKeys() {}

  /** {@code <length>:<execution ARN>:<event id, 19 digits>}: an execution's events are one range, in id order. */
  static String historyKey(ExecutionArn executionArn, long eventId) {
    return prefix(executionArn.value()) + "%019d".formatted(eventId);
  }

  static String firstHistoryKey(ExecutionArn executionArn) {
    return prefix(executionArn.value()) + LOWEST;
  }

  static String lastHistoryKey(ExecutionArn executionArn) {
    return prefix(executionArn.value()) + HIGHEST;
  }

  static long eventIdOfHistoryKey(String historyKey) {
    return Long.parseLong(historyKey.substring(historyKey.length() - DIGITS));
  }

  /**
   * {@code <length>:<state machine ARN>:<Long.MAX_VALUE - start epoch millis, 19 digits>:<execution ARN>}: a state
   * machine's executions are one range, newest start first, then by execution ARN.
   */
  static String indexKey(StateMachineArn stateMachineArn, Instant startDate, ExecutionArn executionArn) {
    return prefix(stateMachineArn.value()) + "%019d:".formatted(Long.MAX_VALUE - startDate.toEpochMilli()) + executionArn.value();
  }

  static String firstIndexKey(StateMachineArn stateMachineArn) {
    return prefix(stateMachineArn.value()) + LOWEST;
  }

  static String lastIndexKey(StateMachineArn stateMachineArn) {
    return prefix(stateMachineArn.value()) + HIGHEST + ";";   // ';' sorts after the ':' that follows the digits
  }

  /** Whether {@code indexKey} is an index key of this state machine. */
  static boolean isIndexKeyOf(String indexKey, StateMachineArn stateMachineArn) {
    var prefix = prefix(stateMachineArn.value());
    return indexKey.startsWith(prefix) && indexKey.length() > prefix.length() + DIGITS + 1 && indexKey.charAt(prefix.length() + DIGITS) == ':'
        && indexKey.substring(prefix.length(), prefix.length() + DIGITS).chars().allMatch(Character::isDigit);
  }

  /** The execution ARN at the end of an index key of this state machine. */
  static String executionArnOfIndexKey(String indexKey, StateMachineArn stateMachineArn) {
    return indexKey.substring(prefix(stateMachineArn.value()).length() + DIGITS + 1);
  }

  private static String prefix(String arn) {
    return arn.length() + ":" + arn + ":";
  }
}
