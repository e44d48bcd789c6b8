package dev.stepfold.benchmarks.load;

import dev.stepfold.arn.StateMachineArn;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Starts executions of a state machine by its ARN through a {@link Launcher}: as fast as the outstanding window of the
 * {@link CompletionTracker} allows, or at a fixed rate (open loop). Each start is told to {@link Started} with the
 * recorder of its phase, which decides what of the execution that recorder times.
 */
final class ExecutionStarter {
  /** An execution started at {@code nanos}, in the phase that {@code phase} records. */
  @FunctionalInterface
  interface Started {
    void started(String executionArn, long nanos, LatencyRecorder phase);
  }

  private final Launcher launcher;
  private final StateMachineArn stateMachine;
  private final CompletionTracker completions;
  private final Started started;
  private final String namePrefix;
  private long next;

  ExecutionStarter(Launcher launcher, StateMachineArn stateMachine, CompletionTracker completions, Started started, String namePrefix) {
    this.launcher = launcher;
    this.stateMachine = stateMachine;
    this.completions = completions;
    this.started = started;
    this.namePrefix = namePrefix;
  }

  StateMachineArn stateMachine() {
    return stateMachine;
  }

  /** Starts executions one at a time until one is recorded: the runtime's state machine store has the definition. */
  void awaitFirstExecution() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      var probe = new LatencyRecorder();
      completions.acquire();
      var executionArn = start(probe);
      long probeDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
      while (probe.count() == 0 && System.nanoTime() < probeDeadline) {
        Thread.sleep(10);
      }
      if (probe.count() > 0) {
        return;
      }
      completions.abandon(executionArn);   // refused: started before the state machine was known
    }
    throw new IllegalStateException("Expected an execution of " + stateMachine + " to end within 60 s, but none did");
  }

  void saturate(Duration duration, LatencyRecorder phase) throws InterruptedException {
    long end = System.nanoTime() + duration.toNanos();
    while (System.nanoTime() < end) {
      completions.acquire();
      start(phase);
    }
  }

  /** Starts executions at {@code perSecond}, open loop; the number started. */
  int atRate(double perSecond, Duration duration, LatencyRecorder phase) throws InterruptedException {
    long period = (long) (1e9 / perSecond);
    long begin = System.nanoTime();
    int sent = 0;
    for (long due = begin; due < begin + duration.toNanos(); due += period) {
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      completions.acquire();
      start(phase);
      sent++;
    }
    return sent;
  }

  /** Waits until every execution started has ended (120 s at most). */
  void awaitDrained() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (completions.open() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    if (completions.open() > 0) {
      throw new IllegalStateException("Expected every execution to end within 120 s, but " + completions.open() + " are still open");
    }
  }

  private String start(LatencyRecorder phase) throws InterruptedException {
    var execution = stateMachine.execution(namePrefix + next++);
    started.started(execution.value(), System.nanoTime(), phase);
    launcher.start(stateMachine, execution.name(), "{\"orderId\": " + next + ", \"amount\": 42}", () -> completions.abandon(execution.value()));
    return execution.value();
  }
}
