package dev.stepfold.streams;

/**
 * A store that cannot be read now: not queryable yet, owned by another instance since the last look, or on an instance
 * that does not answer. Rebalancing passes, so reads that meet it try again for a while.
 */
final class StoreUnavailable extends RuntimeException {
  StoreUnavailable(String message, Throwable cause) {
    super(message, cause);
  }

  StoreUnavailable(String message) {
    super(message);
  }
}
