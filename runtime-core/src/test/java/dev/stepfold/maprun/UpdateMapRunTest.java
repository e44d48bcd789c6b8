package dev.stepfold.maprun;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.stepfold.arn.ArnFormat;
import dev.stepfold.asl.ExecutionType;
import dev.stepfold.asl.parse.DefinitionParser;
import dev.stepfold.asl.parse.ParsedDefinition;
import dev.stepfold.engine.ChildOutcome;
import dev.stepfold.engine.Command;
import dev.stepfold.engine.MapRunDispatch;
import dev.stepfold.engine.MapRunStatus;
import dev.stepfold.engine.Reply;
import dev.stepfold.engine.StepfoldDecider;
import dev.stepfold.error.ApiError;
import dev.stepfold.error.StatesError;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** UpdateMapRun, decided by the map run: a running one takes its new settings at once, one that has ended refuses them. */
class UpdateMapRunTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private final MapRunDecider mapRuns = new MapRunDecider();

  private static MapRunDispatch dispatch(String fields, String input) {
    var parsed = (ParsedDefinition.Valid) DefinitionParser.parse("""
        {"StartAt": "Each", "States": {"Each": {"Type": "Map", %s
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "Handle", "States": {"Handle": {"Type": "Pass", "End": true}}}, "End": true}}}""".formatted(fields),
        ExecutionType.STANDARD);
    var stateMachine = ArnFormat.DEFAULT.stateMachine("orders");
    var decider = new StepfoldDecider();
    return decider.decide(decider.initialState(), new Command.StartExecution("start", stateMachine.execution("p"), stateMachine,
        ExecutionType.STANDARD, parsed.definition(), input, "arn:aws:iam::111111111111:role/stepfold"), NOW).mapRunStarts().get(0);
  }

  private static MapRunEvent.Updated update(OptionalInt maxConcurrency, OptionalLong toleratedCount) {
    return new MapRunEvent.Updated(maxConcurrency, toleratedCount, OptionalDouble.empty());
  }

  @Test
  void shouldStartTheChildrenAHigherConcurrencyAllowsAtOnce() {
    var started = mapRuns.start(dispatch("\"MaxConcurrency\": 1,", "[0, 1, 2, 3]"));
    assertThat(started.childStarts()).hasSize(1);

    var updated = mapRuns.update(started.mapRun(), update(OptionalInt.of(3), OptionalLong.empty()));

    assertThat(updated.reply()).containsInstanceOf(Reply.Accepted.class);
    assertThat(updated.childStarts()).extracting(MapRunDecision.ChildStart::index).containsExactly(1, 2);
    assertThat(updated.mapRun().dispatch().maxConcurrency()).isEqualTo(3);
    assertThat(updated.mapRun().counts().running()).isEqualTo(3);
    assertThat(updated.events()).first().isInstanceOf(MapRunEvent.Updated.class);
    assertThat(updated.mapRun()).as("the fold of the events gives the decided map run")
        .isEqualTo(started.mapRun().evolve(updated.events().get(0)).evolve(updated.events().get(1)).evolve(updated.events().get(2)));
  }

  @Test
  void shouldMakeZeroConcurrencyAsManyAsAwsAllows() {
    var started = mapRuns.start(dispatch("\"MaxConcurrency\": 1,", "[0, 1]"));
    var updated = mapRuns.update(started.mapRun(), update(OptionalInt.of(0), OptionalLong.empty()));
    assertThat(updated.mapRun().dispatch().maxConcurrency()).isEqualTo(MapRunDispatch.MAX_CONCURRENCY);
    assertThat(updated.childStarts()).hasSize(1);
  }

  @Test
  void shouldFailTheMapRunWhenItsFailuresExceedTheNewTolerance() {
    var started = mapRuns.start(dispatch("\"MaxConcurrency\": 2, \"ToleratedFailureCount\": 1,", "[0, 1, 2]"));
    var oneFailed = mapRuns.childEnded(started.mapRun(), 0, ChildOutcome.failed("Item.Broken", "no"));
    assertThat(oneFailed.mapRun().status()).isEqualTo(MapRunStatus.RUNNING);

    var stricter = mapRuns.update(oneFailed.mapRun(), update(OptionalInt.empty(), OptionalLong.of(0)));

    assertThat(stricter.mapRun().status()).isEqualTo(MapRunStatus.FAILED);
    assertThat(stricter.mapRun().error()).contains(StatesError.EXCEED_TOLERATED_FAILURE_THRESHOLD);
    assertThat(stricter.childStops()).as("the children still running are stopped").hasSize(2);
    assertThat(stricter.reply()).containsInstanceOf(Reply.Accepted.class);
  }

  @Test
  void shouldRefuseToUpdateAMapRunThatHasEnded() {
    var started = mapRuns.start(dispatch("", "[0]"));
    var ended = mapRuns.childEnded(started.mapRun(), 0, ChildOutcome.succeeded(IntNode.valueOf(0)));
    assertThat(ended.mapRun().status()).isEqualTo(MapRunStatus.SUCCEEDED);

    var refused = mapRuns.update(ended.mapRun(), update(OptionalInt.of(5), OptionalLong.empty()));

    assertThat(refused.events()).isEmpty();
    assertThat(refused.reply()).hasValueSatisfying(reply -> {
      assertThat(reply).isInstanceOf(Reply.Rejected.class);
      var rejected = (Reply.Rejected) reply;
      assertThat(rejected.error()).isEqualTo(ApiError.VALIDATION_EXCEPTION);
      assertThat(rejected.reason()).contains(MapRunDecider.CANNOT_UPDATE_COMPLETED_MAP_RUN);
    });
    assertThat(refused.mapRun()).isEqualTo(ended.mapRun());
  }

  @Test
  void shouldAnswerNothingForTheMapRunsInternalCommands() {
    assertThat(mapRuns.start(dispatch("", "[0]")).reply()).isEqualTo(Optional.empty());
  }
}
