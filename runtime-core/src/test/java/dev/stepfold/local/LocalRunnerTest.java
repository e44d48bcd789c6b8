package dev.stepfold.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.stepfold.arn.ArnFormat;
import dev.stepfold.asl.ExecutionType;
import dev.stepfold.asl.QueryLanguage;
import dev.stepfold.asl.StateGraph;
import dev.stepfold.asl.StateMachineDefinition;
import dev.stepfold.engine.Command;
import dev.stepfold.engine.ExecutionStatus;
import dev.stepfold.history.HistoryEventType;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class LocalRunnerTest {
  private static final Instant T0 = Instant.ofEpochSecond(1_000);

  @Test
  void shouldAnswerEveryOpenTaskAndEndWhenTheExecutionCloses() {
    var engine = new FakeDecider(60, "A", "B");
    var answers = (TaskAnswers) task -> TaskAnswer.succeed("\"" + task.stateName() + "\"");

    var run = new LocalRunner(engine).run(start("{}"), T0, answers);

    assertThat(run.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(run.output()).map(Object::toString).contains("\"\\\"A\\\",\\\"B\\\"\"");
    assertThat(run.stuck()).isEmpty();
    assertThat(run.events()).extracting(event -> event.type())
        .containsExactly(HistoryEventType.EXECUTION_STARTED, HistoryEventType.TASK_SCHEDULED, HistoryEventType.TASK_SCHEDULED,
            HistoryEventType.TASK_SUCCEEDED, HistoryEventType.TASK_SUCCEEDED);
    assertThat(engine.log).containsExactly("StartExecution@1000", "SendTaskSuccess@1000(\"A\")", "SendTaskSuccess@1000(\"B\")");
  }

  @Test
  void shouldDeliverStartedAndSubmittedBeforeTheOutcome() {
    var engine = new FakeDecider(60, "A");
    var answers = (TaskAnswers) task -> new TaskAnswer.Started(Optional.of("worker-1"), new TaskAnswer.Submitted("{\"id\":1}", TaskAnswer.succeed("{}")));

    new LocalRunner(engine).run(start("{}"), T0, answers);

    assertThat(engine.log).containsExactly("StartExecution@1000", "ReportTaskStarted@1000(worker-1)", "ReportTaskSubmitted@1000({\"id\":1})",
        "SendTaskSuccess@1000({})");
  }

  @Test
  void shouldFireTheTimeOutOnTheVirtualClockWhenATaskIsNotAnswered() {
    var engine = new FakeDecider(3600, "A");

    var run = new LocalRunner(engine).run(start("{}"), T0, TaskAnswers.none("recorded as timed out"));

    assertThat(run.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(run.error()).contains("States.Timeout");
    assertThat(engine.log).containsExactly("StartExecution@1000", "FireTimer@4600");
    assertThat(run.events()).last().extracting(event -> event.timestamp()).isEqualTo(T0.plusSeconds(3600));
  }

  @Test
  void shouldReportAFailedTaskWithItsErrorAndCause() {
    var run = new LocalRunner(new FakeDecider(60, "A")).run(start("{}"), T0, task -> TaskAnswer.fail("Boom", "it broke"));

    assertThat(run.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(run.error()).contains("Boom");
    assertThat(run.cause()).contains("it broke");
  }

  @Test
  void shouldFireOnlyTheTimersStillSet() {
    var engine = new FakeDecider(10, "A", "B");
    // A's answer cancels its time-out; B's time-out ends the execution
    TaskAnswers answers = task -> task.stateName().equals("A") ? new TaskAnswer.Submitted("{}", TaskAnswer.succeed("1")) : TaskAnswer.noAnswer("later");

    var run = new LocalRunner(engine).run(start("{}"), T0, answers);

    assertThat(run.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(run.notes()).isEmpty();
    assertThat(engine.log).containsExactly("StartExecution@1000", "ReportTaskSubmitted@1000({})", "SendTaskSuccess@1000(1)", "FireTimer@1010");
  }

  @Test
  void shouldReportStuckWhenNothingIsLeftToAnswerOrFire() {
    var engine = new FakeDecider(0, "A");

    var run = new LocalRunner(engine).run(start("{}"), T0, TaskAnswers.none("no mock"));

    assertThat(run.status()).isEqualTo(ExecutionStatus.RUNNING);
    assertThat(run.stuck()).hasValueSatisfying(reason -> assertThat(reason).contains("state 'A' (no mock)"));
  }

  @Test
  void shouldReturnTheRejectionOfStartExecution() {
    var run = new LocalRunner(new FakeDecider(60, "A")).run(start("not json"), T0, TaskAnswers.none("none"));

    assertThat(run.rejection()).hasValueSatisfying(rejected -> assertThat(rejected.error().awsName()).isEqualTo("InvalidExecutionInput"));
    assertThat(run.events()).isEmpty();
  }

  static Command.StartExecution start(String input) {
    var stateMachine = ArnFormat.DEFAULT.stateMachine("Local");
    var definition = new StateMachineDefinition(new StateGraph("A", Map.of()), QueryLanguage.JSONPATH, OptionalLong.empty(), Optional.empty(),
        JsonNodeFactory.instance.objectNode());
    return new Command.StartExecution("r1", stateMachine.execution("e1"), stateMachine, ExecutionType.STANDARD, definition, input,
        "arn:aws:iam::111111111111:role/r");
  }
}
