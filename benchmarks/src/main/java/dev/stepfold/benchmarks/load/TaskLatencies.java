package dev.stepfold.benchmarks.load;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each task's time from its dispatch to its answer taken, as the history topic (read_committed) shows them: from the
 * moment {@code TaskScheduled} is seen — its transaction committed, so the task is on its topic for the worker or the
 * runner — to the moment {@code TaskSucceeded} (or {@code TaskFailed}) is seen, the answer processed and committed. Each
 * time goes to the recorder of the phase that started the execution.
 */
final class TaskLatencies {
  private record Dispatched(long nanos, LatencyRecorder phase) {}

  private final Map<String, LatencyRecorder> phases = new ConcurrentHashMap<>();
  private final Map<String, Dispatched> dispatched = new ConcurrentHashMap<>();

  /** The execution was started in {@code phase}. */
  void started(String executionArn, LatencyRecorder phase) {
    phases.put(executionArn, phase);
  }

  /** One history event of {@code executionArn}, seen at {@code nanos}. */
  void event(String executionArn, String type, long nanos) {
    switch (type) {
      case "TaskScheduled" -> {
        var phase = phases.remove(executionArn);
        if (phase != null) {
          dispatched.put(executionArn, new Dispatched(nanos, phase));
        }
      }
      case "TaskSucceeded", "TaskFailed", "TaskTimedOut" -> {
        var task = dispatched.remove(executionArn);
        if (task != null) {
          task.phase().record(nanos - task.nanos());
        }
      }
      default -> {
        // other events say nothing of the task
      }
    }
  }
}
