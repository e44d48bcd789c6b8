package dev.stepfold.arn;

import java.util.Objects;
import java.util.regex.Pattern;

/** The partition, region and account that stepfold writes into the ARNs it makes, like one AWS account in one region. */
public record ArnFormat(String partition, String region, String account) {
  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}"); // before DEFAULT, which checks its account with it

  public static final ArnFormat DEFAULT = new ArnFormat("aws", "us-east-1", "123456789012");

  public ArnFormat {
    Objects.requireNonNull(partition, "partition");
    Objects.requireNonNull(region, "region");
    if (!ACCOUNT.matcher(account).matches()) {
      throw new IllegalArgumentException("Expected a 12-digit account, but got '" + account + "'");
    }
  }

  public StateMachineArn stateMachine(String name) {
    return new StateMachineArn("arn:%s:states:%s:%s:stateMachine:%s".formatted(partition, region, account, name));
  }

  public ActivityArn activity(String name) {
    return new ActivityArn("arn:%s:states:%s:%s:activity:%s".formatted(partition, region, account, name));
  }
}
