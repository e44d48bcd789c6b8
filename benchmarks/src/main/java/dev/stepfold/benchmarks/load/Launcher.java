package dev.stepfold.benchmarks.load;

import dev.stepfold.arn.StateMachineArn;

/**
 * How the load driver reaches stepfold: creates the state machine, starts executions, and answers their one task (its
 * worker lives as long as the launcher). {@link KafkaLauncher} by records on the topics; {@link ApiLauncher} over the
 * AWS Step Functions API.
 */
interface Launcher extends AutoCloseable {
  void createStateMachine(StateMachineArn stateMachine, String definition) throws Exception;

  /**
   * Starts {@code executionName} of {@code stateMachine}; may return before the start is acknowledged. {@code refused}
   * runs if stepfold refuses the start, so the driver stops waiting for its end.
   */
  void start(StateMachineArn stateMachine, String executionName, String input, Runnable refused) throws InterruptedException;

  @Override
  void close();
}
