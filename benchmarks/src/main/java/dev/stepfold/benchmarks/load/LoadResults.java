package dev.stepfold.benchmarks.load;

import static dev.stepfold.benchmarks.load.LoadDriver.format;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** What one run of the load driver measured, and the records it left on each topic ({@link RecordCounts}). */
record LoadResults(
    String mode,
    int partitions,
    int streamThreads,
    int maxOutstanding,
    double executionsPerSecond,
    double historyEventsPerSecond,
    double latencyPhaseRate,
    int latencyPhaseExecutions,
    double p50Millis,
    double p99Millis,
    double maxMillis,
    long succeeded,
    long unsuccessful,
    OptionalLong peakRssMebibytes,
    Optional<Duration> retention,
    int soakSeconds,
    int soakExecutions,
    ResourceUse atStart,
    ResourceUse atEnd,
    Map<String, Long> recordsByTopic,
    String commandsTopic) {

  /** Executions that ended, over which the records are counted. */
  long executions() {
    return succeeded + unsuccessful;
  }

  /** Records per execution that stepfold wrote: every topic's, but the commands clients produced. */
  double stepfoldRecordsPerExecution() {
    return recordsByTopic.entrySet().stream().filter(entry -> !entry.getKey().equals(commandsTopic)).mapToLong(Map.Entry::getValue).sum()
        / (double) Math.max(1, executions());
  }

  String recordsMarkdown() {
    var table = new StringBuilder("""

        | topic | records per execution |
        |---|---|
        """);
    recordsByTopic.forEach((topic, count) -> table.append(String.format(Locale.ROOT, "| %s%s | %.2f |%n", topic,
        topic.equals(commandsTopic) ? " (written by clients, not counted)" : "", count / (double) Math.max(1, executions()))));
    table.append(String.format(Locale.ROOT, "| **written by stepfold** | **%.2f** |%n", stepfoldRecordsPerExecution()));
    return table.toString();
  }

  String markdown() {
    return """

        | measure | value |
        |---|---|
        | executions/s at saturation | %s |
        | history events/s at saturation | %s |
        | latency phase | %s executions at %s/s |
        | p50 start to finish | %.1f ms |
        | p99 start to finish | %.1f ms |
        | max start to finish | %.1f ms |
        | executions succeeded / not | %d / %d |
        | peak RSS (broker, registry, app, worker, driver) | %s |
        | soak phase | %s |
        | RSS at the start / at the end | %s / %s |
        | live heap after a full GC, at the start / at the end | %d MiB / %d MiB |
        | state directory (stores) at the start / at the end | %s / %s |
        | broker log segments (topics) at the start / at the end | %s / %s |
        | setup | %s mode, %d partitions, %d stream thread(s), at most %d in flight, retention %s |
        """.formatted(format(executionsPerSecond), format(historyEventsPerSecond), format(latencyPhaseExecutions),
        format(latencyPhaseRate), p50Millis, p99Millis, maxMillis, succeeded, unsuccessful, mebibytes(peakRssMebibytes),
        soakSeconds == 0 ? "none" : format(soakExecutions) + " executions over " + soakSeconds + " s",
        mebibytes(atStart.rssMebibytes()), mebibytes(atEnd.rssMebibytes()), atStart.liveHeapMebibytes(), atEnd.liveHeapMebibytes(),
        ResourceUse.mebibytes(atStart.stateDirectoryBytes()), ResourceUse.mebibytes(atEnd.stateDirectoryBytes()),
        ResourceUse.mebibytes(atStart.brokerDataBytes()), ResourceUse.mebibytes(atEnd.brokerDataBytes()),
        mode, partitions, streamThreads, maxOutstanding, retention.map(kept -> kept.toSeconds() + " s").orElse("none (kept for good)"))
        + recordsMarkdown();
  }

  private static String mebibytes(OptionalLong value) {
    return value.isPresent() ? value.getAsLong() + " MiB" : "unknown";
  }

  String json() {
    return String.format(Locale.ROOT, """
        {"mode": "%s", "executionsPerSecond": %.1f, "historyEventsPerSecond": %.1f, "latencyPhaseRate": %.1f, \
        "latencyPhaseExecutions": %d, "p50Millis": %.2f, "p99Millis": %.2f, "maxMillis": %.2f, "succeeded": %d, \
        "unsuccessful": %d, "peakRssMebibytes": %s, "partitions": %d, "streamThreads": %d, "maxOutstanding": %d, \
        "retentionMillis": %s, "soakSeconds": %d, "soakExecutions": %d, "atStart": %s, "atEnd": %s, \
        "stepfoldRecordsPerExecution": %.2f, "recordsByTopic": {%s}}
        """, mode, executionsPerSecond, historyEventsPerSecond, latencyPhaseRate, latencyPhaseExecutions, p50Millis, p99Millis,
        maxMillis, succeeded, unsuccessful, peakRssMebibytes.isPresent() ? Long.toString(peakRssMebibytes.getAsLong()) : "null",
        partitions, streamThreads, maxOutstanding, retention.map(kept -> Long.toString(kept.toMillis())).orElse("null"), soakSeconds,
        soakExecutions, atStart.json(), atEnd.json(), stepfoldRecordsPerExecution(), String.join(", ", recordsByTopic.entrySet().stream()
            .map(entry -> "\"" + entry.getKey() + "\": " + entry.getValue()).toList()));
  }
}
