package dev.stepfold.engine;

import static dev.stepfold.engine.EngineTestKit.given;
import static dev.stepfold.engine.EngineTestKit.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stepfold.arn.ArnFormat;
import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.codec.RedrivePlanJson;
import dev.stepfold.history.EventDetails;
import dev.stepfold.history.HistoryEventType;
import dev.stepfold.history.StartedBy;
import dev.stepfold.redrive.RedrivePlanner;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A parent's redrive and its failed {@code .sync} child: started again as AWS does (R29), or, with
 * {@link NestedRedrive#REDRIVE_CHILD}, the child itself redriven, continuing from its own failed step with its own
 * history and reporting to the parent's new task.
 */
class NestedRedriveTest {
  private static final ExecutionArn CHILD = ArnFormat.DEFAULT.stateMachine("child").execution("child-1");
  private static final String PARENT = """
      {"StartAt": "Child", "States": {"Child": {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2", "TimeoutSeconds": 60,
        "Parameters": {"StateMachineArn": "%s", "Name": "child-1", "Input": {"n": 1}}, "End": true}}}""".formatted(CHILD.stateMachine().value());
  private static final String CHILD_DEFINITION = """
      {"StartAt": "Prepare", "States": {
        "Prepare": {"Type": "Pass", "Result": "prepared", "ResultPath": "$.prepared", "Next": "Work"},
        "Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}""";

  private static StepfoldDecider redrivingChildren() {
    return new StepfoldDecider(ActivityDirectory.ANY, StateMachineDirectory.NONE_DELETING, NestedRedrive.REDRIVE_CHILD);
  }

  /** Delivers what {@code from}'s last decision sends to {@code to}'s execution; returns how many commands. */
  private static int deliver(EngineTestKit from, EngineTestKit to) {
    var commands = from.last.outbound().stream().filter(Outbound.ToExecution.class::isInstance).map(message -> ((Outbound.ToExecution) message).command())
        .filter(command -> command.executionArn().equals(to.executionArn)).toList();
    commands.forEach(to::send);
    return commands.size();
  }

  /** A parent whose child's task failed, so that the child, its task and the parent failed. */
  private static List<EngineTestKit> failedParentAndChild(StepfoldDecider decider) {
    var parent = given(PARENT, decider);
    var child = given(CHILD_DEFINITION, decider, CHILD);
    parent.start("{}");
    var start = (Outbound.StartChild) parent.last.outbound().stream().filter(Outbound.StartChild.class::isInstance).findFirst().orElseThrow();
    var started = (dev.stepfold.engine.nested.NestedStart.Start) start.start();
    assertThat(started.executionArn()).isEqualTo(CHILD);
    child.start(started.input(), started.parent());
    assertThat(deliver(child, parent)).as("the child reports that it started").isEqualTo(1);
    child.failTask("Work.Failed", "the work failed");
    assertThat(deliver(child, parent)).as("the child reports how it closed").isEqualTo(1);
    assertThat(child.execution.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(parent.execution.status()).isEqualTo(ExecutionStatus.FAILED);
    return List.of(parent, child);
  }

  @Test
  void aParentsRedriveRedrivesItsFailedSyncChildWhichReportsToTheNewTask() {
    var decider = redrivingChildren();
    var kits = failedParentAndChild(decider);
    var parent = kits.get(0);
    var child = kits.get(1);
    var firstToken = parent.tasks.get(0).taskToken();

    parent.send(new Command.RedriveExecution("redrive-parent", parent.executionArn, Optional.empty()));

    assertThat(parent.last.childStarts()).as("no new child").isEmpty();
    var newTask = parent.lastTask();
    assertThat(newTask.taskToken()).isNotEqualTo(firstToken);
    var redrive = parent.last.outbound().stream().filter(Outbound.RedriveChild.class::isInstance).map(Outbound.RedriveChild.class::cast)
        .findFirst().orElseThrow().redrive();
    assertThat(redrive.executionArn()).isEqualTo(CHILD);
    assertThat(redrive.origin()).isEqualTo(new Origin.ParentTask(parent.executionArn, newTask.taskToken(),
        dev.stepfold.asl.TaskResource.IntegrationPattern.SYNC_2));

    assertThat(deliver(parent, child)).isEqualTo(1);
    assertThat(child.types()).containsOnlyOnce(HistoryEventType.EXECUTION_STARTED);
    var redriven = child.history.stream().filter(event -> event.type() == HistoryEventType.EXECUTION_REDRIVEN).findFirst().orElseThrow();
    assertThat(redriven.details(EventDetails.ExecutionRedriven.class).parentTask())
        .contains(new StartedBy.ParentTask(parent.executionArn, newTask.taskToken().value(), dev.stepfold.asl.TaskResource.IntegrationPattern.SYNC_2));
    assertThat(child.types().subList(child.types().indexOf(HistoryEventType.EXECUTION_REDRIVEN), child.types().size()))
        .as("the child continues from its failed step, not from its first").doesNotContain(HistoryEventType.PASS_STATE_ENTERED)
        .contains(HistoryEventType.TASK_STATE_ENTERED);
    assertThat(deliver(child, parent)).as("the child tells the new task it runs").isEqualTo(1);
    assertThat(parent.types()).endsWith(HistoryEventType.TASK_SCHEDULED, HistoryEventType.TASK_STARTED, HistoryEventType.TASK_SUBMITTED);

    child.succeedTask("{\"done\": true}");
    assertThat(deliver(child, parent)).isEqualTo(1);

    assertThat(child.execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(parent.execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(parent.execution.output().orElseThrow().path("Output")).isEqualTo(json("{\"done\": true}"));
    assertThat(parent.execution.output().orElseThrow().path("ExecutionArn").textValue()).isEqualTo(CHILD.value());
  }

  @Test
  void aChildThatCannotBeRedrivenFailsTheParentsNewTaskWithTheRefusal() {
    var decider = redrivingChildren();
    var parent = given(PARENT, decider);
    var child = given(CHILD_DEFINITION, decider, CHILD);
    parent.start("{}");
    var started = (dev.stepfold.engine.nested.NestedStart.Start) parent.last.childStarts().get(0).start();
    child.start(started.input(), started.parent());
    deliver(child, parent);
    // the parent's task times out; the child, told to stop, has not stopped yet and still runs
    parent.at(java.time.Duration.ofSeconds(61)).fire(Timers.taskTimeout(parent.tasks.get(0).scheduledEventId()));
    assertThat(parent.execution.status()).isEqualTo(ExecutionStatus.FAILED);

    parent.send(new Command.RedriveExecution("redrive-parent", parent.executionArn, Optional.empty()));
    assertThat(deliver(parent, child)).isEqualTo(1);

    assertThat(child.last.isRejected()).isTrue();
    assertThat(child.execution.status()).isEqualTo(ExecutionStatus.RUNNING);
    assertThat(deliver(child, parent)).isEqualTo(1);
    assertThat(parent.types()).endsWith(HistoryEventType.TASK_FAILED, HistoryEventType.EXECUTION_FAILED);
    var failed = parent.history.get(parent.history.size() - 2);
    assertThat(failed.details(EventDetails.TaskFailure.class).error()).contains("StepFunctions.ExecutionNotRedrivableException");
    assertThat(parent.execution.status()).isEqualTo(ExecutionStatus.FAILED);
  }

  @Test
  void theRedrivePlanSaysWhetherTheChildIsRedrivenOrANewOneStarts() {
    var redriving = failedParentAndChild(redrivingChildren()).get(0);
    var startingAgain = failedParentAndChild(new StepfoldDecider()).get(0);

    var redrivePlan = RedrivePlanner.plan(redriving.decider, redriving.execution, redriving.now);
    var startPlan = RedrivePlanner.plan(startingAgain.decider, startingAgain.execution, startingAgain.now);

    assertThat(redrivePlan.reruns().get(0).childExecution()).contains(new dev.stepfold.redrive.RedrivePlan.ChildExecution(CHILD, true));
    assertThat(startPlan.reruns().get(0).childExecution()).contains(new dev.stepfold.redrive.RedrivePlan.ChildExecution(CHILD, false));
    assertThat(RedrivePlanJson.toJson(redriving.executionArn, redrivePlan).path("reruns").path(0).path("childExecution").path("redriven").asBoolean())
        .isTrue();
  }

  @Test
  void R29_withoutTheSettingTheParentsRedriveStartsTheChildAgain() {
    var parent = failedParentAndChild(new StepfoldDecider()).get(0);

    parent.send(new Command.RedriveExecution("redrive-parent", parent.executionArn, Optional.empty()));

    assertThat(parent.last.childStarts()).hasSize(1);
    assertThat(parent.last.outbound()).noneMatch(Outbound.RedriveChild.class::isInstance);
  }
}
