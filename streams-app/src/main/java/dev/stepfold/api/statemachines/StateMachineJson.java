package dev.stepfold.api.statemachines;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.api.Members;
import java.util.List;

/** What the state machine operations share: the logging and tracing stepfold reports, and the members they read alike. */
public final class StateMachineJson {
  public static final List<String> TYPES = List.of("STANDARD", "EXPRESS");
  static final int VERSION_DESCRIPTION_LENGTH = 256;

  private StateMachineJson() {}

  /** Logging off and tracing disabled, as AWS reports a state machine created without them; stepfold writes no logs or traces. */
  public static void configurations(ObjectNode json) {
    json.putObject("loggingConfiguration").put("level", "OFF").put("includeExecutionData", false);
    json.putObject("tracingConfiguration").put("enabled", false);
  }

  /** The configuration members a create or an update may carry, read for their shape only: stepfold keeps none of them. */
  static void readConfigurations(Members in) {
    in.optionalObject("loggingConfiguration");
    in.optionalObject("tracingConfiguration");
    in.optionalObject("encryptionConfiguration");
  }
}
