package dev.stepfold.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.error.StatesError;
import dev.stepfold.history.ScopePath;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The one state's turn a {@link StateTest} runs, as the behaviors see it while they run it: the same code as an
 * execution's, with the few points where a test differs from a run asking here. The turn ends where the state hands
 * over (its transition, a catcher's, or the end of the execution) or where it would retry; the mock stands for its
 * work; retries already made come from the configuration; what the state makes of its data is noted on the way.
 * One trial per test, mutable, never shared.
 */
public final class Trial {
  private final StateTest test;
  private final Map<String, JsonNode> payloads = new LinkedHashMap<>();
  private boolean entered;
  private boolean ended;
  private boolean retriable;
  private Optional<String> nextState = Optional.empty();
  private Optional<JsonNode> handedOver = Optional.empty();
  private Optional<StatesError> handled = Optional.empty();
  private OptionalInt retryIndex = OptionalInt.empty();
  private OptionalLong retryBackoffSeconds = OptionalLong.empty();
  private OptionalInt catchIndex = OptionalInt.empty();
  private OptionalInt maxConcurrency = OptionalInt.empty();
  private OptionalLong toleratedFailureCount = OptionalLong.empty();
  private OptionalDouble toleratedFailurePercentage = OptionalDouble.empty();

  Trial(StateTest test) {
    this.test = Objects.requireNonNull(test, "test");
  }

  /**
   * Whether the flow stops before entering {@code stateName}: the tested state is entered once, and the next state of
   * the top level is where the test ends, with the output handed to it.
   */
  public boolean stopsBefore(ScopePath scope, String stateName, JsonNode input) {
    if (!scope.isRoot()) {
      return false;
    }
    if (!entered) {
      entered = true;
      return false;
    }
    ended = true;
    nextState = Optional.of(stateName);
    handedOver = Optional.of(input);
    return true;
  }

  /** How many retries the first retrier that matches an error has made already: none unless the test says. */
  public int retriesMade() {
    return test.configuration().retrierRetryCount().orElse(0);
  }

  /** The state raised an error its Retry and Catch now handle. */
  public void handling(StatesError error) {
    handled = Optional.of(error);
  }

  /** A retrier matched the error; {@code backoff} when it would retry, after which the test ends RETRIABLE. */
  public void retrier(int index, Optional<Duration> backoff) {
    retryIndex = OptionalInt.of(index);
    backoff.ifPresent(delay -> {
      retryBackoffSeconds = OptionalLong.of(Math.round(delay.toMillis() / 1000.0));
      retriable = true;
      ended = true;
    });
  }

  public void caught(int index) {
    catchIndex = OptionalInt.of(index);
  }

  /** Notes what a step of the state's data processing made, under AWS's {@code InspectionData} member name. */
  public void inspect(String member, JsonNode value) {
    payloads.put(member, value);
  }

  public void mapSettings(int concurrency, OptionalLong failureCount, OptionalDouble failurePercentage) {
    maxConcurrency = OptionalInt.of(concurrency);
    toleratedFailureCount = failureCount;
    toleratedFailurePercentage = failurePercentage;
  }

  public Optional<StateTest.Mock> mock() {
    return test.mock();
  }

  public StateTest.Configuration configuration() {
    return test.configuration();
  }

  /** The variables the test gives the state, beneath those the execution assigns. */
  public Map<String, JsonNode> variables() {
    return test.variables();
  }

  /** The context object with the test's {@code context} laid over it, member by member. */
  public JsonNode context(JsonNode engineContext) {
    if (test.context().isEmpty()) {
      return engineContext;
    }
    var merged = ((ObjectNode) engineContext).deepCopy();
    overlay(merged, test.context().get());
    return merged;
  }

  private static void overlay(ObjectNode target, JsonNode over) {
    over.fields().forEachRemaining(member -> {
      var existing = target.get(member.getKey());
      if (existing instanceof ObjectNode inner && member.getValue().isObject()) {
        overlay(inner, member.getValue());
      } else {
        target.set(member.getKey(), member.getValue());
      }
    });
  }

  boolean ended() {
    return ended;
  }

  boolean retriable() {
    return retriable;
  }

  boolean caughtError() {
    return catchIndex.isPresent();
  }

  Optional<String> nextState() {
    return nextState;
  }

  Optional<StatesError> handled() {
    return handled;
  }

  Optional<JsonNode> handedOver() {
    return handedOver;
  }

  StateTestResult.Inspection inspection() {
    return new StateTestResult.Inspection(payloads, retryIndex, retryBackoffSeconds, catchIndex, maxConcurrency, toleratedFailureCount,
        toleratedFailurePercentage);
  }
}
