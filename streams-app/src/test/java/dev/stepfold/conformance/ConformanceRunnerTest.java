package dev.stepfold.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.stepfold.asl.ExecutionType;
import dev.stepfold.asl.QueryLanguage;
import dev.stepfold.asl.StateGraph;
import dev.stepfold.asl.StateMachineDefinition;
import dev.stepfold.asl.parse.Diagnostic;
import dev.stepfold.asl.parse.ParsedDefinition;
import dev.stepfold.engine.Command;
import dev.stepfold.engine.Decision;
import dev.stepfold.engine.ExecutionDecider;
import dev.stepfold.engine.ExecutionState;
import dev.stepfold.engine.ExecutionStatus;
import dev.stepfold.engine.Reply;
import dev.stepfold.engine.Scope;
import dev.stepfold.history.EventDetails;
import dev.stepfold.history.HistoryEvent;
import dev.stepfold.history.HistoryEventType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replay end to end with a stand-in parser and engine: an execution that echoes its input. */
class ConformanceRunnerTest {
  private static final BiFunction<String, ExecutionType, ParsedDefinition> PARSER = (text, type) -> text.contains("\"States\"")
      ? new ParsedDefinition.Valid(new StateMachineDefinition(new StateGraph("P", Map.of()), QueryLanguage.JSONPATH, OptionalLong.empty(),
          Optional.empty(), JsonNodeFactory.instance.objectNode()), List.of())
      : new ParsedDefinition.Invalid(List.of(Diagnostic.error("These fields are required: [States]", "/")));

  @TempDir
  Path corpus;

  @Test
  void shouldPassACaseThatMatchesItsRecording() throws IOException {
    writeCase("cases/echo", "{\"a\": 1}", """
        {"status": "SUCCEEDED", "output": {"a": 1}, "error": null, "cause": null,
         "events": [
           {"id": 1, "previousEventId": 0, "type": "ExecutionStarted",
            "executionStartedEventDetails": {"input": {"a": 1}, "inputDetails": {"truncated": false}, "roleArn": "<snf_role_arn>"}},
           {"id": 2, "previousEventId": 1, "type": "ExecutionSucceeded",
            "executionSucceededEventDetails": {"output": {"a": 1}, "outputDetails": {"truncated": false}}}],
         "placeholders": ["<snf_role_arn>"], "wildcards": []}""");

    var report = new ConformanceRunner(PARSER, activities -> new EchoDecider()).run(corpus);

    assertThat(report.failed()).isEmpty();
    assertThat(report.passed()).isEqualTo(1);
  }

  @Test
  void shouldFailACaseWithItsFirstDifference() throws IOException {
    writeCase("cases/echo", "{\"a\": 2}", """
        {"status": "SUCCEEDED", "output": {"a": 1}, "error": null, "cause": null, "events": null, "placeholders": [], "wildcards": []}""");

    var report = new ConformanceRunner(PARSER, activities -> new EchoDecider()).run(corpus);

    assertThat(report.failed()).singleElement().satisfies(result -> {
      assertThat(result.failure()).contains("output.a: expected 1, but got 2");
      assertThat(result.features()).containsExactly("Pass");
    });
  }

  @Test
  void shouldFailACaseWhoseEngineThrowsAndGoOn() throws IOException {
    writeCase("cases/boom", "{\"boom\": true}", """
        {"status": "SUCCEEDED", "output": {}, "error": null, "cause": null, "events": null, "placeholders": [], "wildcards": []}""");
    writeCase("cases/echo", "{}", """
        {"status": "SUCCEEDED", "output": {}, "error": null, "cause": null, "events": null, "placeholders": [], "wildcards": []}""");

    var report = new ConformanceRunner(PARSER, activities -> new EchoDecider()).run(corpus);

    assertThat(report.total()).isEqualTo(2);
    assertThat(report.failed()).singleElement().satisfies(result -> {
      assertThat(result.id()).isEqualTo("boom");
      assertThat(result.failure()).hasValueSatisfying(reason -> assertThat(reason).startsWith("threw IllegalStateException: Expected no boom"));
    });
  }

