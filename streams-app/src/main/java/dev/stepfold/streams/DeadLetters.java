package dev.stepfold.streams;

/**
 * The headers a dead letter carries besides the original record's own: why it was refused and where it came from. The
 * key and value are the original record's bytes, untouched.
 */
public final class DeadLetters {
  public static final String REASON = "stepfold.dead-letter.reason";
  public static final String TOPIC = "stepfold.dead-letter.topic";
  public static final String PARTITION = "stepfold.dead-letter.partition";
  public static final String OFFSET = "stepfold.dead-letter.offset";

  private DeadLetters() {}
}
