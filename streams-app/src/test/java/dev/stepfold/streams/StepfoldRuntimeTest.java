package dev.stepfold.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StepfoldRuntimeTest {
  @Test
  void shouldBeAStaticMemberOnlyWithAGroupInstanceIdForItsConsumers() {
    assertThat(StepfoldRuntime.isStaticMember(StepfoldConfig.of(Map.of()))).isFalse();
    assertThat(StepfoldRuntime.isStaticMember(StepfoldConfig.of(Map.of("group.instance.id", "stepfold-1")))).isTrue();
    assertThat(StepfoldRuntime.isStaticMember(StepfoldConfig.of(Map.of("consumer.group.instance.id", "stepfold-1")))).isTrue();
    assertThat(StepfoldRuntime.isStaticMember(StepfoldConfig.of(Map.of("main.consumer.group.instance.id", "stepfold-1")))).isTrue();
  }
}
