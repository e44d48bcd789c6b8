package dev.stepfold.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.arn.ArnFormat;
import dev.stepfold.asl.ExecutionType;
import dev.stepfold.asl.parse.DefinitionParser;
import dev.stepfold.asl.parse.ParsedDefinition;
import dev.stepfold.engine.StateTest;
import dev.stepfold.engine.StateTestResult;
import dev.stepfold.engine.StepfoldDecider;
import dev.stepfold.engine.behavior.Json;
import dev.stepfold.local.TaskAnswer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * TestState against AWS's recordings of single states: every recorded execution of a state machine of one state (a
 * Pass, Wait, Fail, or a Task called once) is a test of that state, whose outcome AWS recorded as the execution's. The
 * state is tested on the execution's input, a Task with its recorded answer as its mock, and TestState must end as
 * the execution ended: SUCCEEDED with its output, or FAILED with its error and cause. Left out: states that read the
 * context object (a test's execution is not the recorded one), Tasks answered more than once (retries) or not at all
 * (time-outs), and Map and Parallel, whose mocks stand for their whole work.
 */
class TestStateConformanceTest {
  private static final Set<String> SINGLE_STATE_TYPES = Set.of("Pass", "Wait", "Fail", "Task");
  private final StepfoldDecider engine = new StepfoldDecider();

  @Test
  void shouldEndEachRecordedSingleStateAsAwsEndedItsExecution() {
    var dir = System.getProperty("stepfold.conformance.dir");
    assertThat(dir).as("system property stepfold.conformance.dir (the parent pom sets it)").isNotBlank();
    var tested = 0;
    var differences = new ArrayList<String>();
    for (var corpusCase : Corpus.load(Path.of(dir))) {
      if (corpusCase.kind() != CorpusCase.Kind.EXECUTION) {
        continue;
      }
      var difference = test(corpusCase.dir());
      if (difference.isPresent()) {
        tested++;
        difference.get().ifPresent(reason -> differences.add(corpusCase.id() + ": " + reason));
      }
    }
    assertThat(tested).as("recorded single states tested").isGreaterThanOrEqualTo(259);
    assertThat(differences).as("single states whose TestState ends otherwise than AWS's execution").isEmpty();
  }

  /** Empty when the case is not a test of a single state; else the difference from AWS, if any. */
  private Optional<Optional<String>> test(Path caseDir) {
    var text = ConformanceRunner.definitionText(caseDir);
    var document = Json.parse(text).filter(JsonNode::isObject);
    if (document.isEmpty() || document.get().path("States").size() != 1 || text.contains("$$") || text.contains("$states.context")) {
      return Optional.empty();
    }
    var stateName = document.get().path("States").fieldNames().next();
    var state = document.get().path("States").path(stateName);
    var expected = (ObjectNode) Corpus.readJson(caseDir.resolve("expected.json"));
    var status = expected.path("status").asText();
    if (!SINGLE_STATE_TYPES.contains(state.path("Type").asText()) || !(status.equals("SUCCEEDED") || status.equals("FAILED"))) {
      return Optional.empty();
    }
    var mock = Optional.<StateTest.Mock>empty();
    if (state.path("Type").asText().equals("Task")) {
      mock = mock(caseDir, state);
      if (mock.isEmpty()) {
        return Optional.empty();
      }
    }
    var parsed = DefinitionParser.parse(text, ExecutionType.STANDARD);
    if (parsed instanceof ParsedDefinition.Invalid invalid) {
      return Optional.of(Optional.of("definition rejected: " + invalid.message()));
    }
    var input = Json.parse(Corpus.readText(caseDir.resolve("input.json")));
    if (input.isEmpty()) {
      return Optional.empty();
    }
    var stateMachine = ArnFormat.DEFAULT.stateMachine("TestState");
    var test = new StateTest(stateMachine.expressExecution("conformance", "1"), stateMachine, "arn:aws:iam::111111111111:role/test",
        ((ParsedDefinition.Valid) parsed).definition(), stateName, input.get(), Map.of(), Optional.empty(), mock,
        StateTest.Configuration.NONE);
    var result = engine.test(test, Instant.parse("2026-01-01T00:00:00Z"));
    if (result instanceof StateTestResult.Rejected rejected) {
      return Optional.of(Optional.of("rejected: " + rejected.error().awsName() + ": " + rejected.message()));
    }
    var ran = (StateTestResult.Ran) result;
    if (ran.status() != StateTestResult.Status.SUCCEEDED && ran.status() != StateTestResult.Status.FAILED || ran.nextState().isPresent()) {
      return Optional.of(Optional.of("TestState ended " + ran.status() + ran.nextState().map(next -> " before " + next).orElse("")));
    }
    expected.remove("events");
    var matcher = new ValueMatcher(tokens(expected, "placeholders"), tokens(expected, "wildcards"));
    return Optional.of(new ExecutionComparison(matcher).compare(expected,
        new ExecutionComparison.Actual(ran.status().name(), ran.error(), ran.cause(), ran.output(), List.of())));
  }

  /** The Task's one recorded answer, when it was answered once and finally: its result, or its error. */
  private static Optional<StateTest.Mock> mock(Path caseDir, JsonNode state) {
    var tasksFile = caseDir.resolve("tasks.json");
    if (!Files.isRegularFile(tasksFile) || state.has("Retry")) {
      return Optional.empty();
    }
    var tasks = Corpus.readJson(tasksFile);
    if (tasks.size() != 1) {
      return Optional.empty();
    }
    var answer = RecordedTaskAnswers.answerOf(tasks.get(0));
    if (answer instanceof TaskAnswer.Succeed succeed) {
      return Json.parse(succeed.output()).map(StateTest.Mock.Result::new);
    }
    if (answer instanceof TaskAnswer.Fail fail) {
      return Optional.of(new StateTest.Mock.Error(fail.error(), fail.cause()));
    }
    return Optional.empty();
  }

  private static Set<String> tokens(JsonNode expected, String field) {
    var tokens = new HashSet<String>();
    expected.path(field).forEach(token -> tokens.add(token.asText()));
    return tokens;
  }
}
