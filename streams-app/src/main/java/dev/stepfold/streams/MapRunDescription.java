package dev.stepfold.streams;

import dev.stepfold.maprun.MapRunCounts;
import dev.stepfold.maprun.MapRunDecider;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A map run as the read side shows it (DescribeMapRun, and ListExecutions by map run): its parent and labelled state
 * machine, status, dates, settings, counts and redrives, and each child that has started with its status as the map
 * run sees it ({@code PENDING_REDRIVE} for one waiting to be redriven).
 *
 * @param maxConcurrency as the map run applies it: 10,000 where the Map asked for no limit
 */
public record MapRunDescription(
    String mapRunArn,
    String executionArn,
    String stateMachineArn,
    String status,
    Instant startDate,
    Optional<Instant> stopDate,
    int maxConcurrency,
    long toleratedFailureCount,
    double toleratedFailurePercentage,
    MapRunCounts counts,
    int redriveCount,
    Optional<Instant> redriveDate,
    List<Child> children) {
  public MapRunDescription {
    Objects.requireNonNull(mapRunArn, "mapRunArn");
    Objects.requireNonNull(executionArn, "executionArn");
    Objects.requireNonNull(stateMachineArn, "stateMachineArn");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(startDate, "startDate");
    Objects.requireNonNull(stopDate, "stopDate");
    Objects.requireNonNull(counts, "counts");
    Objects.requireNonNull(redriveDate, "redriveDate");
    children = List.copyOf(children);
  }

  /** A child execution that has started: the item (or batch) index it runs, its ARN, its status for the map run. */
  public record Child(int index, String executionArn, String status) {
    public Child {
      Objects.requireNonNull(executionArn, "executionArn");
      Objects.requireNonNull(status, "status");
    }
  }

  static MapRunDescription of(MapRunStore.Dated dated) {
    var mapRun = dated.mapRun();
    var dispatch = mapRun.dispatch();
    var children = new ArrayList<Child>();
    for (int i = 0; i < mapRun.children().size(); i++) {
      int index = i;
      mapRun.executionStatus(i).ifPresent(status -> children.add(new Child(index, MapRunDecider.childArn(dispatch, index).value(),
          status.name())));
    }
    return new MapRunDescription(dispatch.mapRunArn().value(), dispatch.parentExecutionArn().value(), dispatch.mapRunArn().childStateMachine().value(),
        mapRun.status().name(), dated.startDate(), dated.stopDate(), dispatch.maxConcurrency(), dispatch.toleratedFailureCount().orElse(0),
        dispatch.toleratedFailurePercentage().orElse(0), mapRun.counts(), mapRun.redriveCount(), mapRun.redriveDate(), children);
  }
}
