package dev.stepfold.engine;

import dev.stepfold.engine.nested.NestedStart;
import java.util.Objects;

/**
 * What a decision sends beyond its own execution's history, in the order the host carries it out: commands to other
 * executions (a child, a parent's task), work for map runs, tasks for runners and workers, timers, and replies. The
 * host ({@code dev.stepfold.host.Interpreter}) only delivers them; it infers nothing.
 */
public sealed interface Outbound {
  /** A command to another execution, on that execution's key. */
  sealed interface ToExecution extends Outbound {
    Command command();
  }

  /** A Task state calls StartExecution: the host starts the child named by {@code start}, completed from the state machines. */
  record StartChild(TaskDispatch task, NestedStart start) implements Outbound {
    public StartChild {
      Objects.requireNonNull(task, "task");
      Objects.requireNonNull(start, "start");
    }
  }

  /**
   * A Task state that runs again after a redrive continues its failed {@code .sync} child ({@link NestedRedrive#REDRIVE_CHILD}):
   * the child is redriven, to report to {@code task} from then on.
   */
  record RedriveChild(TaskDispatch task, Command.RedriveExecution redrive) implements ToExecution {
    public RedriveChild {
      Objects.requireNonNull(task, "task");
      Objects.requireNonNull(redrive, "redrive");
    }

    @Override
    public Command command() {
      return redrive;
    }
  }

  /** A command to a child execution: a {@code .sync} task ended without the child's answer, and the child is stopped. */
  record ToChildExecution(Command command) implements ToExecution {
    public ToChildExecution {
      Objects.requireNonNull(command, "command");
    }
  }

  /** A child's report to its parent's task: started, refused, or (for {@code .sync}) closed. */
  record ToParentTask(Command command) implements ToExecution {
    public ToParentTask {
      Objects.requireNonNull(command, "command");
    }
  }

  /** Work for a map run, on the map run's key. */
  record ToMapRun(String requestId, MapRunWork work) implements Outbound {
    public ToMapRun {
      Objects.requireNonNull(requestId, "requestId");
      Objects.requireNonNull(work, "work");
    }
  }

  /** A task for a task runner or worker (an activity task goes to its activity's queue). */
  record Dispatch(TaskDispatch task) implements Outbound {
    public Dispatch {
      Objects.requireNonNull(task, "task");
    }
  }

  /** A timer set or cancelled; when a set one is due, the host sends {@link Command.FireTimer}. */
  record Timer(TimerChange change) implements Outbound {
    public Timer {
      Objects.requireNonNull(change, "change");
    }
  }

  /** A reply to a request: the command's own, or one a StartSyncExecution waits on ({@link CloseReply}). */
  record ReplyTo(String requestId, Reply reply) implements Outbound {
    public ReplyTo {
      Objects.requireNonNull(requestId, "requestId");
      Objects.requireNonNull(reply, "reply");
    }
  }
}
