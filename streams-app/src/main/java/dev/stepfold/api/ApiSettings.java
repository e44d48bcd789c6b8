package dev.stepfold.api;

import dev.stepfold.streams.StepfoldConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The API's settings, read from the runtime's configuration ({@code stepfold.api.*}). */
record ApiSettings(String host, int port, int threads, int maxBodyBytes, Duration replyTimeout, Map<String, String> credentials,
    Duration activityPoll) {
  ApiSettings {
    credentials = Map.copyOf(credentials);
  }

  static ApiSettings of(StepfoldConfig config) {
    return new ApiSettings(
        config.get(StepfoldConfig.API_HOST).orElseThrow(),
        Integer.parseInt(config.get(StepfoldConfig.API_PORT).orElseThrow()),
        Integer.parseInt(config.get(StepfoldConfig.API_THREADS).orElseThrow()),
        Integer.parseInt(config.get(StepfoldConfig.API_MAX_BODY_BYTES).orElseThrow()),
        Duration.ofMillis(Long.parseLong(config.get(StepfoldConfig.API_REPLY_TIMEOUT_MS).orElseThrow())),
        credentials(config),
        Duration.ofMillis(Long.parseLong(config.get(StepfoldConfig.API_ACTIVITY_POLL_MS).orElseThrow())));
  }

  /** The key pairs of {@code stepfold.api.access.key.id} with its secret and of {@code stepfold.api.credentials}. */
  static Map<String, String> credentials(StepfoldConfig config) {
    var pairs = new LinkedHashMap<String, String>();
    var id = config.get(StepfoldConfig.API_ACCESS_KEY_ID);
    var secret = config.get(StepfoldConfig.API_SECRET_ACCESS_KEY);
    if (id.isPresent() != secret.isPresent()) {
      throw new IllegalArgumentException("Expected both " + StepfoldConfig.API_ACCESS_KEY_ID + " and " + StepfoldConfig.API_SECRET_ACCESS_KEY
          + ", or neither, but only one is set");
    }
    id.ifPresent(key -> pairs.put(key.trim(), secret.get().trim()));
    for (var pair : config.get(StepfoldConfig.API_CREDENTIALS).orElse("").split(",")) {
      if (pair.isBlank()) {
        continue;
      }
      int colon = pair.indexOf(':');
      if (colon <= 0 || colon == pair.length() - 1) {
        throw new IllegalArgumentException("Expected " + StepfoldConfig.API_CREDENTIALS + " as <access key id>:<secret>,..., but one pair is '"
            + pair.substring(0, Math.max(0, colon)) + ":...'");
      }
      pairs.put(pair.substring(0, colon).trim(), pair.substring(colon + 1).trim());
    }
    return pairs;
  }
}
