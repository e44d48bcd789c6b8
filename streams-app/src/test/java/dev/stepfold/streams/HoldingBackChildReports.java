package dev.stepfold.streams;

import dev.stepfold.engine.Command;
import dev.stepfold.engine.Decision;
import dev.stepfold.engine.ExecutionDecider;
import dev.stepfold.engine.ExecutionState;
import dev.stepfold.engine.MapRunWork;
import dev.stepfold.engine.Outbound;
import dev.stepfold.history.HistoryEvent;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * An engine that drops the reports to their map run of the children it is told to hold back, as if the broker delivered
 * them late: a test then sends them itself, in the order it wants.
 */
final class HoldingBackChildReports implements ExecutionDecider {
  private final ExecutionDecider engine;
  private volatile Set<String> heldBack = Set.of();

  HoldingBackChildReports(ExecutionDecider engine) {
    this.engine = engine;
  }

  /** Holds back the reports of the children with these ARNs from now on; an empty list releases them all. */
  void holdBack(List<String> childArns) {
    heldBack = Set.copyOf(childArns);
  }

  @Override
  public ExecutionState initialState() {
    return engine.initialState();
  }

  @Override
  public Decision decide(ExecutionState execution, Command command, Instant now) {
    var decision = engine.decide(execution, command, now);
    if (!heldBack.contains(command.executionArn().value())) {
      return decision;
    }
    var kept = decision.outbound().stream()
        .filter(message -> !(message instanceof Outbound.ToMapRun toMapRun && toMapRun.work() instanceof MapRunWork.ChildEnded))
        .toList();
    return new Decision(decision.events(), decision.reply(), decision.execution(), kept, decision.restarted());
  }

  @Override
  public ExecutionState evolve(ExecutionState execution, HistoryEvent event) {
    return engine.evolve(execution, event);
  }
}
