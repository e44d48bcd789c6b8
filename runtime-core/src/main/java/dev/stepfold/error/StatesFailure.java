package dev.stepfold.error;

/**
 * Thrown by data-flow evaluation (paths, templates, intrinsic functions, Choice rules) deep inside a state; the engine
 * catches it at the state's boundary and routes the {@link StatesError} through Retry and Catch. It never leaves the
 * engine. The cause carries AWS's wording without the "An error occurred while executing the state ..." prefix, which
 * the engine adds because only it knows the state and the event id.
 */
public final class StatesFailure extends RuntimeException {
  private final transient StatesError statesError;

  public StatesFailure(StatesError statesError) {
    super(statesError.error() + ": " + statesError.cause(), null, false, false);
    this.statesError = statesError;
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
}
