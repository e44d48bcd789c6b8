package dev.stepfold.statemachine;

import dev.stepfold.arn.StateMachineArn;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a state machine ARN names: the state machine itself ({@code ...:stateMachine:orders}), one of its versions
 * ({@code ...:orders:3}) or one of its aliases ({@code ...:orders:PROD}). A version's qualifier is its number; an alias's
 * name has at least one character that is not a digit (AWS's alias name pattern), so the two never meet.
 */
public sealed interface StateMachineTarget {
  /** The unqualified ARN of the state machine. */
  StateMachineArn stateMachineArn();

  record Latest(StateMachineArn stateMachineArn) implements StateMachineTarget {
    public Latest {
      Objects.requireNonNull(stateMachineArn, "stateMachineArn");
    }
  }

  record Version(StateMachineArn stateMachineArn, long number) implements StateMachineTarget {
    public Version {
      Objects.requireNonNull(stateMachineArn, "stateMachineArn");
    }

    public String arn() {
      return StateMachine.versionArn(stateMachineArn, number);
    }
  }

  record Alias(StateMachineArn stateMachineArn, String name) implements StateMachineTarget {
    public Alias {
      Objects.requireNonNull(stateMachineArn, "stateMachineArn");
      Objects.requireNonNull(name, "name");
    }

    public String arn() {
      return stateMachineArn.value() + ":" + name;
    }
  }

  /** Version numbers: what fits a long, leading zeros left to the lookup to miss. */
  Pattern VERSION = Pattern.compile("\\d{1,18}");

  static StateMachineTarget of(StateMachineArn arn) {
    var parts = arn.value().split(":", -1);
    if (parts.length <= 7) {
      return new Latest(arn);
    }
    var stateMachine = new StateMachineArn(String.join(":", Arrays.copyOf(parts, 7)));
    var qualifier = String.join(":", Arrays.copyOfRange(parts, 7, parts.length));
    return VERSION.matcher(qualifier).matches() ? new Version(stateMachine, Long.parseLong(qualifier)) : new Alias(stateMachine, qualifier);
  }
}