  @Test
  void shouldCompareTheMessageOfARejectedDefinition() throws IOException {
    writeInvalid("cases-invalid/create", "CreateStateMachine",
        "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: These fields are required: [States] at /'", "");
    writeInvalid("cases-invalid/validate", "ValidateStateMachineDefinition", "These fields are required: [States]", """
        , "diagnostics": [{"code": "SCHEMA_VALIDATION_FAILED", "location": "/", "message": "These fields are required: [States]", "severity": "ERROR"}]""");
    writeInvalid("cases-invalid/other", "CreateStateMachine", "Invalid State Machine Definition: 'something else'", "");

    var report = new ConformanceRunner(PARSER, activities -> new EchoDecider()).run(corpus);

    assertThat(report.passed()).isEqualTo(2);
    assertThat(report.failed()).singleElement().satisfies(result -> assertThat(result.failure())
        .contains("message: expected \"Invalid State Machine Definition: 'something else'\", but got \"Invalid State Machine Definition: "
            + "'SCHEMA_VALIDATION_FAILED: These fields are required: [States] at /'\""));
  }

  @Test
  void shouldMatchTheTokensARejectedDefinitionDeclares() throws IOException {
    writeInvalid("cases-invalid/declared", "CreateStateMachine",
        "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: These fields are required: [<field>] at /'", ", \"placeholders\": [\"<field>\"]");
    writeInvalid("cases-invalid/undeclared", "CreateStateMachine",
        "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: These fields are required: [<field>] at /'", "");
    writeInvalid("cases-invalid/validate", "ValidateStateMachineDefinition", "These fields are required: [<field>]", """
        , "placeholders": ["<field>"],
          "diagnostics": [{"code": "SCHEMA_VALIDATION_FAILED", "location": "/", "message": "These fields are required: [<field>]", "severity": "ERROR"}]""");

    var report = new ConformanceRunner(PARSER, activities -> new EchoDecider()).run(corpus);

    assertThat(report.passed()).isEqualTo(2);
    assertThat(report.failed()).singleElement().satisfies(result -> {
      assertThat(result.id()).isEqualTo("undeclared");
      assertThat(result.failure()).hasValueSatisfying(reason -> assertThat(reason).startsWith("message: expected"));
    });
  }

  @Test
  void shouldRefuseADirectoryThatIsNotACorpus() {
    assertThatThrownBy(() -> new ConformanceRunner(PARSER, activities -> new EchoDecider()).run(corpus)).hasMessageContaining("is not a conformance corpus");
  }

  private void writeCase(String dir, String input, String expected) throws IOException {
    var caseDir = Files.createDirectories(corpus.resolve(dir));
    Files.writeString(caseDir.resolve("definition.json"), "{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}");
    Files.writeString(caseDir.resolve("input.json"), input);
    Files.writeString(caseDir.resolve("expected.json"), expected);
    Files.writeString(caseDir.resolve("meta.json"), "{\"stateMachineType\": \"STANDARD\", \"features\": [\"Pass\"]}");
  }

  private void writeInvalid(String dir, String api, String message, String more) throws IOException {
    var caseDir = Files.createDirectories(corpus.resolve(dir));
    Files.writeString(caseDir.resolve("definition.json"), "{\"StartAt\": \"P\"}");
    Files.writeString(caseDir.resolve("expected.json"),
        "{\"error\": \"InvalidDefinition\", \"message\": \"" + message + "\", \"api\": \"" + api + "\"" + more + "}");
    Files.writeString(caseDir.resolve("meta.json"), "{\"features\": [\"InvalidDefinition\"]}");
  }

  /** Succeeds at once with its input as output; throws on an input with "boom". */
  private static final class EchoDecider implements ExecutionDecider {
    @Override
    public ExecutionState initialState() {
      return ExecutionState.NOT_STARTED;
    }

    @Override
    public Decision decide(ExecutionState execution, Command command, Instant now) {
      var start = (Command.StartExecution) command;
      if (start.input().contains("boom")) {
        throw new IllegalStateException("Expected no boom, but got " + start.input());
      }
      var input = ValueMatcherTest.json(start.input());
      var started = new EventDetails.ExecutionStarted(input, start.roleArn(), Optional.empty(), Optional.empty(), start.executionArn(),
          start.stateMachineArn(), start.executionType(), start.definition());
      var events = List.of(new HistoryEvent(1, 0, now, HistoryEventType.EXECUTION_STARTED, started),
          new HistoryEvent(2, 1, now, HistoryEventType.EXECUTION_SUCCEEDED, new EventDetails.Output(input)));
      var closed = new ExecutionState(ExecutionStatus.SUCCEEDED, Optional.of(started), Optional.of(now), 2, Scope.EMPTY, Optional.of(input),
          Optional.empty(), Optional.of(now));
      return new Decision(events, List.of(), List.of(), new Reply.Accepted(JsonNodeFactory.instance.objectNode()), closed);
    }

    @Override
    public ExecutionState evolve(ExecutionState execution, HistoryEvent event) {
      throw new UnsupportedOperationException();
    }
  }
}
