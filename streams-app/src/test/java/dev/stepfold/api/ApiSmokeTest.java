package dev.stepfold.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

@Timeout(180)
class ApiSmokeTest {
  @TempDir
  static Path dataDir;
  static RunningApi api;

  @BeforeAll
  static void start() throws Exception {
    api = RunningApi.start(dataDir, Map.of());
  }

  @AfterAll
  static void stop() {
    if (api != null) {
      api.close();
    }
  }

  @Test
  void shouldCreateStartAndDescribe() {
    try (var sfn = api.client()) {
      var created = sfn.createStateMachine(r -> r.name("smoke").roleArn("arn:aws:iam::123456789012:role/r")
          .definition("{\"StartAt\":\"Done\",\"States\":{\"Done\":{\"Type\":\"Pass\",\"End\":true}}}"));
      assertThat(created.stateMachineArn()).isEqualTo("arn:aws:states:us-east-1:123456789012:stateMachine:smoke");
      var started = sfn.startExecution(r -> r.stateMachineArn(created.stateMachineArn()).name("e1").input("{\"a\":1}"));
      assertThat(started.executionArn()).isEqualTo("arn:aws:states:us-east-1:123456789012:execution:smoke:e1");
      var described = sfn.describeExecution(r -> r.executionArn(started.executionArn()));
      assertThat(described.status()).isIn(ExecutionStatus.SUCCEEDED, ExecutionStatus.RUNNING);
    }
  }
}
