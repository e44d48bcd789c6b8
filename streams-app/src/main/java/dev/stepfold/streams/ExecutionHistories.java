package dev.stepfold.streams;

import dev.stepfold.history.HistoryEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** An execution's whole history, read page by page from the stores (of whichever instance owns it). */
final class ExecutionHistories {
  private static final int PAGE = 1000;

  private ExecutionHistories() {}

  static List<HistoryEvent> all(ExecutionQueries queries, String executionArn) {
    var events = new ArrayList<HistoryEvent>();
    Optional<String> next = Optional.empty();
    do {
      var page = queries.getExecutionHistory(executionArn, PAGE, next, false);
      events.addAll(page.events());
      next = page.nextToken();
    } while (next.isPresent());
    return events;
  }
}
