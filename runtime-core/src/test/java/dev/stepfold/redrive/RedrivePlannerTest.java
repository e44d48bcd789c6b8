package dev.stepfold.redrive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepfold.arn.ArnFormat;
import dev.stepfold.asl.ExecutionType;
import dev.stepfold.asl.parse.DefinitionParser;
import dev.stepfold.asl.parse.ParsedDefinition;
import dev.stepfold.engine.Command;
import dev.stepfold.engine.Decision;
import dev.stepfold.engine.StepfoldDecider;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RedrivePlannerTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private final StepfoldDecider decider = new StepfoldDecider();
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void shouldListTheFailedIterationsWithTheStateEachStoppedInAndKeepTheOthers() throws Exception {
    var started = start("""
        {"StartAt": "Each", "States": {"Each": {"Type": "Map", "End": true,
          "ItemProcessor": {"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}}}}""",
        "[10, 20, 30]");
    var tasks = started.tasks();
    var afterFirst = decider.decide(started.execution(),
        new Command.SendTaskSuccess("r1", tasks.get(0).executionArn(), tasks.get(0).taskToken(), "\"ok\""), NOW);
    var failed = decider.decide(afterFirst.execution(),
        new Command.SendTaskFailure("r2", tasks.get(1).executionArn(), tasks.get(1).taskToken(), Optional.of("Boom"), Optional.empty()), NOW);

    var plan = RedrivePlanner.plan(decider, failed.execution(), NOW.plusSeconds(60));

    assertThat(plan.redrivable()).isTrue();
    var map = plan.reruns().get(0);
    assertThat(map.stateName()).isEqualTo("Each");
    assertThat(map.input()).isEqualTo(json.readTree("[10, 20, 30]"));
    assertThat(map.branches()).extracting(RedrivePlan.Branch::keepsResult).containsExactly(true, false, false);
    assertThat(map.branches().get(1).rerun().orElseThrow().stateName()).isEqualTo("Work");
    assertThat(map.branches().get(1).rerun().orElseThrow().input()).isEqualTo(json.readTree("20"));
    assertThat(map.branches().get(2).rerun().orElseThrow().input()).isEqualTo(json.readTree("30"));
  }

  @Test
  void R37_afterStatesDataLimitExceededTheParallelWouldRerunEveryBranch() {
    var started = start("""
        {"StartAt": "Both", "States": {"Both": {"Type": "Parallel", "End": true, "Branches": [
          {"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}},
          {"StartAt": "B", "States": {"B": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}]}}}""", "{}");
    var big = "\"" + "x".repeat(150_000) + "\"";
    var execution = started.execution();
    for (var task : started.tasks()) {
      execution = decider.decide(execution, new Command.SendTaskSuccess("s", task.executionArn(), task.taskToken(), big), NOW).execution();
    }

    var plan = RedrivePlanner.plan(decider, execution, NOW.plusSeconds(60));

    assertThat(plan.reruns().get(0).stateName()).isEqualTo("Both");
    assertThat(plan.reruns().get(0).branches()).as("no branch keeps its result: all start again").isEmpty();
  }

  @Test
  void shouldSayWhyARunningExecutionCannotBeRedriven() {
    var started = start("""
        {"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}""", "{}");

    var plan = RedrivePlanner.plan(decider, started.execution(), NOW);

    assertThat(plan.notRedrivableReason()).contains("Execution is RUNNING and cannot be redriven");
    assertThat(plan.reruns()).isEmpty();
  }

  private Decision start(String definition, String input) {
    var parsed = (ParsedDefinition.Valid) DefinitionParser.parse(definition, ExecutionType.STANDARD);
    var stateMachine = ArnFormat.DEFAULT.stateMachine("plans");
    return decider.decide(decider.initialState(), new Command.StartExecution("start", stateMachine.execution("p-1"), stateMachine,
        ExecutionType.STANDARD, parsed.definition(), input, "arn:aws:iam::111111111111:role/stepfold"), NOW);
  }
}
