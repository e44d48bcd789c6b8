package dev.stepfold.host;

import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.engine.Command;
import dev.stepfold.engine.Decision;
import dev.stepfold.engine.ExecutionDecider;
import dev.stepfold.engine.Outbound;
import dev.stepfold.engine.Reply;
import dev.stepfold.error.ApiError;
import dev.stepfold.maprun.MapRunDecision;
import java.time.Instant;
import java.util.List;

/**
 * The one host loop of the engine, for the Kafka topology and the local runner alike: a command is decided against
 * the execution its host keeps, the decision is kept, and every {@link Outbound} message it sends is delivered, in
 * order. A map run's decision is carried out the same way: its commands go to their executions' keys.
 */
public final class Interpreter {
  private final ExecutionDecider decider;
  private final Host host;

  public Interpreter(ExecutionDecider decider, Host host) {
    this.decider = decider;
    this.host = host;
  }

  /**
   * Decides {@code command} at {@code now} and carries the decision out; the command's reply is sent when
   * {@code answered} (a fired timer and a bulk redrive's part are answered by nobody). Returns the decision.
   */
  public Decision handle(Command command, Instant now, boolean answered) {
    return handle(command, now, now, answered);
  }

  /** {@link #handle(Command, Instant, boolean)} of a command written at {@code writtenAt} and decided {@code now} ({@link ExecutionDecider}). */
  public Decision handle(Command command, Instant writtenAt, Instant now, boolean answered) {
    var executionArn = command.executionArn();
    var execution = host.load(executionArn);
    Decision decision;
    try {
      decision = decider.decide(execution, command, writtenAt, now);
    } catch (RuntimeException bug) {
      host.bug(command, bug);
      var failure = new Reply.Rejected(ApiError.INTERNAL_FAILURE, "An internal error occurred while processing the request: " + bug.getMessage());
      host.reply(executionArn, command.requestId(), failure);
      return Decision.rejected(execution, ApiError.INTERNAL_FAILURE, failure.message());
    }
    if (!decision.events().isEmpty()) {
      host.store(executionArn, decision);
    }
    if (answered) {
      host.reply(executionArn, command.requestId(), decision.reply());
    }
    carryOut(executionArn, decision.outbound());
    return decision;
  }

  /** Delivers the messages an execution's decision sends. */
  public void carryOut(ExecutionArn executionArn, List<Outbound> messages) {
    for (var message : messages) {
      if (message instanceof Outbound.ToExecution toExecution) {
        host.send(toExecution.command());
      } else if (message instanceof Outbound.StartChild child) {
        host.startChild(child);
      } else if (message instanceof Outbound.ToMapRun toMapRun) {
        host.send(toMapRun.requestId(), toMapRun.work());
      } else if (message instanceof Outbound.Dispatch dispatch) {
        host.dispatch(dispatch.task());
      } else if (message instanceof Outbound.Timer timer) {
        host.timer(executionArn, timer.change());
      } else if (message instanceof Outbound.ReplyTo reply) {
        host.reply(executionArn, reply.requestId(), reply.reply());
      } else {
        throw new IllegalStateException("Expected an outbound message the interpreter knows, but got " + message.getClass().getName());
      }
    }
  }

  /** Delivers the commands a map run's decision sends its children and its parent. */
  public void carryOut(MapRunDecision decision) {
    decision.childStarts().forEach(child -> host.send(child.start()));
    decision.childRedrives().forEach(child -> host.send(child.redrive()));
    decision.childStops().forEach(host::send);
    decision.completion().ifPresent(host::send);
    decision.parentRedrives().forEach(host::send);
  }
}
