package dev.stepfold.engine;

import dev.stepfold.arn.MapRunArn;
import dev.stepfold.error.StatesError;
import java.util.Objects;
import java.util.Optional;

/**
 * A Distributed Map's map run as its parent's history shows it: which one (MapRunStarted), how often it was redriven
 * (MapRunRedriven), and how it ended (MapRunSucceeded, MapRunFailed with its error, MapRunAborted).
 */
public record MapRunRecord(MapRunArn mapRunArn, int redriveCount, MapRunStatus status, Optional<StatesError> failure) {
  public MapRunRecord {
    Objects.requireNonNull(mapRunArn, "mapRunArn");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(failure, "failure");
  }

  public static MapRunRecord started(MapRunArn mapRunArn) {
    return new MapRunRecord(mapRunArn, 0, MapRunStatus.RUNNING, Optional.empty());
  }

  public MapRunRecord redriven(int count) {
    return new MapRunRecord(mapRunArn, count, MapRunStatus.RUNNING, Optional.empty());
  }

  public MapRunRecord ended(MapRunStatus endStatus, Optional<StatesError> endFailure) {
    return new MapRunRecord(mapRunArn, redriveCount, endStatus, endFailure);
  }

  public boolean closed() {
    return status != MapRunStatus.RUNNING;
  }
}
