package dev.stepfold.benchmarks.load;

import static dev.stepfold.benchmarks.load.LoadDriver.format;

import java.util.Locale;
import java.util.OptionalLong;

/** What one run of the load driver measured. */
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
    OptionalLong peakRssMebibytes) {

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
        | setup | %s mode, %d partitions, %d stream thread(s), at most %d in flight |
        """.formatted(format(executionsPerSecond), format(historyEventsPerSecond), format(latencyPhaseExecutions),
        format(latencyPhaseRate), p50Millis, p99Millis, maxMillis, succeeded, unsuccessful,
        peakRssMebibytes.isPresent() ? peakRssMebibytes.getAsLong() + " MiB" : "unknown", mode, partitions, streamThreads, maxOutstanding);
  }

  String json() {
    return String.format(Locale.ROOT, """
        {"mode": "%s", "executionsPerSecond": %.1f, "historyEventsPerSecond": %.1f, "latencyPhaseRate": %.1f, \
        "latencyPhaseExecutions": %d, "p50Millis": %.2f, "p99Millis": %.2f, "maxMillis": %.2f, "succeeded": %d, \
        "unsuccessful": %d, "peakRssMebibytes": %s, "partitions": %d, "streamThreads": %d, "maxOutstanding": %d}
        """, mode, executionsPerSecond, historyEventsPerSecond, latencyPhaseRate, latencyPhaseExecutions, p50Millis, p99Millis,
        maxMillis, succeeded, unsuccessful, peakRssMebibytes.isPresent() ? Long.toString(peakRssMebibytes.getAsLong()) : "null",
        partitions, streamThreads, maxOutstanding);
  }
}
