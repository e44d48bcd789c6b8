package dev.stepfold.redrive;

import dev.stepfold.arn.StateMachineArn;
import dev.stepfold.engine.ExecutionState;
import dev.stepfold.engine.ExecutionStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Which executions of a state machine a bulk redrive is about: their status (FAILED, TIMED_OUT, ABORTED; all three
 * when empty), a window on when they closed ({@code closedAfter} inclusive, {@code closedBefore} exclusive), the
 * error they closed with, a redrive count below a bound, and the version they run. An execution that matches and
 * cannot be redriven is reported as skipped, with the reason; one that does not match is not mentioned.
 */
public record BulkRedriveFilter(
    Set<ExecutionStatus> statuses,
    Optional<Instant> closedAfter,
    Optional<Instant> closedBefore,
    Optional<String> error,
    OptionalInt redriveCountBelow,
    Optional<String> stateMachineVersionArn) {
  private static final Set<ExecutionStatus> UNSUCCESSFUL = EnumSet.of(ExecutionStatus.FAILED, ExecutionStatus.TIMED_OUT, ExecutionStatus.ABORTED);

  /** Every unsuccessful execution. */
  public static final BulkRedriveFilter ALL_UNSUCCESSFUL =
      new BulkRedriveFilter(Set.of(), Optional.empty(), Optional.empty(), Optional.empty(), OptionalInt.empty(), Optional.empty());

  public BulkRedriveFilter {
    Objects.requireNonNull(statuses, "statuses");
    Objects.requireNonNull(closedAfter, "closedAfter");
    Objects.requireNonNull(closedBefore, "closedBefore");
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(redriveCountBelow, "redriveCountBelow");
    Objects.requireNonNull(stateMachineVersionArn, "stateMachineVersionArn");
    statuses = statuses.isEmpty() ? UNSUCCESSFUL : Set.copyOf(statuses);
    for (var status : statuses) {
      if (!UNSUCCESSFUL.contains(status)) {
        throw new IllegalArgumentException("Expected statuses among " + UNSUCCESSFUL + " (only those can be redriven), but got " + status);
      }
    }
    if (redriveCountBelow.isPresent() && redriveCountBelow.getAsInt() < 1) {
      throw new IllegalArgumentException("Expected redriveCountBelow of at least 1, but got " + redriveCountBelow.getAsInt());
    }
    if (closedAfter.isPresent() && closedBefore.isPresent() && !closedAfter.get().isBefore(closedBefore.get())) {
      throw new IllegalArgumentException("Expected closedAfter before closedBefore, but got " + closedAfter.get() + " and " + closedBefore.get());
    }
  }

  /** Executions of any version. */
  public BulkRedriveFilter(Set<ExecutionStatus> statuses, Optional<Instant> closedAfter, Optional<Instant> closedBefore, Optional<String> error,
      OptionalInt redriveCountBelow) {
    this(statuses, closedAfter, closedBefore, error, redriveCountBelow, Optional.empty());
  }

  /** The request id of a bulk redrive of this filter that redrives onto no other version. */
  public String requestId(StateMachineArn stateMachineArn) {
    return requestId(stateMachineArn, Optional.empty());
  }

  /**
   * The request id a bulk redrive of this filter gets when its caller names none: {@code bulk-redrive-} and a SHA-256
   * prefix of the state machine, the filter and the version it redrives onto (the rate limit left out: it changes how
   * fast, not what), so that the same bulk redrive, however its options are written, is the same request and redrives
   * nothing twice. The version members are added only when set, so the ids of other bulk redrives stay as they were.
   */
  public String requestId(StateMachineArn stateMachineArn, Optional<String> ontoVersion) {
    var identity = String.join("\n", stateMachineArn.value(), statuses.stream().map(Enum::name).sorted().toList().toString(),
        closedAfter.map(Instant::toString).orElse("-"), closedBefore.map(Instant::toString).orElse("-"), error.orElse("-"),
        redriveCountBelow.isPresent() ? Integer.toString(redriveCountBelow.getAsInt()) : "-")
        + stateMachineVersionArn.map(version -> "\nversion " + version).orElse("") + ontoVersion.map(onto -> "\nonto " + onto).orElse("");
    try {
      var digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
      return "bulk-redrive-" + HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java platform has SHA-256", e);
    }
  }

  public boolean matches(ExecutionState execution) {
    if (!statuses.contains(execution.status())) {
      return false;
    }
    var closed = execution.stopDate();
    if (closedAfter.isPresent() && (closed.isEmpty() || closed.get().isBefore(closedAfter.get()))) {
      return false;
    }
    if (closedBefore.isPresent() && (closed.isEmpty() || !closed.get().isBefore(closedBefore.get()))) {
      return false;
    }
    if (error.isPresent() && !execution.error().equals(error)) {
      return false;
    }
    if (stateMachineVersionArn.isPresent()
        && !execution.started().flatMap(started -> started.stateMachineVersionArn()).equals(stateMachineVersionArn)) {
      return false;
    }
    return redriveCountBelow.isEmpty() || execution.redrives().count() < redriveCountBelow.getAsInt();
  }
}
