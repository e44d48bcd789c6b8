package dev.stepfold.codec;

import static dev.stepfold.codec.CodecFixtures.DEFINITION_TEXT;
import static dev.stepfold.codec.CodecFixtures.EXECUTION;
import static dev.stepfold.codec.CodecFixtures.FAKE_DEFINITIONS;
import static dev.stepfold.codec.CodecFixtures.json;
import static dev.stepfold.codec.CodecFixtures.throughBytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.arn.MapRunArn;
import dev.stepfold.asl.ExecutionType;
import dev.stepfold.asl.TaskResource.IntegrationPattern;
import dev.stepfold.engine.Command;
import dev.stepfold.engine.ExecutionStatus;
import dev.stepfold.engine.MapRunDispatch;
import dev.stepfold.engine.MapRunWork;
import dev.stepfold.engine.Origin;
import dev.stepfold.engine.TaskToken;
import dev.stepfold.engine.ChildOutcome;
import dev.stepfold.maprun.MapRunEvent;
import dev.stepfold.engine.MapRunStatus;
import dev.stepfold.schemas.AbortMapRunCommand;
import dev.stepfold.schemas.RedriveMapRunCommand;
import dev.stepfold.schemas.RedriveParentWhenClosedCommand;
import dev.stepfold.schemas.ReportChildOutcomeCommand;
import dev.stepfold.schemas.ReportChildRedriveRefusedCommand;
import dev.stepfold.schemas.StartMapRunCommand;
import dev.stepfold.schemas.UpdateMapRunCommand;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MapRunAvroTest {
  private static final MapRunArn MAP_RUN = MapRunArn.of(EXECUTION, "EachOrder", 1);
  private static final MapRunDispatch DISPATCH = new MapRunDispatch(MAP_RUN, EXECUTION, "EachOrder",
      List.of(json("{\"order\":1}"), json("2"), json("[\"three\"]")), FAKE_DEFINITIONS.read(DEFINITION_TEXT, ExecutionType.EXPRESS),
      ExecutionType.EXPRESS, 5, OptionalLong.of(2), OptionalDouble.of(12.5), "arn:aws:iam::111111111111:role/stepfold");

  /** A redrive of a child execution by its parent's task (stepfold.redrive.nested.executions=redrive-child). */
  private static final Origin PARENT_TASK = new Origin.ParentTask(
      new ExecutionArn("arn:aws:states:us-east-1:123456789012:execution:parent:p-1"), new TaskToken("p-1#7#redrive-child"),
      IntegrationPattern.SYNC_2);

  private final MapRunAvro avro = new MapRunAvro(FAKE_DEFINITIONS);

  static Stream<MapRunEvent> events() {
    return Stream.of(
        new MapRunEvent.Started(DISPATCH),
        new MapRunEvent.Started(new MapRunDispatch(MAP_RUN, EXECUTION, "EachOrder", List.of(), DISPATCH.childDefinition(),
            ExecutionType.EXPRESS, MapRunDispatch.MAX_CONCURRENCY, OptionalLong.empty(), OptionalDouble.empty(), "role")),
        new MapRunEvent.ChildStarted(2),
        new MapRunEvent.ChildEnded(1, ChildOutcome.succeeded(json("{\"shipped\":true}"))),
        new MapRunEvent.ChildEnded(0, ChildOutcome.failed("Item.Broken", "no stock")),
        new MapRunEvent.ChildEnded(0, new ChildOutcome(ExecutionStatus.ABORTED, Optional.empty(), Optional.empty(), Optional.empty())),
        new MapRunEvent.Ended(MapRunStatus.SUCCEEDED, Optional.empty(), Optional.empty()),
        new MapRunEvent.Ended(MapRunStatus.FAILED, Optional.of("States.ExceedToleratedFailureThreshold"), Optional.of("too many")),
        new MapRunEvent.Redriven(2, Instant.parse("2026-01-05T10:00:00.123Z")),
        new MapRunEvent.ChildRedriveRefused(1, "Execution can no longer be redriven"),
        new MapRunEvent.ParentRedriveWaiting(new Command.RedriveExecution("r-9", EXECUTION, Optional.of("token"))),
        new MapRunEvent.ParentRedriveWaiting(new Command.RedriveExecution("r-10", EXECUTION, Optional.empty())),
        new MapRunEvent.ParentRedriveWaiting(new Command.RedriveExecution("r-11", EXECUTION, Optional.empty(), PARENT_TASK)),
        new MapRunEvent.Updated(OptionalInt.of(0), OptionalLong.of(4), OptionalDouble.of(12.5)),
        new MapRunEvent.Updated(OptionalInt.empty(), OptionalLong.empty(), OptionalDouble.empty()));
  }

  @Test
  void shouldKeepWhenAStoredEventHappened() {
    var record = throughBytes(avro.avro(MAP_RUN, new MapRunEvent.ChildStarted(0), Instant.parse("2026-01-05T10:00:00.123Z")));
    assertThat(record.getTimestamp()).isEqualTo(Instant.parse("2026-01-05T10:00:00.123Z").toEpochMilli());
  }

  @Test
  void shouldCarryAnUpdateKeyedByTheMapRun() {
    var update = new MapRunEvent.Updated(OptionalInt.of(7), OptionalLong.empty(), OptionalDouble.of(50));
    var record = throughBytes(MapRunAvro.updateMapRun("u-1", MAP_RUN, update));
    assertThat(record.getExecutionArn()).isEqualTo(MAP_RUN.value());
    assertThat(MapRunAvro.isMapRunCommand(record)).isTrue();
    assertThat(MapRunAvro.update((UpdateMapRunCommand) record.getCommand())).isEqualTo(update);
  }

  @ParameterizedTest
  @MethodSource("events")
  void shouldRoundTripEveryMapRunEvent(MapRunEvent event) {
    var record = avro.avro(MAP_RUN, event);

    assertThat(record.getMapRunArn()).isEqualTo(MAP_RUN.value());
    assertThat(avro.event(throughBytes(record))).isEqualTo(event);
  }

  @Test
  void shouldCarryTheDispatchInStartMapRunKeyedByTheMapRun() {
    var record = throughBytes(avro.startMapRun("r-1", DISPATCH));

    assertThat(record.getExecutionArn()).isEqualTo(MAP_RUN.value());
    assertThat(avro.dispatch(MAP_RUN, (StartMapRunCommand) record.getCommand())).isEqualTo(DISPATCH);
  }

  static Stream<MapRunWork> work() {
    return Stream.of(new MapRunWork.Start(DISPATCH), new MapRunWork.Redrive(MAP_RUN, EXECUTION, 3), new MapRunWork.Abort(MAP_RUN, EXECUTION),
        new MapRunWork.RedriveParentWhenClosed(MAP_RUN, new Command.RedriveExecution("r-4", EXECUTION, Optional.of("token"))),
        new MapRunWork.RedriveParentWhenClosed(MAP_RUN, new Command.RedriveExecution("r-5", EXECUTION, Optional.empty(), PARENT_TASK)));
  }

  @ParameterizedTest
  @MethodSource("work")
  void shouldCarryEveryMapRunWorkToItsMapRun(MapRunWork work) {
    var record = throughBytes(avro.mapRunWork("r-3", work));

    assertThat(record.getExecutionArn()).isEqualTo(MAP_RUN.value());
    assertThat(MapRunAvro.isMapRunCommand(record)).isTrue();
    var command = record.getCommand();
    MapRunWork read;
    if (command instanceof StartMapRunCommand start) {
      read = new MapRunWork.Start(avro.dispatch(MAP_RUN, start));
    } else if (command instanceof RedriveMapRunCommand redrive) {
      read = MapRunAvro.redrive(MAP_RUN, redrive);
    } else if (command instanceof AbortMapRunCommand abort) {
      read = new MapRunWork.Abort(MAP_RUN, new ExecutionArn(abort.getParentExecutionArn()));
    } else {
      read = new MapRunWork.RedriveParentWhenClosed(MAP_RUN, MapRunAvro.parentRedrive((RedriveParentWhenClosedCommand) command));
    }
    assertThat(read).isEqualTo(work);
  }

  @Test
  void shouldCarryAChildsRefusedRedriveToItsMapRun() {
    var record = throughBytes(MapRunAvro.reportChildRedriveRefused("r-5", MAP_RUN, 4, "too late"));

    assertThat(MapRunAvro.isMapRunCommand(record)).isTrue();
    assertThat(record.getCommand()).isEqualTo(new ReportChildRedriveRefusedCommand(4, "too late"));
  }

  @ParameterizedTest
  @MethodSource("outcomes")
  void shouldCarryAChildOutcomeToItsMapRun(ChildOutcome outcome) {
    var record = throughBytes(MapRunAvro.reportChildOutcome("r-2", MAP_RUN, 7, outcome));

    assertThat(record.getExecutionArn()).isEqualTo(MAP_RUN.value());
    var report = (ReportChildOutcomeCommand) record.getCommand();
    assertThat(report.getIndex()).isEqualTo(7);
    assertThat(MapRunAvro.childOutcome(report)).isEqualTo(outcome);
  }

  static Stream<ChildOutcome> outcomes() {
    return Stream.of(ChildOutcome.succeeded(json("{\"a\":[1,2]}")), ChildOutcome.failed("States.TaskFailed", "boom"),
        new ChildOutcome(ExecutionStatus.TIMED_OUT, Optional.empty(), Optional.of("States.Timeout"), Optional.empty()));
  }
}
