package dev.stepfold.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceSelectorTest {
  private static final JsonNode NO_PARAMETERS = WorkerJson.object();
  private final ResourceSelector chargeCard = ResourceSelector.of(List.of("charge-card"));

  @Test
  void shouldServeTheActivityOfItsName() {
    assertThat(chargeCard.serves("arn:aws:states:us-east-1:123456789012:activity:charge-card", NO_PARAMETERS)).isTrue();
    assertThat(chargeCard.serves("arn:aws:states:us-east-1:123456789012:activity:charge-card-v2", NO_PARAMETERS)).isFalse();
  }

  @Test
  void shouldServeTheLambdaFunctionOfItsNameWithOrWithoutAQualifier() {
    assertThat(chargeCard.serves("arn:aws:lambda:us-east-1:123456789012:function:charge-card", NO_PARAMETERS)).isTrue();
    assertThat(chargeCard.serves("arn:aws:lambda:us-east-1:123456789012:function:charge-card:live", NO_PARAMETERS)).isTrue();
    assertThat(chargeCard.serves("arn:aws:lambda:us-east-1:123456789012:function:ship", NO_PARAMETERS)).isFalse();
  }

  @Test
  void shouldServeLambdaInvokeByTheFunctionNameParameterInEachOfItsForms() {
    for (var functionName : List.of("charge-card", "charge-card:live", "123456789012:function:charge-card",
        "arn:aws:lambda:us-east-1:123456789012:function:charge-card:7")) {
      var parameters = WorkerJson.object().put("FunctionName", functionName);
      assertThat(chargeCard.serves("arn:aws:states:::lambda:invoke", parameters)).as(functionName).isTrue();
    }
    assertThat(chargeCard.serves("arn:aws:states:::lambda:invoke", WorkerJson.object().put("FunctionName", "ship"))).isFalse();
    assertThat(chargeCard.serves("arn:aws:states:::lambda:invoke.waitForTaskToken",
        WorkerJson.object().put("FunctionName", "charge-card"))).isFalse();
  }

  @Test
  void shouldServeAnArnOnlyWhenTheResourceIsExactlyThatArn() {
    var selector = ResourceSelector.of(List.of("arn:aws:states:::sqs:sendMessage"));
    assertThat(selector.serves("arn:aws:states:::sqs:sendMessage", NO_PARAMETERS)).isTrue();
    assertThat(selector.serves("arn:aws:states:::sqs:sendMessage.waitForTaskToken", NO_PARAMETERS)).isFalse();
  }

  @Test
  void shouldServeEveryResourceWhenAskedTo() {
    assertThat(ResourceSelector.all().serves("arn:aws:states:::sqs:sendMessage", NO_PARAMETERS)).isTrue();
  }

  @Test
  void shouldRefuseNoResourcesAndBlankOnes() {
    assertThatThrownBy(() -> ResourceSelector.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ResourceSelector.of(List.of(" "))).isInstanceOf(IllegalArgumentException.class);
  }
}
