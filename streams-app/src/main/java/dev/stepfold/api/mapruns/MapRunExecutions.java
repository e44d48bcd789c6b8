package dev.stepfold.api.mapruns;

import dev.stepfold.api.ApiException;
import dev.stepfold.api.ApiServices;
import dev.stepfold.api.PageToken;
import dev.stepfold.api.Wire;
import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.engine.ExecutionStatus;
import dev.stepfold.engine.ExecutionSummary;
import dev.stepfold.error.ApiError;
import dev.stepfold.streams.ExecutionPage;
import dev.stepfold.streams.MapRunDescription;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Optional;

/**
 * ListExecutions by {@code mapRunArn}: the map run's children that have started, newest first (highest item index
 * first), each with its status as the map run sees it — {@code PENDING_REDRIVE} for a child waiting to be redriven,
 * which {@code statusFilter: PENDING_REDRIVE} asks for. The map run names its children; their summaries come from the
 * instances that own them. A page holds up to {@code pageSize} children before {@code redriveFilter} is applied, so
 * it may be shorter and still be followed by a {@code nextToken}.
 */
public final class MapRunExecutions {
  private static final PageToken TOKENS = new PageToken("ListExecutions/mapRun");

  private MapRunExecutions() {}

  public static ExecutionPage page(ApiServices services, String mapRunArn, Optional<String> statusFilter, Optional<String> redriveFilter,
      int pageSize, Optional<String> nextToken) {
    var arn = MapRunMembers.mapRunArn(mapRunArn);
    int before = nextToken.map(MapRunExecutions::position).orElse(Integer.MAX_VALUE);
    var mapRun = Wire.read(() -> services.executions().mapRuns().describeMapRun(arn.value()));
    var children = mapRun.children().stream()
        .filter(child -> child.index() < before && statusFilter.map(child.status()::equals).orElse(true))
        .sorted(Comparator.comparingInt(MapRunDescription.Child::index).reversed())
        .toList();
    var page = children.subList(0, Math.min(pageSize, children.size()));
    var summaries = Wire.read(() -> services.executions().mapRuns().summaries(page.stream().map(child -> new ExecutionArn(child.executionArn())).toList()));
    var listed = new ArrayList<ExecutionSummary>();
    for (var summary : summaries) {
      var child = page.stream().filter(candidate -> candidate.executionArn().equals(summary.executionArn().value())).findFirst().orElseThrow();
      var shown = summary.withStatus(ExecutionStatus.valueOf(child.status()));
      if (redriveFilter.map(shown.redriveFilter()::equals).orElse(true)) {
        listed.add(shown);
      }
    }
    var next = children.size() > page.size() ? Optional.of(TOKENS.write(Integer.toString(page.get(page.size() - 1).index())))
        : Optional.<String>empty();
    return new ExecutionPage(listed, next);
  }

  private static int position(String token) {
    try {
      return Integer.parseInt(TOKENS.read(token));
    } catch (NumberFormatException e) {
      throw ApiException.of(ApiError.INVALID_TOKEN, "Invalid Token: '" + token + "'");
    }
  }
}
