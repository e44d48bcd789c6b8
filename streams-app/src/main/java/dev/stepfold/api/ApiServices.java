package dev.stepfold.api;

import dev.stepfold.arn.ArnFormat;
import dev.stepfold.streams.ExecutionQueries;
import dev.stepfold.streams.StateMachineReads;
import java.time.Duration;
import java.util.Objects;

/**
 * What operations work with: the one path into the engine ({@link CommandGateway}), the reads of executions and of
 * state machines, the ARNs of this deployment, and how long to wait for the global store to show a write.
 */
public record ApiServices(
    CommandGateway commands, ExecutionQueries executions, StateMachineReads stateMachines, ArnFormat arns, Duration readsTimeout) {
  public ApiServices {
    Objects.requireNonNull(commands, "commands");
    Objects.requireNonNull(executions, "executions");
    Objects.requireNonNull(stateMachines, "stateMachines");
    Objects.requireNonNull(arns, "arns");
    Objects.requireNonNull(readsTimeout, "readsTimeout");
  }
}
