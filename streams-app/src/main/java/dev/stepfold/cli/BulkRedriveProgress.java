package dev.stepfold.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The progress line of a bulk redrive while its report is awaited: before the call, the executions that ListExecutions
 * shows matching the filter's statuses, closing window and redrive count (an upper bound: the error is not listed);
 * then, every second, how many of them have been redriven since. On a terminal one line is rewritten; otherwise a line
 * is printed each time the count changes.
 */
final class BulkRedriveProgress implements AutoCloseable {
  private static final Set<String> REDRIVABLE = Set.of("FAILED", "TIMED_OUT", "ABORTED");
  private static final Duration INTERVAL = Duration.ofSeconds(1);

  private final ApiClient api;
  private final String stateMachineArn;
  private final Map<String, Integer> candidates;
  private final PrintWriter err;
  private final boolean terminal;
  private final long startedAt = System.nanoTime();
  private final Thread thread;
  private volatile boolean finished;
  private int shown = -1;

  private BulkRedriveProgress(ApiClient api, String stateMachineArn, Map<String, Integer> candidates, PrintWriter err, boolean terminal) {
    this.api = api;
    this.stateMachineArn = stateMachineArn;
    this.candidates = candidates;
    this.err = err;
    this.terminal = terminal;
    this.thread = new Thread(this::follow, "stepfold-bulk-redrive-progress");
    this.thread.setDaemon(true);
  }

  static BulkRedriveProgress start(ApiClient api, ObjectNode request, PrintWriter err, boolean terminal) {
    var stateMachineArn = request.path("stateMachineArn").asText();
    var statuses = new HashSet<String>();
    request.path("statuses").forEach(status -> statuses.add(status.asText()));
    if (statuses.isEmpty()) {
      statuses.addAll(REDRIVABLE);
    }
    var candidates = new HashMap<String, Integer>();
    for (var execution : executions(api, stateMachineArn)) {
      if (matches(execution, request, statuses)) {
        candidates.put(execution.path("executionArn").asText(), execution.path("redriveCount").asInt(0));
      }
    }
    var progress = new BulkRedriveProgress(api, stateMachineArn, candidates, err, terminal);
    progress.show(0);
    progress.thread.start();
    return progress;
  }

  private static Iterable<JsonNode> executions(ApiClient api, String stateMachineArn) {
    return api.all("ListExecutions", CliJson.MAPPER.createObjectNode().put("stateMachineArn", stateMachineArn).put("maxResults", 1000),
        "executions");
  }

  private static boolean matches(JsonNode execution, ObjectNode request, Set<String> statuses) {
    if (!statuses.contains(execution.path("status").asText())) {
      return false;
    }
    var stopped = CliJson.instant(execution, "stopDate");
    if (request.has("closedAfter") && stopped.map(at -> at.isBefore(CliJson.instant(request.get("closedAfter")))).orElse(true)) {
      return false;
    }
    if (request.has("closedBefore") && stopped.map(at -> !at.isBefore(CliJson.instant(request.get("closedBefore")))).orElse(true)) {
      return false;
    }
    return !request.has("redriveCountBelow") || execution.path("redriveCount").asInt(0) < request.get("redriveCountBelow").asInt();
  }

  private void follow() {
    while (!finished) {
      try {
        Thread.sleep(INTERVAL.toMillis());
        int redriven = 0;
        for (var execution : executions(api, stateMachineArn)) {
          var before = candidates.get(execution.path("executionArn").asText());
          if (before != null && execution.path("redriveCount").asInt(0) > before) {
            redriven++;
          }
        }
        if (!finished) {
          show(redriven);
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        // the progress line is a courtesy: a failed look is tried again; the report is what counts
      }
    }
  }

  /** The last line, with the report's count. */
  void finish(int redriven) {
    finished = true;
    thread.interrupt();
    show(redriven);
    if (terminal) {
      synchronized (err) {
        err.println();
        err.flush();
      }
    }
  }

  private synchronized void show(int redriven) {
    if (!terminal && redriven == shown) {
      return;
    }
    shown = redriven;
    long seconds = Duration.ofNanos(System.nanoTime() - startedAt).toSeconds();
    var line = "Redriving: " + redriven + " of " + candidates.size() + " matching executions redriven (" + seconds + "s)";
    synchronized (err) {
      if (terminal) {
        err.print("\r" + line);
      } else {
        err.println(line);
      }
      err.flush();
    }
  }

  @Override
  public void close() {
    finished = true;
    thread.interrupt();
  }
}
