package dev.stepfold.host;

import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.engine.Command;
import dev.stepfold.engine.Decision;
import dev.stepfold.engine.ExecutionState;
import dev.stepfold.engine.MapRunWork;
import dev.stepfold.engine.Outbound;
import dev.stepfold.engine.Reply;
import dev.stepfold.engine.TaskDispatch;
import dev.stepfold.engine.TimerChange;

/**
 * Where the {@link Interpreter} keeps executions and delivers what decisions send: the Kafka topology (stores, the
 * commands, tasks and replies topics, the timers store) or the local runner (memory, an inbox, a virtual clock). A host
 * only keeps and delivers; what a decision means is the engine's to say.
 */
public interface Host {
  /** The execution as kept; the engine's initial state for one the host does not know. */
  ExecutionState load(ExecutionArn executionArn);

  /** Keeps the decision's events and the state they lead to; a {@link Decision#restarted()} one replaces what was kept. */
  void store(ExecutionArn executionArn, Decision decision);

  /** A command on its execution's key. */
  void send(Command command);

  /** Work on its map run's key. */
  void send(String requestId, MapRunWork work);

  /** A Task state calls StartExecution: start the child (or report its refusal) as {@code child} says. */
  void startChild(Outbound.StartChild child);

  /** A task for runners and workers. */
  void dispatch(TaskDispatch task);

  void timer(ExecutionArn executionArn, TimerChange change);

  void reply(ExecutionArn executionArn, String requestId, Reply reply);

  /**
   * {@code decide} threw: a bug. The host may rethrow it; if it returns, the command is answered with
   * {@code InternalFailure} and nothing is kept.
   */
  void bug(Command command, RuntimeException bug);
}
