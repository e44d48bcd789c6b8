package dev.stepfold.redrive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepfold.arn.ArnFormat;
import dev.stepfold.asl.ExecutionType;
import dev.stepfold.asl.parse.DefinitionParser;
import dev.stepfold.asl.parse.ParsedDefinition;
import dev.stepfold.engine.Command;
import dev.stepfold.engine.Redrives;
import dev.stepfold.engine.StepfoldDecider;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RedriveStatusTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private final StepfoldDecider decider = new StepfoldDecider();

  @Test
  void R10_R11_R60_R61_reportTheRedriveFieldsThroughTheExecutionsLife() {
    var definition = (ParsedDefinition.Valid) DefinitionParser.parse("""
        {"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}""",
        ExecutionType.STANDARD);
    var stateMachine = ArnFormat.DEFAULT.stateMachine("status");
    var arn = stateMachine.execution("s-1");
    var running = decider.decide(decider.initialState(), new Command.StartExecution("start", arn, stateMachine, ExecutionType.STANDARD,
        definition.definition(), "{}", "arn:aws:iam::111111111111:role/stepfold"), NOW);

    assertThat(RedriveStatus.of(running.execution(), NOW)).isEqualTo(new RedriveStatus(0, Optional.empty(), RedriveStatus.NOT_REDRIVABLE,
        Optional.of("Execution is RUNNING and cannot be redriven"), Redrives.NOT_REDRIVEN));

    var token = running.tasks().get(0).taskToken();
    var failed = decider.decide(running.execution(), new Command.SendTaskFailure("f", arn, token, Optional.of("Boom"), Optional.empty()), NOW);
    assertThat(RedriveStatus.of(failed.execution(), NOW.plusSeconds(1))).isEqualTo(
        new RedriveStatus(0, Optional.empty(), RedriveStatus.REDRIVABLE, Optional.empty(), Redrives.NOT_REDRIVEN));

    var redriveAt = NOW.plus(Duration.ofHours(1));
    var redriven = decider.decide(failed.execution(), new Command.RedriveExecution("r", arn, Optional.empty()), redriveAt);
    assertThat(RedriveStatus.of(redriven.execution(), redriveAt)).isEqualTo(new RedriveStatus(1, Optional.of(redriveAt),
        RedriveStatus.NOT_REDRIVABLE, Optional.of("Execution is RUNNING and cannot be redriven"), Redrives.REDRIVEN));

    assertThat(RedriveStatus.of(failed.execution(), NOW.plus(Duration.ofDays(15))).redriveStatusReason())
        .contains("Execution redrivable period exceeded");
  }
}
