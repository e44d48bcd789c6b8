package dev.stepfold.codec;

import static dev.stepfold.codec.CodecFixtures.DEFINITION_TEXT;
import static dev.stepfold.codec.CodecFixtures.EXECUTION;
import static dev.stepfold.codec.CodecFixtures.FAKE_DEFINITIONS;
import static dev.stepfold.codec.CodecFixtures.STATE_MACHINE;
import static dev.stepfold.codec.CodecFixtures.definition;
import static dev.stepfold.codec.CodecFixtures.json;
import static dev.stepfold.codec.CodecFixtures.throughBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.asl.ExecutionType;
import dev.stepfold.history.EventDetails;
import dev.stepfold.history.HistoryEvent;
import dev.stepfold.history.HistoryEventType;
import dev.stepfold.history.RedriveFix;
import dev.stepfold.schemas.EventType;
import dev.stepfold.schemas.StateEnteredDetails;
import dev.stepfold.schemas.StateExitedDetails;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class AvroCodecHistoryEventTest {
  private static final Instant AT = Instant.parse("2024-05-02T10:00:00.123Z");
  private static final JsonNode ORDER = json("""
      {"order":{"id":42,"total":19.99,"items":["book","pen"],"gift":false,"note":null},"greeting":"grüß dich ✓"}""");

  private final AvroCodec codec = new AvroCodec(FAKE_DEFINITIONS);

  @ParameterizedTest
  @EnumSource(HistoryEventType.class)
  void shouldRoundTripEveryHistoryEventType(HistoryEventType type) {
    var event = new HistoryEvent(7, 6, AT, type, representativeDetails(type));

    assertRoundTrips(event);
  }

  @ParameterizedTest
  @MethodSource("variants")
  void shouldRoundTripDetailsWithAndWithoutTheirOptionalMembers(HistoryEventType type, EventDetails details) {
    assertRoundTrips(new HistoryEvent(3, 0, AT, type, details));
  }

  @Test
  void shouldCoverEveryDetailsShape() {
    var covered = Stream.concat(
            Arrays.stream(HistoryEventType.values()).map(AvroCodecHistoryEventTest::representativeDetails),
            variants().map(arguments -> (EventDetails) arguments[1]))
        .map(Object::getClass)
        .collect(Collectors.toSet());

    assertThat(covered).containsExactlyInAnyOrder(EventDetails.class.getPermittedSubclasses());
  }

  @Test
  void shouldWriteTheTypeAsAwsSpellsIt() {
    var record = codec.avro(EXECUTION, new HistoryEvent(1, 0, AT, HistoryEventType.MAP_ITERATION_FAILED, new EventDetails.MapIteration("Items", 3)));

    assertThat(record.getType()).isEqualTo(EventType.MapIterationFailed);
    assertThat(record.getExecutionArn()).isEqualTo(EXECUTION.value());
    assertThat(record.getTimestamp()).isEqualTo(AT);
  }

  @Test
  void shouldWritePayloadsAsCompactJsonText() {
    var record = codec.avro(EXECUTION, new HistoryEvent(2, 0, AT, HistoryEventType.PASS_STATE_ENTERED,
        new EventDetails.StateEntered("Ship", json("{ \"a\" : [ 1, 2 ] }"))));

    assertThat(((StateEnteredDetails) record.getDetails()).getInput()).isEqualTo("{\"a\":[1,2]}");
  }

  @Test
  void shouldKeepAssignedVariablesInTheOrderTheStateAssignedThem() {
    var variables = new LinkedHashMap<String, JsonNode>();
    variables.put("zeta", json("1"));
    variables.put("alpha", json("\"two\""));
    variables.put("mid", json("[3]"));
    var event = new HistoryEvent(4, 3, AT, HistoryEventType.PASS_STATE_EXITED,
        new EventDetails.StateExited("Assign", json("{}"), Optional.of(variables)));

    var record = throughBytes(codec.avro(EXECUTION, event));

    assertThat(((StateExitedDetails) record.getDetails()).getAssignedVariables())
        .extracting(variable -> variable.getName() + "=" + variable.getValue())
        .containsExactly("zeta=1", "alpha=\"two\"", "mid=[3]");
    assertThat(codec.event(record).details(EventDetails.StateExited.class).assignedVariables().orElseThrow().keySet())
        .containsExactly("zeta", "alpha", "mid");
  }

  @Test
  void shouldKeepTimestampsToTheMillisecond() {
    var event = new HistoryEvent(1, 0, Instant.parse("2024-05-02T10:00:00.123456789Z"), HistoryEventType.PARALLEL_STATE_STARTED,
        EventDetails.None.INSTANCE);

    assertThat(codec.event(throughBytes(codec.avro(EXECUTION, event))).timestamp()).isEqualTo(AT);
  }

  @Test
  void shouldRefuseATypeThisVersionDoesNotKnow() {
    var record = codec.avro(EXECUTION, new HistoryEvent(5, 4, AT, HistoryEventType.TASK_STATE_ABORTED, EventDetails.None.INSTANCE));
    record.setType(EventType.UNKNOWN);

    assertThatThrownBy(() -> codec.event(record))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("UNKNOWN")
        .hasMessageContaining(EXECUTION.value());
  }

  @Test
  void shouldRefuseAPayloadThatIsNotJson() {
    var record = codec.avro(EXECUTION, new HistoryEvent(2, 0, AT, HistoryEventType.PASS_STATE_ENTERED,
        new EventDetails.StateEntered("Ship", json("{}"))));
    ((StateEnteredDetails) record.getDetails()).setInput("{not json");

    assertThatThrownBy(() -> codec.event(record))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Expected JSON text in StateEntered input");
  }

  private void assertRoundTrips(HistoryEvent event) {
    var record = codec.avro(EXECUTION, event);

    assertThat(codec.event(record)).isEqualTo(event);
    assertThat(codec.event(throughBytes(record))).isEqualTo(event);
  }

  /** Details of the shape each type carries; a new type does not compile until it is given one. */
  static EventDetails representativeDetails(HistoryEventType type) {
    return switch (type) {
      case ACTIVITY_FAILED, ACTIVITY_SCHEDULE_FAILED, ACTIVITY_TIMED_OUT, EXECUTION_FAILED, EXECUTION_TIMED_OUT,
          LAMBDA_FUNCTION_FAILED, LAMBDA_FUNCTION_SCHEDULE_FAILED, LAMBDA_FUNCTION_START_FAILED, LAMBDA_FUNCTION_TIMED_OUT,
          MAP_RUN_FAILED -> new EventDetails.Failure(Optional.of("States.TaskFailed"), Optional.of("the card was declined"));
      case EXECUTION_ABORTED -> EventDetails.Failure.EMPTY;
      case ACTIVITY_SCHEDULED -> new EventDetails.ActivityScheduled(
          "arn:aws:states:us-east-1:111111111111:activity:pack", ORDER, OptionalLong.of(300), OptionalLong.of(60));
      case ACTIVITY_STARTED -> new EventDetails.ActivityStarted(Optional.of("packer-7"));
      case ACTIVITY_SUCCEEDED, EXECUTION_SUCCEEDED, LAMBDA_FUNCTION_SUCCEEDED -> new EventDetails.Output(ORDER);
      case CHOICE_STATE_ENTERED, FAIL_STATE_ENTERED, MAP_STATE_ENTERED, PARALLEL_STATE_ENTERED, PASS_STATE_ENTERED,
          SUCCEED_STATE_ENTERED, TASK_STATE_ENTERED, WAIT_STATE_ENTERED -> new EventDetails.StateEntered("Ship", ORDER);
      case CHOICE_STATE_EXITED, MAP_STATE_EXITED, PARALLEL_STATE_EXITED, PASS_STATE_EXITED, SUCCEED_STATE_EXITED,
          TASK_STATE_EXITED, WAIT_STATE_EXITED -> new EventDetails.StateExited("Ship", ORDER, Optional.of(
              new LinkedHashMap<>(Map.of("shipped", json("true")))));
      case EXECUTION_STARTED -> new EventDetails.ExecutionStarted(
          ORDER,
          "arn:aws:iam::111111111111:role/stepfold",
          Optional.empty(),
          Optional.empty(),
          EXECUTION,
          STATE_MACHINE,
          ExecutionType.STANDARD,
          definition(DEFINITION_TEXT, ExecutionType.STANDARD));
      case LAMBDA_FUNCTION_SCHEDULED -> new EventDetails.LambdaFunctionScheduled(
          "arn:aws:lambda:us-east-1:111111111111:function:ship", ORDER, OptionalLong.of(30),
          Optional.of("arn:aws:iam::111111111111:role/shipper"));
      case LAMBDA_FUNCTION_STARTED, MAP_STATE_ABORTED, MAP_STATE_FAILED, MAP_STATE_SUCCEEDED, PARALLEL_STATE_ABORTED,
          PARALLEL_STATE_FAILED, PARALLEL_STATE_STARTED, PARALLEL_STATE_SUCCEEDED, TASK_STATE_ABORTED, WAIT_STATE_ABORTED,
          MAP_RUN_ABORTED, MAP_RUN_SUCCEEDED -> EventDetails.None.INSTANCE;
      case MAP_ITERATION_ABORTED, MAP_ITERATION_FAILED, MAP_ITERATION_STARTED, MAP_ITERATION_SUCCEEDED ->
          new EventDetails.MapIteration("Items", 2);
      case MAP_STATE_STARTED -> new EventDetails.MapStateStarted(3);
      case TASK_FAILED, TASK_START_FAILED, TASK_SUBMIT_FAILED, TASK_TIMED_OUT -> new EventDetails.TaskFailure(
          "lambda", "invoke", Optional.of("Lambda.ServiceException"), Optional.of("rate exceeded"));
      case TASK_SCHEDULED -> new EventDetails.TaskScheduled(
          "lambda", "invoke", "us-east-1", ORDER, OptionalLong.of(60), OptionalLong.of(10),
          Optional.of("arn:aws:iam::111111111111:role/shipper"));
      case TASK_STARTED -> new EventDetails.TaskStarted("lambda", "invoke");
      case TASK_SUBMITTED, TASK_SUCCEEDED -> new EventDetails.TaskOutput("sqs", "sendMessage.waitForTaskToken", ORDER);
      case MAP_RUN_STARTED -> new EventDetails.MapRunStarted(
          "arn:aws:states:us-east-1:111111111111:mapRun:orders/Items:0f5b7a1c-2a3e-4b9a-8d6e-2f1c7e9a4b3d");
      case EXECUTION_REDRIVEN -> new EventDetails.ExecutionRedriven(1);
      case MAP_RUN_REDRIVEN -> new EventDetails.MapRunRedriven(
          "arn:aws:states:us-east-1:111111111111:mapRun:orders/Items:0f5b7a1c-2a3e-4b9a-8d6e-2f1c7e9a4b3d", 2);
      case EVALUATION_FAILED -> new EventDetails.EvaluationFailed(
          Optional.of("States.QueryEvaluationError"), Optional.of("$x is not defined"), Optional.of("Output"), "Ship");
    };
  }

  /** The optional members the representatives leave out or set, the other way round. */
  static Stream<Object[]> variants() {
    return Stream.of(
        new Object[] {HistoryEventType.EXECUTION_REDRIVEN, new EventDetails.ExecutionRedriven(2, Optional.of("fix-1"), Optional.empty(),
            Optional.of(new RedriveFix(Optional.of(new RedriveFix.Version(STATE_MACHINE.value() + ":4", Optional.of(STATE_MACHINE.value() + ":live"),
                definition(DEFINITION_TEXT, ExecutionType.STANDARD))), Optional.of("Reserve"),
                Optional.of(new RedriveFix.InputCorrection.Merge(json("{\"card\": \"4242\", \"old\": null}"))))))},
        new Object[] {HistoryEventType.EXECUTION_REDRIVEN, new EventDetails.ExecutionRedriven(1, Optional.empty(), Optional.empty(),
            Optional.of(new RedriveFix(Optional.empty(), Optional.empty(), Optional.of(new RedriveFix.InputCorrection.Replace(json("[1, 2]"))))))},
        new Object[] {HistoryEventType.EXECUTION_STARTED, new EventDetails.ExecutionStarted(
            json("\"just a string\""),
            "arn:aws:iam::111111111111:role/stepfold",
            Optional.of(STATE_MACHINE.value() + ":live"),
            Optional.of(STATE_MACHINE.value() + ":3"),
            new ExecutionArn("arn:aws:states:us-east-1:111111111111:express:orders:quick-1"),
            STATE_MACHINE,
            ExecutionType.EXPRESS,
            definition(DEFINITION_TEXT, ExecutionType.EXPRESS),
            Optional.of("sync-request-1/closed"))},
        new Object[] {HistoryEventType.TASK_STATE_EXITED, new EventDetails.StateExited("Ship", json("[]"), Optional.empty())},
        new Object[] {HistoryEventType.PARALLEL_STATE_STARTED, new EventDetails.ParallelStateStarted(Optional.of("Payments.Unavailable"))},
        new Object[] {HistoryEventType.MAP_STATE_STARTED, new EventDetails.MapStateStarted(4, Optional.of("States.ALL"))},
        new Object[] {HistoryEventType.PASS_STATE_EXITED, new EventDetails.StateExited("Ship", json("0"), Optional.of(Map.of()))},
        new Object[] {HistoryEventType.EXECUTION_FAILED, new EventDetails.Failure(Optional.of("States.Timeout"), Optional.empty())},
        new Object[] {HistoryEventType.TASK_SCHEDULED, new EventDetails.TaskScheduled(
            "aws-sdk:sfn", "startExecution.sync:2", "eu-west-1", json("{}"), OptionalLong.empty(), OptionalLong.empty(),
            Optional.empty())},
        new Object[] {HistoryEventType.TASK_FAILED, new EventDetails.TaskFailure("lambda", "invoke", Optional.empty(), Optional.empty())},
        new Object[] {HistoryEventType.ACTIVITY_SCHEDULED, new EventDetails.ActivityScheduled(
            "arn:aws:states:us-east-1:111111111111:activity:pack", json("null"), OptionalLong.empty(), OptionalLong.empty())},
        new Object[] {HistoryEventType.ACTIVITY_STARTED, new EventDetails.ActivityStarted(Optional.empty())},
        new Object[] {HistoryEventType.LAMBDA_FUNCTION_SCHEDULED, new EventDetails.LambdaFunctionScheduled(
            "arn:aws:lambda:us-east-1:111111111111:function:ship", json("{}"), OptionalLong.empty(), Optional.empty())},
        new Object[] {HistoryEventType.EVALUATION_FAILED, new EventDetails.EvaluationFailed(
            Optional.empty(), Optional.empty(), Optional.empty(), "Ship")});
  }
}
