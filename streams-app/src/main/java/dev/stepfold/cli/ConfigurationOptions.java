package dev.stepfold.cli;

import dev.stepfold.streams.StepfoldConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The configuration as the server reads it: the defaults, a properties file, the environment, then {@code -D} settings. */
final class ConfigurationOptions {
  @Option(names = "--config", paramLabel = "FILE", description = "a properties file: Kafka Streams, schema.registry.* and stepfold.* keys")
  Path config;

  @Option(names = {"-D", "--set"}, paramLabel = "KEY=VALUE", description = "sets one configuration key (wins over file and environment)")
  Map<String, String> settings = new HashMap<>();

  /** The configuration, with {@code overrides} (from other options) winning over everything. */
  StepfoldConfig load(Map<String, String> environment, Map<String, String> overrides) throws IOException {
    var all = new HashMap<>(settings);
    all.putAll(overrides);
    return StepfoldConfig.load(Optional.ofNullable(config), environment).with(all);
  }
}
