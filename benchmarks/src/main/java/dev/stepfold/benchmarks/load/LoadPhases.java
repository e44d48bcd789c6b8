package dev.stepfold.benchmarks.load;

import picocli.CommandLine.Option;

/**
 * The phases of a load run, as options (a picocli mixin): a warm-up at saturation, a measured saturation phase with at
 * most so many executions in flight, and a latency phase at a fraction of the saturation rate.
 */
final class LoadPhases {
  @Option(names = "--warmup", description = "Seconds of warm-up at saturation (default: ${DEFAULT-VALUE}).")
  int warmupSeconds = 15;

  @Option(names = "--measure", description = "Seconds of each measured phase (default: ${DEFAULT-VALUE}).")
  int measureSeconds = 30;

  @Option(names = "--half-load", description = "Fraction of the saturation rate for the latency phase (default: ${DEFAULT-VALUE}).")
  double halfLoad = 0.5;

  @Option(names = "--max-outstanding", description = "Most executions in flight at saturation (default: ${DEFAULT-VALUE}).")
  int maxOutstanding = 2_000;
}
