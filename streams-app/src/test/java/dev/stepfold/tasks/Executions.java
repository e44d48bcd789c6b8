package dev.stepfold.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepfold.api.SdkAssertions;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/** What the runners' tests do through the AWS SDK: make a state machine, start it, wait for it, read its history, redrive it. */
final class Executions {
  static final String ROLE = "arn:aws:iam::123456789012:role/stepfold";
  private final SfnClient sfn;

  Executions(SfnClient sfn) {
    this.sfn = sfn;
  }

  String stateMachine(String name, String definition) {
    return sfn.createStateMachine(r -> r.name(name + "-" + UUID.randomUUID().toString().substring(0, 8)).definition(definition).roleArn(ROLE))
        .stateMachineArn();
  }

  String start(String stateMachineArn, String input) {
    return sfn.startExecution(r -> r.stateMachineArn(stateMachineArn).input(input)).executionArn();
  }

  DescribeExecutionResponse await(String executionArn, ExecutionStatus status) {
    return SdkAssertions.awaitStatus(sfn, executionArn, status);
  }

  DescribeExecutionResponse run(String stateMachineArn, String input, ExecutionStatus status) {
    return await(start(stateMachineArn, input), status);
  }

  List<HistoryEvent> history(String executionArn) {
    return sfn.getExecutionHistoryPaginator(r -> r.executionArn(executionArn)).events().stream().toList();
  }

  /** The history's event types, in order. */
  List<String> types(String executionArn) {
    return history(executionArn).stream().map(HistoryEvent::typeAsString).toList();
  }

  /** The error of every failed task attempt, in order. */
  List<String> taskErrors(String executionArn) {
    return history(executionArn).stream().map(event -> event.taskFailedEventDetails() != null ? event.taskFailedEventDetails().error()
        : event.lambdaFunctionFailedEventDetails() != null ? event.lambdaFunctionFailedEventDetails().error() : null)
        .filter(error -> error != null).toList();
  }

  DescribeExecutionResponse redrive(String executionArn, ExecutionStatus status) {
    sfn.redriveExecution(r -> r.executionArn(executionArn));
    return await(executionArn, status);
  }

  void assertFailed(DescribeExecutionResponse described, String error) {
    assertThat(described.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(described.error()).isEqualTo(error);
  }
}
