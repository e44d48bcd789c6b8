package dev.stepfold.redrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepfold.arn.ArnFormat;
import dev.stepfold.asl.ExecutionType;
import dev.stepfold.asl.parse.DefinitionParser;
import dev.stepfold.asl.parse.ParsedDefinition;
import dev.stepfold.engine.Command;
import dev.stepfold.engine.ExecutionState;
import dev.stepfold.engine.ExecutionStatus;
import dev.stepfold.engine.StepfoldDecider;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BulkRedriveChoiceTest {
  private static final Instant FAILED_AT = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant NOW = FAILED_AT.plus(Duration.ofHours(1));
  private final StepfoldDecider decider = new StepfoldDecider();

  @Test
  void shouldRedriveAMatchingRedrivableExecution() {
    assertThat(BulkRedriveChoice.of(failed("Payment.Declined"), BulkRedriveFilter.ALL_UNSUCCESSFUL, NOW))
        .isEqualTo(new BulkRedriveChoice.Redrive());
  }

  @Test
  void shouldLeaveOutExecutionsTheFilterDoesNotMatch() {
    var execution = failed("Payment.Declined");
    var otherError = new BulkRedriveFilter(Set.of(), Optional.empty(), Optional.empty(), Optional.of("States.Timeout"), OptionalInt.empty());
    var onlyAborted = new BulkRedriveFilter(Set.of(ExecutionStatus.ABORTED), Optional.empty(), Optional.empty(), Optional.empty(), OptionalInt.empty());
    var closedLater = new BulkRedriveFilter(Set.of(), Optional.of(FAILED_AT.plusSeconds(1)), Optional.empty(), Optional.empty(), OptionalInt.empty());
    var closedEarlier = new BulkRedriveFilter(Set.of(), Optional.empty(), Optional.of(FAILED_AT), Optional.empty(), OptionalInt.empty());

    for (var filter : new BulkRedriveFilter[] {otherError, onlyAborted, closedLater, closedEarlier}) {
      assertThat(BulkRedriveChoice.of(execution, filter, NOW)).as(filter.toString()).isEqualTo(new BulkRedriveChoice.NotSelected());
    }
    var window = new BulkRedriveFilter(Set.of(ExecutionStatus.FAILED), Optional.of(FAILED_AT), Optional.of(FAILED_AT.plusSeconds(1)),
        Optional.of("Payment.Declined"), OptionalInt.empty());
    assertThat(BulkRedriveChoice.of(execution, window, NOW)).isEqualTo(new BulkRedriveChoice.Redrive());
  }

  @Test
  void shouldLeaveOutExecutionsRedrivenAsOftenAsTheBoundAllows() {
    var redriven = decider.decide(failed("Payment.Declined"), new Command.RedriveExecution("r", arn(), Optional.empty()), NOW);
    var rerunToken = redriven.tasks().get(0).taskToken();
    var failedAgain = decider.decide(redriven.execution(),
        new Command.SendTaskFailure("f", arn(), rerunToken, Optional.of("Payment.Declined"), Optional.empty()), NOW.plusSeconds(1)).execution();
    var belowOne = new BulkRedriveFilter(Set.of(), Optional.empty(), Optional.empty(), Optional.empty(), OptionalInt.of(1));
    var belowTwo = new BulkRedriveFilter(Set.of(), Optional.empty(), Optional.empty(), Optional.empty(), OptionalInt.of(2));

    assertThat(failedAgain.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(BulkRedriveChoice.of(failedAgain, belowOne, NOW.plusSeconds(2))).isEqualTo(new BulkRedriveChoice.NotSelected());
    assertThat(BulkRedriveChoice.of(failedAgain, belowTwo, NOW.plusSeconds(2))).isEqualTo(new BulkRedriveChoice.Redrive());
  }

  @Test
  void shouldSkipAMatchingExecutionThatCannotBeRedrivenWithTheReason() {
    assertThat(BulkRedriveChoice.of(failed("Payment.Declined"), BulkRedriveFilter.ALL_UNSUCCESSFUL, FAILED_AT.plus(Duration.ofDays(15))))
        .isEqualTo(new BulkRedriveChoice.Skip("Execution redrivable period exceeded"));
  }

  @Test
  void shouldRefuseFiltersThatCouldNeverRedriveAnything() {
    assertThatThrownBy(() -> new BulkRedriveFilter(Set.of(ExecutionStatus.SUCCEEDED), Optional.empty(), Optional.empty(), Optional.empty(),
        OptionalInt.empty())).hasMessageContaining("SUCCEEDED");
    assertThatThrownBy(() -> new BulkRedriveFilter(Set.of(), Optional.empty(), Optional.empty(), Optional.empty(), OptionalInt.of(0)))
        .hasMessageContaining("redriveCountBelow");
    assertThatThrownBy(() -> new BulkRedriveFilter(Set.of(), Optional.of(NOW), Optional.of(FAILED_AT), Optional.empty(), OptionalInt.empty()))
        .hasMessageContaining("closedAfter before closedBefore");
  }

  @Test
  void shouldGiveEveryRedriveOfOneBulkRequestTheSameValidClientToken() {
    var token = BulkRedriveTokens.clientToken("bulk-2026-11-25");
    assertThat(token).isEqualTo(BulkRedriveTokens.clientToken("bulk-2026-11-25")).matches("[!-~]{1,64}");
    assertThat(BulkRedriveTokens.clientToken("bulk-2026-11-26")).isNotEqualTo(token);
  }

  private dev.stepfold.arn.ExecutionArn arn() {
    return ArnFormat.DEFAULT.stateMachine("bulk").execution("b-1");
  }

  private ExecutionState failed(String error) {
    var definition = (ParsedDefinition.Valid) DefinitionParser.parse("""
        {"StartAt": "Charge", "States": {"Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}""",
        ExecutionType.STANDARD);
    var stateMachine = ArnFormat.DEFAULT.stateMachine("bulk");
    var running = decider.decide(decider.initialState(), new Command.StartExecution("start", arn(), stateMachine, ExecutionType.STANDARD,
        definition.definition(), "{}", "arn:aws:iam::111111111111:role/stepfold"), FAILED_AT.minusSeconds(10));
    var token = running.tasks().get(0).taskToken();
    return decider.decide(running.execution(), new Command.SendTaskFailure("f", arn(), token, Optional.of(error), Optional.empty()), FAILED_AT)
        .execution();
  }
}
