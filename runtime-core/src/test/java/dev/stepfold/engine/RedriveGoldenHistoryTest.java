package dev.stepfold.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.stepfold.arn.MapRunArn;
import dev.stepfold.asl.ExecutionType;
import dev.stepfold.codec.HistoryJson;
import dev.stepfold.engine.behavior.DistributedMapBehavior;
import dev.stepfold.error.ApiError;
import dev.stepfold.history.HistoryEventType;
import dev.stepfold.history.RedriveFix;
import dev.stepfold.history.ScopePath;
import dev.stepfold.redrive.BulkRedriveChoice;
import dev.stepfold.redrive.BulkRedriveFilter;
import dev.stepfold.redrive.BulkRedriveTokens;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden histories of redriven executions (Q2, Q3, Q15, Q16, R55–R59): each folder under {@code golden/redrive} holds a
 * definition, an input, the steps (commands at seconds after the start) and the whole expected history in
 * GetExecutionHistory's shape. The history after the steps must match it event by event and field by field, and the
 * rules of ExecutionRedriven (R56) and of {@code previousEventId} (R58) must hold in it.
 *
 * <p>The {@code fix-*} folders are redrives after a fix: {@code definition.v<n>.asl.json} is version n of the state
 * machine ({@code definition.asl.json} is version 1), a redrive step may name {@code ontoVersion}, {@code fromState},
 * {@code input} or {@code inputMerge}, a {@code bulkRedrive} step redrives the execution as a bulk redrive of a version
 * does, and {@code refusedWith} says a step is refused, with its error and message. Their expected histories show
 * stepfold's extension of ExecutionRedriven; as AWS clients see it (R56), ExecutionRedriven has AWS's shape.
 *
 * <p>Re-recording is deliberate: {@code -Dstepfold.golden.update=true} writes the actual histories over the expected
 * ones, whose diff is then reviewed like code.
 */
class RedriveGoldenHistoryTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden/redrive");
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
  /** The events that close an attempt a redrive can follow. */
  private static final List<String> CLOSING_EVENTS = List.of("ExecutionFailed", "ExecutionTimedOut", "ExecutionAborted");

  static Stream<String> scenarios() throws IOException {
    try (var folders = Files.list(GOLDEN)) {
      return folders.filter(Files::isDirectory).map(folder -> folder.getFileName().toString()).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void R55_R56_R58_R59_Q2_Q3_Q4_Q15_Q16_theHistoryAfterTheRedriveHasAwsShape(String scenario) throws IOException {
    var folder = GOLDEN.resolve(scenario);
    var actual = rendered(run(scenario), HistoryJson.Members.WITH_STEPFOLD_EXTENSIONS);
    var expectedFile = folder.resolve("history.json");
    if (Boolean.getBoolean("stepfold.golden.update")) {
      JSON.writeValue(expectedFile.toFile(), actual);
    }
    var expected = JSON.readTree(expectedFile.toFile());

    for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
      assertSameEvent(expected.get(i), actual.get(i));
    }
    assertThat(actual.size()).as("number of events").isEqualTo(expected.size());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void R56_executionRedrivenIsTheFirstEventOfARedriveAndCarriesOnlyItsRedriveCount(String scenario) throws IOException {
    var engine = run(scenario);
    var history = rendered(engine);

    int redrives = 0;
    for (int i = 0; i < history.size(); i++) {
      var event = history.get(i);
      if (!event.path("type").asText().equals("ExecutionRedriven")) {
        continue;
      }
      redrives++;
      assertThat(CLOSING_EVENTS).as("the event before the redrive closed the attempt").contains(history.get(i - 1).path("type").asText());
      assertThat(fieldNames(event)).containsExactlyInAnyOrder("timestamp", "type", "id", "previousEventId", "executionRedrivenEventDetails");
      assertThat(event.path("executionRedrivenEventDetails")).as("Q4: it counts the redrive it records")
          .isEqualTo(JSON.createObjectNode().put("redriveCount", redrives));
    }
    assertThat(redrives).isEqualTo(engine.execution.redrives().count()).isPositive();
  }

  @Test
  void R56_aSecondRedriveCountsTwoAndARefusedOneCountsNothing() throws IOException {
    var engine = EngineTestKit.given("""
        {"StartAt": "Charge", "States": {"Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}""");
    engine.start("{}");
    engine.failTask("Boom", "first");
    engine.send(redrive(engine, "a"));
    assertThat(engine.send(redrive(engine, "b")).isRejected()).as("a redrive of a running execution is refused").isTrue();
    engine.failTask("Boom", "second");

    var second = engine.send(redrive(engine, "c"));

    var redriven = second.events().get(0);
    assertThat(redriven.type()).isEqualTo(HistoryEventType.EXECUTION_REDRIVEN);
    assertThat(rendered(engine).get((int) redriven.id() - 1).path("executionRedrivenEventDetails"))
        .isEqualTo(JSON.createObjectNode().put("redriveCount", 2));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void R58_everyEventFollowsTheEventItFollowsCausally(String scenario) throws IOException {
    var history = run(scenario).history;

    for (int i = 0; i < history.size(); i++) {
      var event = history.get(i);
      assertThat(event.id()).as("ids count up from 1").isEqualTo(i + 1);
      assertThat(event.previousEventId()).as("event %s follows an earlier event", event.id()).isBetween(0L, event.id() - 1);
      // Inside Parallel and Map states each branch chains to its own events; only an abort follows the failing
      // event of a sibling (history-events.md §5).
      if (event.previousEventId() > 0 && !event.type().name().endsWith("_ABORTED")) {
        var previous = history.get((int) event.previousEventId() - 1);
        assertThat(onOneLine(event.scope(), previous.scope()))
            .as("event %s (%s, %s) follows %s of another branch", event.id(), event.type(), event.scope(), previous.scope()).isTrue();
      }
      var before = i == 0 ? null : history.get(i - 1).type();
      if (before == HistoryEventType.EXECUTION_STARTED) {
        assertThat(event.previousEventId()).as("the first state follows nothing").isZero();
      } else if (event.type() == HistoryEventType.EXECUTION_REDRIVEN) {
        assertThat(event.previousEventId()).as("Q3: ExecutionRedriven follows no event").isZero();
      } else if (before == HistoryEventType.EXECUTION_REDRIVEN) {
        assertThat(event.previousEventId()).as("Q3: the first state entered again follows no event").isZero();
      }
    }
  }

  @Test
  void R58_anExecutionAbortedByAStopFollowsNothingAndEachBranchChainsToItsOwnEvents() {
    var engine = EngineTestKit.given("""
        {"StartAt": "Both", "States": {"Both": {"Type": "Parallel", "End": true, "Branches": [
          {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Charge"},
            "Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}},
          {"StartAt": "B", "States": {"B": {"Type": "Pass", "Next": "Reserve"},
            "Reserve": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}]}}}""");
    engine.start("{}");
    engine.at(Duration.ofSeconds(1)).succeed(engine.openTasks().get(1), "\"reserved\"");

    engine.at(Duration.ofSeconds(2)).send(new Command.StopExecution("stop", engine.executionArn, Optional.empty(), Optional.empty()));

    assertThat(engine.sequence()).containsExactly("1<-0 ExecutionStarted", "2<-0 ParallelStateEntered", "3<-2 ParallelStateStarted",
        "4<-3 PassStateEntered", "5<-4 PassStateExited", "6<-5 TaskStateEntered", "7<-6 TaskScheduled", "8<-7 TaskStarted",
        "9<-3 PassStateEntered", "10<-9 PassStateExited", "11<-10 TaskStateEntered", "12<-11 TaskScheduled", "13<-12 TaskStarted",
        "14<-13 TaskSucceeded", "15<-14 TaskStateExited", "16<-0 ExecutionAborted");
  }

  private static Command.RedriveExecution redrive(EngineTestKit engine, String token) {
    return new Command.RedriveExecution("redrive-" + token, engine.executionArn, Optional.of(token));
  }

  /** Whether one scope holds the other: an event never follows one of a sibling branch or iteration. */
  private static boolean onOneLine(ScopePath a, ScopePath b) {
    var shorter = a.depth() <= b.depth() ? a : b;
    var longer = shorter == a ? b : a;
    return longer.indexes().subList(0, shorter.depth()).equals(shorter.indexes());
  }

  /** The engine after the scenario's steps, each of them accepted unless it says how it is refused. */
  private static EngineTestKit run(String scenario) throws IOException {
    var folder = GOLDEN.resolve(scenario);
    var engine = EngineTestKit.given(Files.readString(folder.resolve("definition.asl.json")));
    for (var step : JSON.readTree(folder.resolve("steps.json").toFile())) {
      engine.at(Duration.ofSeconds(step.path("at").asLong()));
      var decision = perform(engine, step, folder);
      if (step.has("refusedWith")) {
        var refusal = step.path("refusedWith");
        assertThat(decision.reply()).as("step %s", step)
            .isEqualTo(new Reply.Rejected(ApiError.named(refusal.path("error").asText()).orElseThrow(), refusal.path("message").asText()));
      } else {
        assertThat(decision.isRejected()).as("step %s was refused: %s", step, decision.reply()).isFalse();
      }
    }
    return engine;
  }

  /** The history as GetExecutionHistory renders it, through JSON text as a client reads it, so numbers compare as written. */
  private static JsonNode rendered(EngineTestKit engine) throws IOException {
    return rendered(engine, HistoryJson.Members.AWS);
  }

  private static JsonNode rendered(EngineTestKit engine, HistoryJson.Members members) throws IOException {
    return JSON.readTree(JSON.writeValueAsString(HistoryJson.toJson(engine.history, members)));
  }

  private static void assertSameEvent(JsonNode expected, JsonNode actual) {
    var at = "event " + expected.path("id") + " (" + expected.path("type").asText() + ")";
    assertThat(fieldNames(actual)).as(at + ": its fields").containsExactlyInAnyOrderElementsOf(fieldNames(expected));
    for (Iterator<Map.Entry<String, JsonNode>> fields = expected.fields(); fields.hasNext(); ) {
      var field = fields.next();
      var value = actual.get(field.getKey());
      if (field.getValue().isNumber() && value.isNumber()) {
        assertThat(value.decimalValue()).as(at + ": " + field.getKey()).isEqualByComparingTo(field.getValue().decimalValue());
      } else {
        assertThat(value).as(at + ": " + field.getKey()).isEqualTo(field.getValue());
      }
    }
  }

  private static List<String> fieldNames(JsonNode node) {
    var names = new ArrayList<String>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static Decision perform(EngineTestKit engine, JsonNode step, Path folder) throws IOException {
    return switch (step.path("do").asText()) {
      case "start" -> step.has("version")
          ? engine.send(new Command.StartExecution("start", engine.executionArn, engine.stateMachineArn, ExecutionType.STANDARD,
              version(engine, folder, step.path("version").asInt()).definition(), step.path("input").toString(), EngineTestKit.ROLE,
              Optional.of(versionArn(engine, step.path("version").asInt()))))
          : engine.start(step.path("input").toString());
      case "redrive" -> engine.send(new Command.RedriveExecution("redrive", engine.executionArn, Optional.of(step.path("clientToken").asText()),
          Origin.CLIENT, fix(engine, step, folder)));
      case "bulkRedrive" -> bulkRedrive(engine, step, folder);
      case "succeedTask" -> engine.succeed(openTask(engine, step), step.path("output").toString());
      case "failTask" -> engine.fail(openTask(engine, step), step.path("error").asText(), step.path("cause").asText());
      case "timeOutTask" -> engine.fire(Timers.taskTimeout(openTask(engine, step).scheduledEventId()));
      case "completeMapRun" -> engine.send(new Command.CompleteMapRun("complete", engine.executionArn, openMapRun(engine),
          step.path("succeeded").asBoolean(), step.path("results"), Optional.ofNullable(step.get("error")).map(JsonNode::asText),
          Optional.ofNullable(step.get("cause")).map(JsonNode::asText)));
      default -> throw new IllegalArgumentException("Expected a known step, but got " + step);
    };
  }

  /** The fix a redrive step names: a version of the folder, a state to continue from, a corrected input. */
  private static RedriveFix fix(EngineTestKit engine, JsonNode step, Path folder) throws IOException {
    var onto = step.has("ontoVersion") ? Optional.of(version(engine, folder, step.path("ontoVersion").asInt())) : Optional.<RedriveFix.Version>empty();
    Optional<RedriveFix.InputCorrection> input = step.has("input") ? Optional.of(new RedriveFix.InputCorrection.Replace(step.path("input")))
        : step.has("inputMerge") ? Optional.of(new RedriveFix.InputCorrection.Merge(step.path("inputMerge"))) : Optional.empty();
    return new RedriveFix(onto, Optional.ofNullable(step.get("fromState")).map(JsonNode::asText), input);
  }

  /**
   * A bulk redrive of the executions that failed on {@code stateMachineVersion}, onto {@code ontoVersion}, as each
   * partition's shard makes it: the filter chooses the execution, which gets the bulk request's client token.
   */
  private static Decision bulkRedrive(EngineTestKit engine, JsonNode step, Path folder) throws IOException {
    var filter = new BulkRedriveFilter(Set.of(ExecutionStatus.FAILED), Optional.empty(), Optional.empty(), Optional.empty(), OptionalInt.empty(),
        Optional.of(versionArn(engine, step.path("stateMachineVersion").asInt())));
    assertThat(BulkRedriveChoice.of(engine.execution, filter, engine.now)).as("the bulk redrive's choice").isInstanceOf(BulkRedriveChoice.Redrive.class);
    var requestId = step.path("requestId").asText();
    var fix = new RedriveFix(Optional.of(version(engine, folder, step.path("ontoVersion").asInt())), Optional.empty(), Optional.empty());
    return engine.send(new Command.RedriveExecution(requestId + "/" + engine.executionArn.value(), engine.executionArn,
        Optional.of(BulkRedriveTokens.clientToken(requestId)), Origin.CLIENT, fix));
  }

  /** Version {@code number} of the scenario's state machine: {@code definition.asl.json} is version 1. */
  private static RedriveFix.Version version(EngineTestKit engine, Path folder, int number) throws IOException {
    var file = number == 1 ? folder.resolve("definition.asl.json") : folder.resolve("definition.v" + number + ".asl.json");
    return new RedriveFix.Version(versionArn(engine, number), Optional.empty(), EngineTestKit.definition(Files.readString(file)));
  }

  private static String versionArn(EngineTestKit engine, int number) {
    return engine.stateMachineArn.value() + ":" + number;
  }

  /** The {@code index}-th open task (in dispatch order) of the state the step names. */
  private static TaskDispatch openTask(EngineTestKit engine, JsonNode step) {
    return engine.openTasks().stream().filter(task -> task.stateName().equals(step.path("state").asText()))
        .skip(step.path("index").asInt(0)).findFirst()
        .orElseThrow(() -> new AssertionError("Expected an open task of state " + step.path("state") + ", but there is none"));
  }

  private static MapRunArn openMapRun(EngineTestKit engine) {
    var scope = DistributedMapBehavior.openMapRuns(engine.execution).get(0);
    return DistributedMapBehavior.openMapRun(Scopes.get(engine.execution, scope).active().orElseThrow()).orElseThrow().mapRunArn();
  }
}
