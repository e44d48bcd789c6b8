package dev.stepfold.streams;

import dev.stepfold.asl.ExecutionType;
import dev.stepfold.codec.DefinitionReader;
import dev.stepfold.engine.behavior.Json;
import dev.stepfold.history.RedriveFix;
import java.util.Objects;
import java.util.Optional;

/**
 * The fix a redrive plan is asked for, as the read travels to the instance that owns the execution: the version
 * already looked up (its ARN, the alias it was reached through, its definition's text), the state to continue from,
 * and the corrected input as JSON text (checked by the API).
 */
public record RedrivePlanFix(Optional<Onto> onto, Optional<String> fromState, Optional<String> input, Optional<String> inputMerge) {
  public static final RedrivePlanFix NONE = new RedrivePlanFix(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

  public RedrivePlanFix {
    Objects.requireNonNull(onto, "onto");
    Objects.requireNonNull(fromState, "fromState");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(inputMerge, "inputMerge");
  }

  public record Onto(String stateMachineVersionArn, Optional<String> stateMachineAliasArn, String definition) {
    public Onto {
      Objects.requireNonNull(stateMachineVersionArn, "stateMachineVersionArn");
      Objects.requireNonNull(stateMachineAliasArn, "stateMachineAliasArn");
      Objects.requireNonNull(definition, "definition");
    }
  }

  /** The engine's fix; only STANDARD executions are redriven, so the definition is read as STANDARD. */
  RedriveFix fix(DefinitionReader definitions) {
    var version = onto.map(named -> new RedriveFix.Version(named.stateMachineVersionArn(), named.stateMachineAliasArn(),
        definitions.read(named.definition(), ExecutionType.STANDARD)));
    return new RedriveFix(version, fromState, RedriveFix.InputCorrection.of(input.flatMap(Json::parse), inputMerge.flatMap(Json::parse)));
  }
}
