package dev.stepfold.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.asl.ExecutionType;
import dev.stepfold.asl.parse.ConformanceCorpus;
import dev.stepfold.asl.parse.DefinitionParser;
import dev.stepfold.asl.parse.ParsedDefinition;
import dev.stepfold.error.StatesError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Hostile definitions and inputs: the conformance corpus's definitions and small generated ones, mutated (a field
 * removed, renamed or given another value, a transition pointed elsewhere, a state's type changed), run with odd
 * inputs, their tasks answered at random. Each ends as a clear {@code InvalidDefinition} from validation, a rejected
 * start, or an execution that runs to a final status or waits on a task, timer or map run: never an exception out of
 * parse, decide or evolve, never an execution with nothing to wait on. The test kit checks, after every command, that
 * the fold of the history is the state decide returned.
 *
 * <p>Tries: {@code jqwik.tries.default} in {@code junit-platform.properties}; raise it with
 * {@code -Djqwik.tries.default=5000}.
 */
class AslDefinitionFuzzTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_STEPS = 60;

  record Mutation(int kind, int target, int pick) {}

  record Scenario(int corpusIndex, List<Mutation> mutations, int inputPick, List<Integer> answers) {}

  private static final List<String> CORPUS = corpus();

  @Property
  void everyMutatedDefinitionIsRejectedClearlyOrRuns(@ForAll("scenarios") Scenario scenario) {
    var definition = mutated(scenario);
    Statistics.collect(run(definition, INPUTS.get(scenario.inputPick() % INPUTS.size()), scenario.answers()));
  }

  /**
   * Parses {@code definition}; a valid one is started with {@code input} and driven until it ends or waits on nothing it
   * can be given. Returns how it ended: invalid, rejected, a final status, running (steps used up) or waiting.
   */
  static String run(String definition, String input, List<Integer> answers) {
    var parsed = DefinitionParser.parse(definition, ExecutionType.STANDARD);
    if (parsed instanceof ParsedDefinition.Invalid invalid) {
      assertThat(invalid.message()).as("the InvalidDefinition message").startsWith("Invalid State Machine Definition: '").doesNotContain("null at null");
      return "invalid definition";
    }
    var engine = EngineTestKit.given(definition);
    var started = engine.start(input);
    if (started.isRejected()) {
      return "start rejected";
    }
    var pendingTimers = new LinkedHashMap<TimerId, TimerChange.Set>();
    var mapRuns = new ArrayList<MapRunDispatch>();
    var answer = answers.iterator();
    int seenTimers = 0;
    for (int step = 0; step < MAX_STEPS; step++) {
      seenTimers = FoldPropertyTest.track(engine.timers, seenTimers, pendingTimers);
      mapRuns.addAll(engine.last.mapRunStarts());   // each step sends one command: the last decision is new
      int pick = answer.hasNext() ? answer.next() : 0;
      if (engine.execution.status().isClosed()) {
        if (pick % 3 != 0 || !engine.execution.status().equals(ExecutionStatus.FAILED) && !engine.execution.status().equals(ExecutionStatus.ABORTED)
            && !engine.execution.status().equals(ExecutionStatus.TIMED_OUT)) {
          return engine.execution.status().name();
        }
        engine.send(new Command.RedriveExecution("redrive-" + step, engine.executionArn, Optional.empty()));
        continue;
      }
      if (pick == 7) {
        engine.send(new Command.StopExecution("stop-" + step, engine.executionArn, Optional.of("Fuzz.Stop"), Optional.empty()));
        continue;
      }
      var open = engine.openTasks();
      if (!open.isEmpty()) {
        var task = open.get(pick % open.size());
        switch (pick % 6) {
          case 0, 1 -> engine.succeed(task, OUTPUTS.get(pick % OUTPUTS.size()));
          case 2 -> engine.fail(task, "Retryable", "try again");
          case 3 -> engine.fail(task, StatesError.TIMEOUT, "timed out");
          case 4 -> engine.fail(task, "States.TaskFailed", "failed");
          default -> engine.succeed(task, "{\"big\": \"" + "x".repeat(270_000) + "\"}");
        }
        continue;
      }
      var timer = pendingTimers.values().stream().min(Comparator.comparing(TimerChange.Set::due));
      if (timer.isPresent()) {
        pendingTimers.remove(timer.get().timerId());
        if (timer.get().due().isAfter(engine.now)) {
          engine.now = timer.get().due();
        }
        engine.fire(timer.get().timerId());
        continue;
      }
      var mapRun = Scopes.find(engine.execution, active -> active.fanout().flatMap(Fanout::mapRun).isPresent());
      if (mapRun.isPresent() && !mapRuns.isEmpty()) {
        var dispatch = mapRuns.remove(0);
        var results = JSON.createArrayNode();
        dispatch.items().forEach(item -> results.add(item));
        engine.send(new Command.CompleteMapRun("map-run-" + step, engine.executionArn, dispatch.mapRunArn(), pick % 2 == 0, results,
            pick % 2 == 0 ? Optional.empty() : Optional.of("States.ExceedToleratedFailureThreshold"), Optional.empty()));
        continue;
      }
      assertThat(mapRun).as("Expected the running execution to wait on a task, a timer or a map run, but it waits on nothing: %s",
          engine.sequence()).isPresent();
      return "waiting on a map run";
    }
    return "running after " + MAX_STEPS + " steps";
  }

  record Field(int key, int value) {}

  record Generated(List<String> types, List<List<Field>> fields, int inputPick, List<Integer> answers) {}

  @Property
  void everyGeneratedDefinitionIsRejectedClearlyOrRuns(@ForAll("generated") Generated generated) {
    Statistics.collect(run(generated(generated), INPUTS.get(generated.inputPick() % INPUTS.size()), generated.answers()));
  }

  /** A chain of the generated states, State0 → State1 → … (the last ends), each with its random fields. */
  static String generated(Generated generated) {
    var states = JSON.createObjectNode();
    for (int i = 0; i < generated.types().size(); i++) {
      var type = generated.types().get(i);
      var state = states.putObject("State" + i).put("Type", type);
      switch (type) {
        case "Task" -> state.put("Resource", "arn:aws:states:::lambda:invoke");
        case "Wait" -> state.put("Seconds", 1);
        case "Choice" -> state.set("Choices", json("[{\"Variable\": \"$.x\", \"IsPresent\": true, \"Next\": \"State" + i + "\"}]"));
        case "Parallel" -> state.set("Branches", json("[{\"StartAt\": \"B\", \"States\": {\"B\": {\"Type\": \"Pass\", \"End\": true}}}]"));
        case "Map" -> state.set("ItemProcessor", json("{\"StartAt\": \"I\", \"States\": {\"I\": {\"Type\": \"Pass\", \"End\": true}}}"));
        default -> { }
      }
      var keys = FIELDS_BY_TYPE.get(type);
      for (var field : generated.fields().get(i)) {
        state.set(keys.get(field.key() % keys.size()), VALUES.get(field.value() % VALUES.size()).deepCopy());
      }
      var last = i == generated.types().size() - 1;
      if (type.equals("Choice")) {
        state.put("Default", last ? "State0" : "State" + (i + 1));
      } else if (!type.equals("Succeed") && !type.equals("Fail") && !state.has("Next") && !state.has("End")) {
        if (last) {
          state.put("End", true);
        } else {
          state.put("Next", "State" + (i + 1));
        }
      }
    }
    var root = JSON.createObjectNode().put("StartAt", "State0");
    root.set("States", states);
    return root.toString();
  }

  @Provide
  Arbitrary<Generated> generated() {
    var types = Arbitraries.of(TYPES.subList(0, TYPES.size() - 1)).list().ofMinSize(1).ofMaxSize(4);
    var field = Combinators.combine(Arbitraries.integers().between(0, 100), Arbitraries.integers().between(0, VALUES.size() - 1))
        .as(Field::new);
    return types.flatMap(chosen -> Combinators.combine(Arbitraries.just(chosen), field.list().ofMaxSize(2).list().ofSize(chosen.size()),
        Arbitraries.integers().between(0, INPUTS.size() - 1), Arbitraries.integers().between(0, 11).list().ofMaxSize(12)).as(Generated::new));
  }

  @Provide
  Arbitrary<Scenario> scenarios() {
    var mutation = Combinators.combine(Arbitraries.integers().between(0, 7), Arbitraries.integers().between(0, 10_000),
        Arbitraries.integers().between(0, 10_000)).as(Mutation::new);
    return Combinators.combine(Arbitraries.integers().between(0, CORPUS.size() - 1), mutation.list().ofMaxSize(4),
        Arbitraries.integers().between(0, INPUTS.size() - 1), Arbitraries.integers().between(0, 11).list().ofMaxSize(12)).as(Scenario::new);
  }

  /** The corpus definition with the scenario's mutations applied; text that is not JSON stays as it is. */
  static String mutated(Scenario scenario) {
    JsonNode root;
    try {
      root = JSON.readTree(CORPUS.get(scenario.corpusIndex()));
    } catch (IOException e) {
      return CORPUS.get(scenario.corpusIndex());
    }
    for (var mutation : scenario.mutations()) {
      root = mutate(root, mutation);
    }
    return root.toString();
  }

  private record Slot(JsonNode parent, String field, int index) {}

  private static JsonNode mutate(JsonNode root, Mutation mutation) {
    var slots = new ArrayList<Slot>();
    collect(root, slots);
    if (slots.isEmpty()) {
      return root;
    }
    var slot = slots.get(mutation.target() % slots.size());
    var value = VALUES.get(mutation.pick() % VALUES.size()).deepCopy();
    if (slot.parent() instanceof ObjectNode object) {
      switch (mutation.kind()) {
        case 0 -> object.remove(slot.field());
        case 1 -> {
          var moved = object.remove(slot.field());
          object.set(KEYS.get(mutation.pick() % KEYS.size()), moved);
        }
        case 2 -> object.set(KEYS.get(mutation.pick() % KEYS.size()), value);
        case 3 -> object.put("Next", stateNames(root).isEmpty() ? "Nowhere" : stateNames(root).get(mutation.pick() % stateNames(root).size()));
        case 4 -> object.put("Type", TYPES.get(mutation.pick() % TYPES.size()));
        case 5 -> object.set(slot.field(), object.get(slot.field()).deepCopy());   // no change: keeps some corpus definitions whole
        default -> object.set(slot.field(), value);
      }
    } else if (slot.parent() instanceof ArrayNode array) {
      switch (mutation.kind()) {
        case 0 -> array.remove(slot.index());
        case 1 -> array.add(array.get(slot.index()).deepCopy());
        default -> array.set(slot.index(), value);
      }
    }
    return root;
  }

  private static void collect(JsonNode node, List<Slot> slots) {
    if (node instanceof ObjectNode object) {
      object.fieldNames().forEachRemaining(name -> slots.add(new Slot(object, name, -1)));
      object.elements().forEachRemaining(child -> collect(child, slots));
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        slots.add(new Slot(array, null, i));
        collect(array.get(i), slots);
      }
    }
  }

  private static List<String> stateNames(JsonNode root) {
    var names = new ArrayList<String>();
    root.path("States").fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static final List<String> KEYS = List.of("Next", "End", "Type", "Resource", "InputPath", "OutputPath", "ResultPath", "Parameters",
      "ResultSelector", "Result", "Retry", "Catch", "Seconds", "SecondsPath", "Timestamp", "TimestampPath", "TimeoutSeconds",
      "TimeoutSecondsPath", "HeartbeatSeconds", "HeartbeatSecondsPath", "Choices", "Default", "Branches", "ItemsPath", "Items",
      "ItemSelector", "ItemProcessor", "Iterator", "MaxConcurrency", "MaxConcurrencyPath", "ToleratedFailureCount",
      "ToleratedFailurePercentage", "ItemReader", "ItemBatcher", "ResultWriter", "Error", "Cause", "ErrorPath", "CausePath", "Arguments",
      "Output", "Assign", "QueryLanguage", "Credentials", "Label", "Variable", "StringEquals", "NumericGreaterThan", "IsPresent", "And",
      "Not", "Condition", "ErrorEquals", "MaxAttempts", "IntervalSeconds", "BackoffRate", "MaxDelaySeconds", "JitterStrategy");

  /** The fields each state type may have (besides Type, Next and End), so that most generated definitions are valid. */
  private static final Map<String, List<String>> FIELDS_BY_TYPE = Map.of(
      "Pass", List.of("InputPath", "OutputPath", "ResultPath", "Parameters", "Result", "Assign", "QueryLanguage", "Output"),
      "Task", List.of("InputPath", "OutputPath", "ResultPath", "Parameters", "ResultSelector", "Retry", "Catch", "TimeoutSeconds",
          "TimeoutSecondsPath", "HeartbeatSeconds", "Assign", "Resource", "Arguments", "Output", "QueryLanguage"),
      "Choice", List.of("InputPath", "OutputPath", "Assign", "QueryLanguage"),
      "Wait", List.of("InputPath", "OutputPath", "Seconds", "SecondsPath", "Timestamp", "TimestampPath", "Assign"),
      "Succeed", List.of("InputPath", "OutputPath", "Output", "QueryLanguage"),
      "Fail", List.of("Error", "Cause", "ErrorPath", "CausePath", "QueryLanguage"),
      "Parallel", List.of("InputPath", "OutputPath", "ResultPath", "Parameters", "ResultSelector", "Retry", "Catch", "Assign", "Arguments"),
      "Map", List.of("InputPath", "OutputPath", "ResultPath", "ItemsPath", "Items", "ItemSelector", "Parameters", "ResultSelector",
          "MaxConcurrency", "MaxConcurrencyPath", "ToleratedFailureCount", "ToleratedFailurePercentage", "Retry", "Catch", "ItemBatcher",
          "Assign"));

  private static final List<String> TYPES = List.of("Pass", "Task", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map", "Unknown");

  private static final List<JsonNode> VALUES = List.of(
      json("null"), json("0"), json("-1"), json("1.5"), json("1e308"), json("99999999999999999999"), json("true"), json("\"\""),
      json("\"$\""), json("\"$.x\""), json("\"$.items[0]\""), json("\"$[*]\""), json("\"$..a\""), json("\"$$.Execution.Input\""),
      json("\"$$.Map.Item.Value\""), json("\"$x\""), json("\"States.Format('{}', $.a)\""), json("\"States.ArrayRange(1, 1000000, 1)\""),
      json("\"States.StringToJson($.s)\""), json("\"States.MathAdd($.n, 1)\""), json("\"{% $states.input.x %}\""),
      json("\"{% $count([1,2]) / 0 %}\""), json("\"{% $error() %}\""), json("\"JSONata\""), json("\"JSONPath\""),
      json("\"arn:aws:states:::lambda:invoke\""), json("\"arn:aws:states:::states:startExecution.sync:2\""),
      json("\"arn:aws:states:::sqs:sendMessage.waitForTaskToken\""), json("\"States.ALL\""), json("\"2016-03-14T01:59:00Z\""),
      json("\"not a date\""), json("[]"), json("[\"States.ALL\"]"), json("{}"), json("{\"a.$\": \"$.missing\"}"),
      json("{\"StartAt\": \"X\", \"States\": {\"X\": {\"Type\": \"Pass\", \"End\": true}}}"),
      json("[{\"ErrorEquals\": [\"States.ALL\"], \"Next\": \"Nowhere\"}]"),
      json("[{\"ErrorEquals\": [\"States.ALL\"], \"MaxAttempts\": 3, \"BackoffRate\": 0.5}]"),
      json("{\"ProcessorConfig\": {\"Mode\": \"DISTRIBUTED\", \"ExecutionType\": \"STANDARD\"}, \"StartAt\": \"X\","
          + " \"States\": {\"X\": {\"Type\": \"Pass\", \"End\": true}}}"),
      json("\"" + "y".repeat(300) + "\""));

  private static final List<String> INPUTS = List.of("{}", "{\"x\": 1, \"n\": 7, \"items\": [1, 2, 3], \"a\": \"b\", \"s\": \"{\\\"k\\\": 1}\"}",
      "[]", "[1, 2]", "\"text\"", "42", "null", "{\"items\": \"not an array\"}", "{\"x\": {\"y\": [[[[[]]]]]}}",
      "{\"items\": [" + "{\"v\": 1},".repeat(50) + "{\"v\": 2}]}", "{\"text\": \"" + "x".repeat(140_000) + "\"}");

  private static final List<String> OUTPUTS = List.of("{}", "{\"ok\": true}", "[]", "\"done\"", "1", "null", "{\"Payload\": {\"x\": 1}}");

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Conformance definitions AWS accepted and rejected, and generated ones of every state type. */
  private static List<String> corpus() {
    var definitions = new ArrayList<String>();
    for (var folder : List.of("cases", "cases-invalid")) {
      for (var id : ConformanceCorpus.caseIds(folder)) {
        var file = ConformanceCorpus.root().resolve(folder).resolve(id).resolve("definition.json");
        try {
          definitions.add(Files.readString(file));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    for (var types : List.of(List.of("Pass", "Task", "Choice"), List.of("Wait", "Parallel", "Map"), List.of("Task", "Map", "Choice", "Wait"))) {
      definitions.add(FoldPropertyTest.definition(types.stream().map(type -> new FoldPropertyTest.StateSpec(type, 1, 1, true)).toList()));
    }
    return definitions;
  }
}
