package dev.stepfold.fault;

import java.util.List;
import java.util.Set;

/**
 * The state machines the fault suite keeps starting: each a shape the runtime must carry through faults (tasks, a Wait,
 * Retry, Parallel, Map, a failure redriven, an activity, a Distributed Map), every one expected to end SUCCEEDED. Their
 * tasks are served by the suite's Kafka worker ({@code fault-work}), the activity's by its pollers over the API
 * ({@link ActivityPollers}); a task whose payload says {@code "flaky": true} fails once per execution and state with
 * {@code Fault.Planned}, then succeeds. The activity task retries {@code States.Timeout}: a task handed to a poll that
 * an instance held when it was SIGKILLed has no worker until its time-out, as a task taken by a worker that dies.
 */
public final class Workload {
  public record Shape(String name, String definition, boolean redriven) {}

  private static final String TASK = """
      {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "TimeoutSeconds": 120,
       "Parameters": {"FunctionName": "fault-work", "Payload": {"flaky": %s, "step.$": "$$.State.Name"}}, %s}""";

  public static final List<Shape> SHAPES = List.of(
      new Shape("tasks", """
          {"StartAt": "First", "States": {"First": %s, "Pause": {"Type": "Wait", "Seconds": 1, "Next": "Second"}, "Second": %s}}"""
          .formatted(task(false, "\"ResultPath\": null, \"Next\": \"Pause\""), task(false, "\"End\": true")), false),
      new Shape("retry", """
          {"StartAt": "Flaky", "States": {"Flaky": %s}}""".formatted(task(true,
          "\"Retry\": [{\"ErrorEquals\": [\"Fault.Planned\"], \"IntervalSeconds\": 1, \"MaxAttempts\": 2}], \"End\": true")), false),
      new Shape("parallel", """
          {"StartAt": "Both", "States": {"Both": {"Type": "Parallel", "End": true, "Branches": [
            {"StartAt": "Left", "States": {"Left": %s}}, {"StartAt": "Right", "States": {"Right": %s}}]}}}"""
          .formatted(task(false, "\"End\": true"), task(false, "\"End\": true")), false),
      new Shape("map", """
          {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 2, "End": true,
            "ItemProcessor": {"StartAt": "Item", "States": {"Item": %s}}}}}""".formatted(task(false, "\"End\": true")), false),
      new Shape("redrive", """
          {"StartAt": "Fails", "States": {"Fails": %s}}""".formatted(task(true, "\"End\": true")), true),
      new Shape("activity", """
          {"StartAt": "Polled", "States": {"Polled": {"Type": "Task", "Resource": "%s", "TimeoutSeconds": 60,
            "Retry": [{"ErrorEquals": ["States.Timeout"], "IntervalSeconds": 1, "MaxAttempts": 3}], "End": true}}}"""
          .formatted(ActivityPollers.activityArn()), false),
      new Shape("distributed", """
          {"StartAt": "Fan", "States": {"Fan": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 2, "End": true,
            "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
              "StartAt": "Item", "States": {"Item": %s}}}}}""".formatted(task(false, "\"End\": true")), false));

  /** The events that schedule a task whose effect the sink records, and those that say it succeeded. */
  static final Set<String> TASK_SCHEDULED = Set.of("TaskScheduled", "ActivityScheduled");
  static final Set<String> TASK_SUCCEEDED = Set.of("TaskSucceeded", "ActivitySucceeded");
  static final Set<String> TASK_TIMED_OUT = Set.of("TaskTimedOut", "ActivityTimedOut");

  public static final String INPUT = "{\"items\": [1, 2, 3]}";

  private Workload() {}

  private static String task(boolean flaky, String rest) {
    return TASK.formatted(flaky, rest);
  }
}
