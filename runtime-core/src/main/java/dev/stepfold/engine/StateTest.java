package dev.stepfold.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.arn.StateMachineArn;
import dev.stepfold.asl.StateMachineDefinition;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A {@code TestState}: one state of {@code definition} run once on {@code input}, as the first state of an EXPRESS
 * execution that exists only for the test ({@code executionArn} of {@code stateMachineArn}, started with
 * {@code roleArn}). {@code variables} are the workflow variables the state sees; {@code context} replaces parts of its
 * context object ({@code Execution}, {@code StateMachine}, {@code State}, {@code Task}); {@code mock} stands for the
 * work a Task, Parallel or Map would do; {@code configuration} says what happened before the state ran.
 */
public record StateTest(
    ExecutionArn executionArn,
    StateMachineArn stateMachineArn,
    String roleArn,
    StateMachineDefinition definition,
    String stateName,
    JsonNode input,
    Map<String, JsonNode> variables,
    Optional<JsonNode> context,
    Optional<Mock> mock,
    Configuration configuration) {
  public StateTest {
    Objects.requireNonNull(executionArn, "executionArn");
    Objects.requireNonNull(stateMachineArn, "stateMachineArn");
    Objects.requireNonNull(roleArn, "roleArn");
    Objects.requireNonNull(definition, "definition");
    Objects.requireNonNull(stateName, "stateName");
    Objects.requireNonNull(input, "input");
    variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(mock, "mock");
    Objects.requireNonNull(configuration, "configuration");
  }

  /** What stands for a state's work: its result, or the error it fails with. */
  public sealed interface Mock {
    record Result(JsonNode result) implements Mock {
      public Result {
        Objects.requireNonNull(result, "result");
      }
    }

    record Error(Optional<String> error, Optional<String> cause) implements Mock {
      public Error {
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(cause, "cause");
      }
    }
  }

  /**
   * AWS's {@code TestStateConfiguration}: how many retries of the matching retrier happened already, the state inside a
   * Map or Parallel a mocked error comes from, how many Map iterations failed, and what a Distributed Map's ItemReader
   * read.
   */
  public record Configuration(
      OptionalInt retrierRetryCount, Optional<String> errorCausedByState, OptionalInt mapIterationFailureCount, Optional<JsonNode> mapItemReaderData) {
    public static final Configuration NONE = new Configuration(OptionalInt.empty(), Optional.empty(), OptionalInt.empty(), Optional.empty());

    public Configuration {
      Objects.requireNonNull(retrierRetryCount, "retrierRetryCount");
      Objects.requireNonNull(errorCausedByState, "errorCausedByState");
      Objects.requireNonNull(mapIterationFailureCount, "mapIterationFailureCount");
      Objects.requireNonNull(mapItemReaderData, "mapItemReaderData");
    }
  }
}
