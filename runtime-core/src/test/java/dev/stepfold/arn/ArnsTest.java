package dev.stepfold.arn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArnsTest {
  private static final String ORDERS = "arn:aws:states:us-east-1:123456789012:stateMachine:orders";

  @Test
  void shouldTakeAnExecutionArnApart() {
    var execution = new ExecutionArn("arn:aws:states:us-east-1:123456789012:execution:orders:order-42");

    assertThat(execution.name()).isEqualTo("order-42");
    assertThat(execution.stateMachineName()).isEqualTo("orders");
    assertThat(execution.stateMachine()).isEqualTo(new StateMachineArn(ORDERS));
    assertThat(execution.isMapRunChild()).isFalse();
  }

  @Test
  void shouldNameTheStateMachineOfAnExpressExecutionAndTheExecutionsOfAVersion() {
    var express = new ExecutionArn("arn:aws-cn:states:cn-north-1:123456789012:express:orders:order-42:5f1c");

    assertThat(express.name()).isEqualTo("order-42");
    assertThat(express.stateMachine().value()).isEqualTo("arn:aws-cn:states:cn-north-1:123456789012:stateMachine:orders");
    assertThat(new StateMachineArn(ORDERS + ":3").execution("order-42").value())
        .isEqualTo("arn:aws:states:us-east-1:123456789012:execution:orders:order-42");
    assertThat(new StateMachineArn(ORDERS).expressExecution("order-42", "5f1c").value())
        .isEqualTo("arn:aws:states:us-east-1:123456789012:express:orders:order-42:5f1c");
  }

  @Test
  void shouldTellAMapRunsChild() {
    var child = new ExecutionArn("arn:aws:states:us-east-1:123456789012:execution:orders/EachOrder:0b5c");

    assertThat(child.isMapRunChild()).isTrue();
    assertThat(child.stateMachineName()).isEqualTo("orders/EachOrder");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "arn", "arn:aws:states:us-east-1:123456789012:execution", "arn:aws:states:us-east-1:123456789012:execution:",
      "arn:aws:lambda:us-east-1:123456789012:execution:orders:o", "arn:aws:states:us-east-1:123456789012:stateMachine:orders:o",
      "urn:aws:states:us-east-1:123456789012:execution:orders:o", "arn:aws:states:us-east-1:123456789012:executions:orders:o",
      "arn:aws:states:us-east-1:123456789012:exec:orders:o"})
  void shouldRefuseWhatIsNotAnExecutionArn(String value) {
    assertThatIllegalArgumentException().isThrownBy(() -> new ExecutionArn(value)).withMessage("Invalid Arn: '" + value + "'");
  }

  @Test
  void shouldRefuseNull() {
    assertThatIllegalArgumentException().isThrownBy(() -> new ExecutionArn(null)).withMessage("Expected an ARN, but got null");
  }
}
