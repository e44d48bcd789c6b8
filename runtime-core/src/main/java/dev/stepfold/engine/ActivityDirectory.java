package dev.stepfold.engine;

/**
 * Which activities exist. A Task naming an activity that does not exist fails with {@code States.Runtime} before
 * anything is scheduled, as AWS does. The runtime answers from its activities store; the engine only asks.
 */
@FunctionalInterface
public interface ActivityDirectory {
  /** Every activity exists: for local runs, where no activity is created first. */
  ActivityDirectory ANY = activityArn -> true;

  boolean exists(String activityArn);
}
