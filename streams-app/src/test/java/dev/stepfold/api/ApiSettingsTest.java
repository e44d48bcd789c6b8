package dev.stepfold.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepfold.streams.StepfoldConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiSettingsTest {
  @Test
  void shouldDefaultToPort8083WithoutCredentialsInUsEast1And123456789012() {
    var config = StepfoldConfig.of(Map.of());
    var settings = ApiSettings.of(config);
    assertThat(settings.port()).isEqualTo(8083);
    assertThat(settings.host()).isEqualTo("localhost");
    assertThat(settings.credentials()).isEmpty();
    assertThat(settings.replyTimeout()).isEqualTo(Duration.ofSeconds(20));
    assertThat(config.arnFormat().stateMachine("M").value()).isEqualTo("arn:aws:states:us-east-1:123456789012:stateMachine:M");
  }

  @Test
  void shouldReadTheEnvironment() throws Exception {
    var config = StepfoldConfig.load(Optional.empty(), Map.of("STEPFOLD_API_PORT", "0", "STEPFOLD_API_HOST", "0.0.0.0",
        "STEPFOLD_REGION", "eu-west-3", "STEPFOLD_ACCOUNT", "000011112222",
        "STEPFOLD_API_ACCESS_KEY_ID", "AKID1", "STEPFOLD_API_SECRET_ACCESS_KEY", "s1",
        "STEPFOLD_API_CREDENTIALS", "AKID2:s2/with+signs, AKID3:s3"));
    var settings = ApiSettings.of(config);
    assertThat(settings.port()).isZero();
    assertThat(settings.host()).isEqualTo("0.0.0.0");
    assertThat(settings.credentials()).containsExactlyInAnyOrderEntriesOf(Map.of("AKID1", "s1", "AKID2", "s2/with+signs", "AKID3", "s3"));
    assertThat(config.arnFormat().stateMachine("M").value()).isEqualTo("arn:aws:states:eu-west-3:000011112222:stateMachine:M");
    assertThat(config.toString()).doesNotContain("s1", "s2/with+signs");
  }

  @Test
  void shouldRefuseAKeyWithoutItsSecret() {
    assertThatThrownBy(() -> ApiSettings.of(StepfoldConfig.of(Map.of(StepfoldConfig.API_ACCESS_KEY_ID, "AKID1"))))
        .hasMessageContaining("stepfold.api.secret.access.key");
    assertThatThrownBy(() -> ApiSettings.of(StepfoldConfig.of(Map.of(StepfoldConfig.API_CREDENTIALS, "AKID1"))))
        .hasMessageContaining("<access key id>:<secret>");
  }
}
