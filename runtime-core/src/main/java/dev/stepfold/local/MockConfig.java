package dev.stepfold.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepfold.codec.HistoryJson;
import dev.stepfold.engine.TaskDispatch;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A mock configuration in the format of AWS Step Functions Local's mocked service integrations:
 * <pre>
 * {"StateMachines": {"Order": {"TestCases": {"HappyPath": {"ChargeCard": "ChargeOk"}}}},
 *  "MockedResponses": {"ChargeOk": {"0": {"Return": {...}}, "1-2": {"Throw": {"Error": "...", "Cause": "..."}}}}}
 * </pre>
 * A test case maps state names to mocked responses; a mocked response answers the n-th call of that state (from 0)
 * with the entry whose key ({@code "n"} or a range {@code "from-to"}) covers n.
 */
public record MockConfig(Map<String, Map<String, Map<String, String>>> testCases, Map<String, MockedResponse> mockedResponses) {
  private static final Pattern INVOCATIONS = Pattern.compile("(\\d+)(?:-(\\d+))?");

  public MockConfig {
    testCases = Collections.unmodifiableMap(new LinkedHashMap<>(testCases));
    mockedResponses = Collections.unmodifiableMap(new LinkedHashMap<>(mockedResponses));
  }

  /** One mocked response: answers by invocation number. */
  public record MockedResponse(String name, List<Entry> entries) {
    public MockedResponse {
      Objects.requireNonNull(name, "name");
      entries = List.copyOf(entries);
    }

    public Optional<TaskAnswer> forInvocation(int invocation) {
      return entries.stream().filter(entry -> entry.covers(invocation)).map(Entry::answer).findFirst();
    }
  }

  /** The answer for the invocations {@code from} to {@code to}, both included. */
  public record Entry(int from, int to, TaskAnswer answer) {
    public Entry {
      Objects.requireNonNull(answer, "answer");
      if (from < 0 || to < from) {
        throw new IllegalArgumentException("Expected an invocation range from 0 up, but got " + from + "-" + to);
      }
    }

    boolean covers(int invocation) {
      return invocation >= from && invocation <= to;
    }
  }

  /** Reads a mock configuration; an {@link IllegalArgumentException} says what is wrong and where. */
  public static MockConfig parse(JsonNode json) {
    requireObject(json, "the mock configuration");
    var testCases = new LinkedHashMap<String, Map<String, Map<String, String>>>();
    var stateMachines = json.path("StateMachines");
    requireObject(stateMachines, "StateMachines");
    stateMachines.fields().forEachRemaining(machine -> {
      var where = "StateMachines." + machine.getKey() + ".TestCases";
      var cases = machine.getValue().path("TestCases");
      requireObject(cases, where);
      var byName = new LinkedHashMap<String, Map<String, String>>();
      cases.fields().forEachRemaining(testCase -> {
        requireObject(testCase.getValue(), where + "." + testCase.getKey());
        var states = new LinkedHashMap<String, String>();
        testCase.getValue().fields().forEachRemaining(state -> {
          if (!state.getValue().isTextual()) {
            throw new IllegalArgumentException("Expected the name of a mocked response at " + where + "." + testCase.getKey() + "."
                + state.getKey() + ", but got " + state.getValue());
          }
          states.put(state.getKey(), state.getValue().asText());
        });
        byName.put(testCase.getKey(), states);
      });
      testCases.put(machine.getKey(), byName);
    });
    var responses = new LinkedHashMap<String, MockedResponse>();
    var mocked = json.path("MockedResponses");
    requireObject(mocked, "MockedResponses");
    mocked.fields().forEachRemaining(response -> responses.put(response.getKey(), mockedResponse(response.getKey(), response.getValue())));
    testCases.forEach((machine, cases) -> cases.forEach((testCase, states) -> states.forEach((state, response) -> {
      if (!responses.containsKey(response)) {
        throw new IllegalArgumentException("StateMachines." + machine + ".TestCases." + testCase + "." + state
            + " names the mocked response '" + response + "', which MockedResponses does not define");
      }
    })));
    return new MockConfig(testCases, responses);
  }

  /**
   * The answers of one test case: each Task state it names gets its mocked response, by how often the state was
   * called before; a state it does not name, or a call past the last entry, gets no answer.
   */
  public TaskAnswers answers(String stateMachine, String testCase) {
    var cases = testCases.get(stateMachine);
    if (cases == null) {
      throw new IllegalArgumentException("The mock configuration has no state machine '" + stateMachine + "'; it has " + testCases.keySet());
    }
    var states = cases.get(testCase);
    if (states == null) {
      throw new IllegalArgumentException(
          "The mock configuration has no test case '" + testCase + "' for '" + stateMachine + "'; it has " + cases.keySet());
    }
    var calls = new HashMap<String, Integer>();
    return (TaskDispatch task) -> {
      var responseName = states.get(task.stateName());
      if (responseName == null) {
        return TaskAnswer.noAnswer("test case '" + testCase + "' mocks no response for it");
      }
      var invocation = calls.merge(task.stateName(), 1, Integer::sum) - 1;
      return mockedResponses.get(responseName).forInvocation(invocation)
          .orElseGet(() -> TaskAnswer.noAnswer("mocked response '" + responseName + "' has no entry for invocation " + invocation));
    };
  }

  private static MockedResponse mockedResponse(String name, JsonNode json) {
    requireObject(json, "MockedResponses." + name);
    var entries = new ArrayList<Entry>();
    json.fields().forEachRemaining(entry -> {
      var where = "MockedResponses." + name + "." + entry.getKey();
      var range = INVOCATIONS.matcher(entry.getKey());
      if (!range.matches()) {
        throw new IllegalArgumentException("Expected an invocation number or range like \"0\" or \"1-2\" at " + where);
      }
      var from = Integer.parseInt(range.group(1));
      var to = range.group(2) == null ? from : Integer.parseInt(range.group(2));
      entries.add(new Entry(from, to, answer(entry.getValue(), where)));
    });
    return new MockedResponse(name, entries);
  }

  private static TaskAnswer answer(JsonNode json, String where) {
    requireObject(json, where);
    var returned = json.get("Return");
    var thrown = json.get("Throw");
    if ((returned == null) == (thrown == null) || json.size() != 1) {
      throw new IllegalArgumentException("Expected exactly one of Return or Throw at " + where);
    }
    if (returned != null) {
      return TaskAnswer.succeed(HistoryJson.compact(returned));
    }
    requireObject(thrown, where + ".Throw");
    return new TaskAnswer.Fail(text(thrown, "Error", where), text(thrown, "Cause", where));
  }

  private static Optional<String> text(JsonNode json, String field, String where) {
    var value = json.get(field);
    if (value == null) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      throw new IllegalArgumentException("Expected a string at " + where + ".Throw." + field + ", but got " + value);
    }
    return Optional.of(value.asText());
  }

  private static void requireObject(JsonNode json, String where) {
    if (!json.isObject()) {
      throw new IllegalArgumentException("Expected an object at " + where + ", but got " + (json.isMissingNode() ? "nothing" : json.toString()));
    }
  }
}
