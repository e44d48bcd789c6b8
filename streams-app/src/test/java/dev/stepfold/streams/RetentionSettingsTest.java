package dev.stepfold.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The retention period and the history topics' {@code retention.ms} that follows it: an event is kept as long as its
 * execution can be read, at most the one-year maximum execution time plus the retention.
 */
class RetentionSettingsTest {
  @Test
  void shouldKeepClosedExecutionsNinetyDaysAndTheHistoryTopicsAYearAndNinetyDaysByDefault() {
    var config = StepfoldConfig.of(Map.of());

    assertThat(config.retention()).contains(Duration.ofDays(90));
    assertThat(config.topicConfigs(Topics.HISTORY)).containsEntry("retention.ms", Long.toString(Duration.ofDays(365 + 90).toMillis()));
    assertThat(config.topicConfigs(Topics.HISTORY_JSON)).containsEntry("retention.ms", Long.toString(Duration.ofDays(365 + 90).toMillis()));
    assertThat(config.topicConfigs(Topics.COMMANDS)).doesNotContainKey("retention.ms");
    assertThat(config.topicConfigs(Topics.STATE_MACHINES)).containsExactly(Map.entry("cleanup.policy", "compact"));
  }

  @Test
  void shouldGiveTheHistoryTopicTheRetentionConfiguredUnlessItsOwnIsSet() {
    var minute = StepfoldConfig.of(Map.of(StepfoldConfig.RETENTION_MS, "60000"));
    var ownTopicRetention = minute.with(Map.of("stepfold.topic.history.config.retention.ms", "-1"));

    assertThat(minute.retention()).contains(Duration.ofMinutes(1));
    assertThat(minute.topicConfigs(Topics.HISTORY)).containsEntry("retention.ms", Long.toString(Duration.ofDays(365).plusMinutes(1).toMillis()));
    assertThat(ownTopicRetention.topicConfigs(Topics.HISTORY)).containsEntry("retention.ms", "-1");
  }

  @Test
  void shouldKeepEverythingForGoodWithMinusOne() {
    var forGood = StepfoldConfig.of(StepfoldConfig.fromEnvironment(Map.of("STEPFOLD_RETENTION_MS", "-1")));

    assertThat(forGood.retention()).isEmpty();
    assertThat(forGood.topicConfigs(Topics.HISTORY)).containsEntry("retention.ms", "-1");
  }

  @Test
  void shouldRefuseANegativeRetentionOtherThanMinusOne() {
    assertThatThrownBy(() -> StepfoldConfig.of(Map.of(StepfoldConfig.RETENTION_MS, "-5")).retention())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Expected stepfold.retention.ms to be -1 (keep for good) or at least 0, but it is -5");
  }
}
