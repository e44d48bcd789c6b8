package dev.stepfold.api.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.api.ApiArns;
import dev.stepfold.api.ApiException;
import dev.stepfold.api.ApiRequest;
import dev.stepfold.api.ApiServices;
import dev.stepfold.api.Members;
import dev.stepfold.api.Operation;
import dev.stepfold.api.Wire;
import dev.stepfold.asl.ExecutionType;
import dev.stepfold.asl.StateMachineDefinition;
import dev.stepfold.asl.TaskState;
import dev.stepfold.asl.parse.DefinitionParser;
import dev.stepfold.asl.parse.ParsedDefinition;
import dev.stepfold.codec.HistoryJson;
import dev.stepfold.engine.StateTest;
import dev.stepfold.engine.StateTestResult;
import dev.stepfold.engine.behavior.Json;
import dev.stepfold.error.ApiError;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * {@code TestState}: one state run once, in this process, by the engine's {@code test} (the behaviors and data flow an
 * execution's states run); no command is sent and no execution is stored. Without {@code stateName} the definition is
 * one state, named {@value #LONE_STATE}; with it, a whole state machine whose state of that name runs. The answer is
 * the state's status, next state, output or error; at {@code DEBUG} and {@code TRACE} its {@code inspectionData}, and at
 * {@code TRACE} for {@code http:invoke} the request the task would send and the mocked response.
 */
final class TestState implements Operation {
  /** What the state of a definition of one state is called: its {@code $$.State.Name}. */
  static final String LONE_STATE = "StateName";
  static final String TEST_STATE_MACHINE = "TestState";
  private static final List<String> INSPECTION_LEVELS = List.of("INFO", "DEBUG", "TRACE");
  private static final int STATE_NAME_LENGTH = 80;
  private final ApiServices services;

  TestState(ApiServices services) {
    this.services = services;
  }

  @Override
  public String name() {
    return "TestState";
  }

  @Override
  public ObjectNode call(ApiRequest request) {
    var in = request.members();
    var definitionText = in.requiredSensitive("definition", 1, Members.DEFINITION_LENGTH);
    var roleArn = in.optionalArn("roleArn");
    var input = in.optionalSensitive("input", 0, Members.PAYLOAD_LENGTH).orElse("{}");
    var level = in.optionalEnum("inspectionLevel", INSPECTION_LEVELS).orElse("INFO");
    boolean revealSecrets = in.optionalBoolean("revealSecrets").orElse(false);
    var variables = in.optionalSensitive("variables", 0, Members.PAYLOAD_LENGTH);
    var stateName = in.optionalSensitive("stateName", 1, STATE_NAME_LENGTH);
    var context = in.optionalSensitive("context", 0, Members.PAYLOAD_LENGTH);
    var mock = TestStateMembers.mock(in);
    var configuration = TestStateMembers.configuration(in);
    roleArn.ifPresent(TestState::checkRoleArn);
    if (mock.isPresent() && revealSecrets) {
      throw ApiException.validation("TestState does not support RevealSecrets when a mock is specified.");
    }
    var definition = definition(definitionText, stateName);
    var name = stateName.orElse(LONE_STATE);
    var inputJson = Json.parse(input).orElseThrow(() -> ApiException.of(ApiError.INVALID_EXECUTION_INPUT,
        "Invalid State Machine Execution Input: 'the input is not valid JSON'"));
    var tested = definition.graph().states().get(name);
    if (tested instanceof TaskState task && mock.isPresent() && mock.get().mode().checks()) {
      mock.get().result().ifPresent(result -> MockedResultShapes.check(task.resource().arn(), result, mock.get().mode()));
    }
    var stateMachine = services.arns().stateMachine(TEST_STATE_MACHINE);
    var test = new StateTest(stateMachine.expressExecution(request.requestId(), UUID.randomUUID().toString()), stateMachine,
        roleArn.orElse(""), definition, name, inputJson, TestStateMembers.variables(variables), TestStateMembers.context(context),
        mock.map(TestStateMembers.Mock::engineMock), configuration);
    var result = services.engine().test(test, Instant.now());
    if (result instanceof StateTestResult.Rejected rejected) {
      throw ApiException.of(rejected.error(), rejected.message());
    }
    var ran = (StateTestResult.Ran) result;
    var json = Wire.object().put("status", ran.status().name());
    Wire.put(json, "nextState", ran.nextState());
    ran.output().ifPresent(output -> json.put("output", HistoryJson.compact(output)));
    Wire.put(json, "error", ran.error());
    Wire.put(json, "cause", ran.cause());
    if (!level.equals("INFO")) {
      var inspection = InspectionJson.of(ran.inspection());
      if (level.equals("TRACE") && tested instanceof TaskState task) {
        InspectionJson.http(inspection, task.resource().arn(), ran.inspection(), mock.flatMap(TestStateMembers.Mock::result));
      }
      json.set("inspectionData", inspection);
    }
    return json;
  }

  /** A whole state machine with {@code stateName}; one state without. */
  private static StateMachineDefinition definition(String text, Optional<String> stateName) {
    ParsedDefinition parsed;
    if (stateName.isPresent()) {
      parsed = DefinitionParser.parse(text, ExecutionType.STANDARD);
    } else {
      var document = Json.parse(text);
      if (document.isPresent() && document.get().has("States") && !document.get().has("Type")) {
        throw ApiException.of(ApiError.INVALID_DEFINITION, "Invalid State Machine Definition: 'the definition is a state machine: give"
            + " stateName, the state of it to test'");
      }
      parsed = DefinitionParser.parseState(text, LONE_STATE, ExecutionType.STANDARD);
    }
    if (parsed instanceof ParsedDefinition.Invalid invalid) {
      throw ApiException.of(ApiError.INVALID_DEFINITION, invalid.message());
    }
    return ((ParsedDefinition.Valid) parsed).definition();
  }

  private static void checkRoleArn(String roleArn) {
    var parts = roleArn.split(":", 6);
    if (parts.length < 6 || !parts[0].equals("arn") || !parts[2].equals("iam")) {
      throw ApiArns.invalid(roleArn);
    }
  }

  /** The members of TestState's structures, read as the model types them. */
  static final class TestStateMembers {
    private TestStateMembers() {}

    enum Mode {
      STRICT, PRESENT, NONE;

      boolean checks() {
        return this != NONE;
      }
    }

    /** {@code MockInput}: one of {@code result} (JSON text) and {@code errorOutput}, and how strictly a result is checked. */
    record Mock(Optional<JsonNode> result, Optional<String> error, Optional<String> cause, Mode mode) {
      StateTest.Mock engineMock() {
        return result.<StateTest.Mock>map(StateTest.Mock.Result::new).orElseGet(() -> new StateTest.Mock.Error(error, cause));
      }
    }

    static Optional<Mock> mock(Members in) {
      var node = in.optionalObject("mock");
      if (node.isEmpty()) {
        return Optional.empty();
      }
      var mock = new Members((ObjectNode) node.get());
      var result = mock.optionalSensitive("result", 0, Members.PAYLOAD_LENGTH);
      var errorOutput = mock.optionalObject("errorOutput");
      var mode = Mode.valueOf(mock.optionalEnum("fieldValidationMode", List.of("STRICT", "PRESENT", "NONE")).orElse("STRICT"));
      if (result.isPresent() == errorOutput.isPresent()) {
        throw ApiException.validation(result.isPresent() ? "A test mock should have only one of the following fields: [result, errorOutput]."
            : "A test mock should have one of the following fields: [result, errorOutput].");
      }
      if (result.isPresent()) {
        var json = Json.parse(result.get()).orElseThrow(() -> ApiException.validation("Mocked result must be valid JSON"));
        return Optional.of(new Mock(Optional.of(json), Optional.empty(), Optional.empty(), mode));
      }
      var error = new Members((ObjectNode) errorOutput.get());
      return Optional.of(new Mock(Optional.empty(), error.optionalSensitive("error", 0, Members.ERROR_LENGTH),
          error.optionalSensitive("cause", 0, Members.CAUSE_LENGTH), mode));
    }

    /** {@code TestStateConfiguration}. */
    static StateTest.Configuration configuration(Members in) {
      var node = in.optionalObject("stateConfiguration");
      if (node.isEmpty()) {
        return StateTest.Configuration.NONE;
      }
      var configuration = new Members((ObjectNode) node.get());
      var retries = configuration.optionalInt("retrierRetryCount", 0, Integer.MAX_VALUE);
      var causedBy = configuration.optionalSensitive("errorCausedByState", 1, STATE_NAME_LENGTH);
      var failures = configuration.optionalInt("mapIterationFailureCount", 0, Integer.MAX_VALUE);
      var itemReaderData = configuration.optionalSensitive("mapItemReaderData", 0, Members.PAYLOAD_LENGTH)
          .map(text -> Json.parse(text).orElseThrow(() -> ApiException.validation("mapItemReaderData must be valid JSON")));
      return new StateTest.Configuration(retries.isPresent() ? OptionalInt.of(retries.getAsInt()) : OptionalInt.empty(), causedBy,
          failures.isPresent() ? OptionalInt.of(failures.getAsInt()) : OptionalInt.empty(), itemReaderData);
    }

    /** {@code variables}: a JSON object of workflow variables. */
    static Map<String, JsonNode> variables(Optional<String> text) {
      if (text.isEmpty()) {
        return Map.of();
      }
      var json = Json.parse(text.get()).filter(JsonNode::isObject)
          .orElseThrow(() -> ApiException.validation("variables must be a JSON object of workflow variables"));
      var variables = new LinkedHashMap<String, JsonNode>();
      json.fields().forEachRemaining(variable -> variables.put(variable.getKey(), variable.getValue()));
      return variables;
    }

    static Optional<JsonNode> context(Optional<String> text) {
      return text.map(context -> Json.parse(context).orElseThrow(() -> ApiException.validation("Invalid Context object provided: it is not"
          + " valid JSON")));
    }
  }
}
