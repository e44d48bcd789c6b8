package dev.stepfold.api;

import java.util.List;

/** The 37 operations of the Step Functions API (model {@code states-2016-11-23}), by area, as §2.1 of the spec lists them. */
public final class AwsOperations {
  public static final List<String> ALL = List.of(
      // state machines
      "CreateStateMachine", "DeleteStateMachine", "DescribeStateMachine", "ListStateMachines", "TestState", "UpdateStateMachine",
      "ValidateStateMachineDefinition",
      // versions and aliases
      "DeleteStateMachineVersion", "ListStateMachineVersions", "PublishStateMachineVersion", "CreateStateMachineAlias",
      "DeleteStateMachineAlias", "DescribeStateMachineAlias", "ListStateMachineAliases", "UpdateStateMachineAlias",
      // executions
      "DescribeExecution", "DescribeStateMachineForExecution", "GetExecutionHistory", "ListExecutions", "RedriveExecution",
      "StartExecution", "StartSyncExecution", "StopExecution",
      // map runs
      "DescribeMapRun", "ListMapRuns", "UpdateMapRun",
      // activities, and the workers' calls
      "CreateActivity", "DeleteActivity", "DescribeActivity", "ListActivities", "GetActivityTask", "SendTaskFailure",
      "SendTaskHeartbeat", "SendTaskSuccess",
      // tags
      "ListTagsForResource", "TagResource", "UntagResource");

  private AwsOperations() {}
}
