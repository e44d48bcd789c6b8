package dev.stepfold.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.stepfold.arn.MapRunArn;
import dev.stepfold.codec.HistoryJson;
import dev.stepfold.engine.behavior.DistributedMapBehavior;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden histories of redriven executions (Q2, Q3, Q15, Q16, R55–R59): each folder under {@code golden/redrive} holds a
 * definition, an input, the steps (commands at seconds after the start) and the whole expected history in
 * GetExecutionHistory's shape. The history after the steps must match it event by event and field by field.
 *
 * <p>Re-recording is deliberate: {@code -Dstepfold.golden.update=true} writes the actual histories over the expected
 * ones, whose diff is then reviewed like code.
 */
class RedriveGoldenHistoryTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden/redrive");
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

  static Stream<String> scenarios() throws IOException {
    try (var folders = Files.list(GOLDEN)) {
      return folders.filter(Files::isDirectory).map(folder -> folder.getFileName().toString()).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void R55_R56_R58_R59_Q2_Q3_Q4_Q15_Q16_theHistoryAfterTheRedriveHasAwsShape(String scenario) throws IOException {
    var folder = GOLDEN.resolve(scenario);
    var engine = EngineTestKit.given(Files.readString(folder.resolve("definition.asl.json")));
    for (var step : JSON.readTree(folder.resolve("steps.json").toFile())) {
      engine.at(Duration.ofSeconds(step.path("at").asLong()));
      var decision = perform(engine, step);
      assertThat(decision.isRejected()).as("step %s was refused: %s", step, decision.reply()).isFalse();
    }
    // Through JSON text, as a client reads it, so that numbers compare as they are written.
    var actual = JSON.readTree(JSON.writeValueAsString(HistoryJson.toJson(engine.history)));
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

  private static Decision perform(EngineTestKit engine, JsonNode step) {
    return switch (step.path("do").asText()) {
      case "start" -> engine.start(step.path("input").toString());
      case "redrive" -> engine.send(new Command.RedriveExecution("redrive", engine.executionArn, Optional.of(step.path("clientToken").asText())));
      case "succeedTask" -> engine.succeed(openTask(engine, step), step.path("output").toString());
      case "failTask" -> engine.fail(openTask(engine, step), step.path("error").asText(), step.path("cause").asText());
      case "timeOutTask" -> engine.fire(Timers.taskTimeout(openTask(engine, step).scheduledEventId()));
      case "completeMapRun" -> engine.send(new Command.CompleteMapRun("complete", engine.executionArn, openMapRun(engine),
          step.path("succeeded").asBoolean(), step.path("results"), Optional.ofNullable(step.get("error")).map(JsonNode::asText),
          Optional.ofNullable(step.get("cause")).map(JsonNode::asText)));
      default -> throw new IllegalArgumentException("Expected a known step, but got " + step);
    };
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
