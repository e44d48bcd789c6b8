package dev.stepfold.redrive;

import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.arn.StateMachineArn;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What a bulk redrive did: the executions it redrove (with the redrive count and date their redrive got) and those it
 * skipped (with the reason), both ordered by execution ARN. Partial reports — one per partition of the executions —
 * merge into the whole; {@code complete} once every part is in.
 */
public record BulkRedriveReport(
    String requestId, StateMachineArn stateMachineArn, List<Redriven> redriven, List<Skipped> skipped, boolean complete) {

  public record Redriven(ExecutionArn executionArn, int redriveCount, Instant redriveDate) {
    public Redriven {
      Objects.requireNonNull(executionArn, "executionArn");
      Objects.requireNonNull(redriveDate, "redriveDate");
    }
  }

  public record Skipped(ExecutionArn executionArn, String reason) {
    public Skipped {
      Objects.requireNonNull(executionArn, "executionArn");
      Objects.requireNonNull(reason, "reason");
    }
  }

  public BulkRedriveReport {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(stateMachineArn, "stateMachineArn");
    redriven = sorted(redriven, Comparator.comparing(r -> r.executionArn().value()));
    skipped = sorted(skipped, Comparator.comparing(s -> s.executionArn().value()));
  }

  public static BulkRedriveReport empty(String requestId, StateMachineArn stateMachineArn) {
    return new BulkRedriveReport(requestId, stateMachineArn, List.of(), List.of(), false);
  }

  /** This report and {@code part} together; complete when {@code complete} says so. */
  public BulkRedriveReport merge(BulkRedriveReport part, boolean complete) {
    if (!part.requestId.equals(requestId)) {
      throw new IllegalArgumentException("Expected a part of bulk redrive " + requestId + ", but got one of " + part.requestId);
    }
    var allRedriven = new ArrayList<>(redriven);
    allRedriven.addAll(part.redriven);
    var allSkipped = new ArrayList<>(skipped);
    allSkipped.addAll(part.skipped);
    return new BulkRedriveReport(requestId, stateMachineArn, allRedriven, allSkipped, complete);
  }

  private static <T> List<T> sorted(List<T> items, Comparator<T> order) {
    var copy = new ArrayList<>(items);
    copy.sort(order);
    return List.copyOf(copy);
  }
}
