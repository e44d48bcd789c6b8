package dev.stepfold.paths;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepfold.error.StatesError;
import dev.stepfold.error.StatesFailure;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Test helpers: JSON from text (single quotes allowed for readability) and failure assertions. */
public final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  static final JsonNode CONTEXT = json("""
      {"Execution": {"Id": "arn:aws:states:us-east-1:111111111111:execution:machine:run-1", "Name": "run-1",
                     "Input": {"greeting": "hello"}, "StartTime": "2024-05-02T10:00:00Z"},
       "State": {"Name": "Step", "EnteredTime": "2024-05-02T10:00:01Z", "RetryCount": 0},
       "StateMachine": {"Id": "arn:aws:states:us-east-1:111111111111:stateMachine:machine", "Name": "machine"}}""");

  private Json() {}

  public static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Expected JSON in a test, but got " + text, e);
    }
  }

  public static PathRoots roots(String input) {
    return new PathRoots(json(input), CONTEXT);
  }

  static StatesError failure(ThrowingCallable call) {
    Throwable thrown = Assertions.catchThrowable(call);
    Assertions.assertThat(thrown).isInstanceOf(StatesFailure.class);
    return ((StatesFailure) thrown).statesError();
  }

  public static void assertRuntimeFailure(ThrowingCallable call, String cause) {
    Assertions.assertThat(failure(call)).isEqualTo(StatesError.runtime(cause));
  }
}
