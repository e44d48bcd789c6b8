package dev.stepfold.streams;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting for a global store to show a write: it follows its topic a little behind the task that wrote it. */
final class StoreWaits {
  private static final Duration PAUSE = Duration.ofMillis(20);

  private StoreWaits() {}

  /** Reads until {@code shown} holds; false when it did not within the timeout. A store not readable yet is read again. */
  static boolean until(BooleanSupplier shown, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        if (shown.getAsBoolean()) {
          return true;
        }
      } catch (ReadFailure e) {
        // not readable while the instance starts; try again until the deadline
      }
      if (System.nanoTime() > deadline) {
        return false;
      }
      try {
        Thread.sleep(PAUSE.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }
}
