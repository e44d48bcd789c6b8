package dev.stepfold.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.arn.StateMachineArn;
import dev.stepfold.asl.ExecutionType;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What DescribeExecution and ListExecutions show of a started execution and what does not change with the clock: its
 * ARNs, status, dates, input, output, error and cause, and how often and when it was last redriven. Whether it can be
 * redriven now depends on the clock too; that is {@link RedriveStatus#of(ExecutionState, Instant)} of the folded state.
 *
 * @param redriveFilter which side of ListExecutions' {@code redriveFilter} it is on ({@code REDRIVEN}, {@code NOT_REDRIVEN})
 */
public record ExecutionSummary(
    ExecutionArn executionArn,
    StateMachineArn stateMachineArn,
    String name,
    ExecutionType executionType,
    ExecutionStatus status,
    Instant startDate,
    Optional<Instant> stopDate,
    JsonNode input,
    Optional<JsonNode> output,
    Optional<String> error,
    Optional<String> cause,
    Optional<String> stateMachineVersionArn,
    Optional<String> stateMachineAliasArn,
    int redriveCount,
    Optional<Instant> redriveDate,
    String redriveFilter) {

  public ExecutionSummary {
    Objects.requireNonNull(executionArn, "executionArn");
    Objects.requireNonNull(stateMachineArn, "stateMachineArn");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(executionType, "executionType");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(startDate, "startDate");
    Objects.requireNonNull(stopDate, "stopDate");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(cause, "cause");
    Objects.requireNonNull(stateMachineVersionArn, "stateMachineVersionArn");
    Objects.requireNonNull(stateMachineAliasArn, "stateMachineAliasArn");
    Objects.requireNonNull(redriveDate, "redriveDate");
    Objects.requireNonNull(redriveFilter, "redriveFilter");
  }

  /** The summary with another status: a map run's child as its map run sees it ({@code PENDING_REDRIVE}). */
  public ExecutionSummary withStatus(ExecutionStatus newStatus) {
    return new ExecutionSummary(executionArn, stateMachineArn, name, executionType, newStatus, startDate, stopDate, input, output, error, cause,
        stateMachineVersionArn, stateMachineAliasArn, redriveCount, redriveDate, redriveFilter);
  }

  /** The summary of a started execution. */
  public static ExecutionSummary of(ExecutionState execution) {
    var started = execution.started().orElseThrow(
        () -> new IllegalStateException("Expected a started execution to summarise, but it is " + execution.status()));
    var redrives = execution.redrives();
    return new ExecutionSummary(
        started.executionArn(), started.stateMachineArn(), started.executionArn().name(), started.executionType(), execution.status(),
        execution.startDate().orElseThrow(), execution.stopDate(), started.input(), execution.output(), execution.error(), execution.cause(),
        started.stateMachineVersionArn(), started.stateMachineAliasArn(), redrives.count(), redrives.lastDate(), redrives.filter());
  }
}
