package dev.stepfold.error;

import java.util.Optional;

/**
 * Thrown by data-flow evaluation (paths, templates, intrinsic functions, Choice rules) deep inside a state; the engine
 * catches it at the state's boundary and routes the {@link StatesError} through Retry and Catch. It never leaves the
 * engine. The cause carries AWS's wording without the "An error occurred while executing the state ..." prefix, which
 * the engine adds because only it knows the state and the event id.
 */
public final class StatesFailure extends RuntimeException {
  private final transient StatesError statesError;
  private final String location;

  public StatesFailure(StatesError statesError) {
    this(statesError, null);
  }

  private StatesFailure(StatesError statesError, String location) {
    super(statesError.error() + ": " + statesError.cause(), null, false, false);
    this.statesError = statesError;
    this.location = location;
  }

  public StatesFailure(String error, String cause) {
    this(new StatesError(error, cause));
  }

  public static StatesFailure runtime(String cause) {
    return new StatesFailure(StatesError.runtime(cause));
  }

  public StatesError statesError() {
    return statesError;
  }

  /** The same failure, naming the field it happened in (what an EvaluationFailed event reports as its location). */
  public StatesFailure at(String field) {
    return new StatesFailure(statesError, field);
  }

  public Optional<String> location() {
    return Optional.ofNullable(location);
  }
}
