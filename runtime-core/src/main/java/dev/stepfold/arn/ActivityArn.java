package dev.stepfold.arn;

/** {@code arn:<partition>:states:<region>:<account>:activity:<name>}. */
public record ActivityArn(String value) {
  public ActivityArn {
    Arns.requireResource(value, "activity");
  }

  public String name() {
    return Arns.segment(value, 6);
  }

  @Override
  public String toString() {
    return value;
  }
}
