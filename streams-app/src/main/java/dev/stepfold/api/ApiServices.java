package dev.stepfold.api;

import dev.stepfold.arn.ArnFormat;
import dev.stepfold.engine.StepfoldDecider;
import dev.stepfold.streams.ActivityReads;
import dev.stepfold.streams.ExecutionQueries;
import dev.stepfold.streams.StateMachineReads;
import dev.stepfold.tasks.MockedExecutions;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What operations work with: the one path into the engine ({@link CommandGateway}), the reads of executions, of state
 * machines and of activities, the ARNs of this deployment, how long to wait for a global store to show a write, how
 * long a GetActivityTask waits for a task, and the engine itself for what it computes without a command or a store
 * (TestState); and, with a mock configuration, the executions started with a test case of it.
 */
public record ApiServices(
    CommandGateway commands, ExecutionQueries executions, StateMachineReads stateMachines, ArnFormat arns, Duration readsTimeout,
    ActivityReads activities, Duration activityPoll, StepfoldDecider engine, Optional<MockedExecutions> mockedExecutions) {
  public ApiServices {
    Objects.requireNonNull(commands, "commands");
    Objects.requireNonNull(executions, "executions");
    Objects.requireNonNull(stateMachines, "stateMachines");
    Objects.requireNonNull(arns, "arns");
    Objects.requireNonNull(readsTimeout, "readsTimeout");
    Objects.requireNonNull(activities, "activities");
    Objects.requireNonNull(activityPoll, "activityPoll");
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(mockedExecutions, "mockedExecutions");
  }
}
