package dev.stepfold.local;

import dev.stepfold.asl.TaskResource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.stepfold.arn.ArnFormat;
import dev.stepfold.engine.TaskDispatch;
import dev.stepfold.engine.TaskToken;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class MockConfigTest {
  private static final String MOCK = """
      {"StateMachines": {"Order": {"TestCases": {
          "HappyPath": {"Charge": "ChargeOk"},
          "RetryPath": {"Charge": "ChargeRetried"}}}},
       "MockedResponses": {
          "ChargeOk": {"0": {"Return": {"StatusCode": 200, "Payload": {"id": 1}}}},
          "ChargeRetried": {"0": {"Throw": {"Error": "Busy", "Cause": "try again"}},
                            "1-2": {"Throw": {"Error": "Busy"}},
                            "3": {"Return": "done"}}}}""";

  @Test
  void shouldAnswerWithTheMockedReturnAsJsonText() {
    var answers = config(MOCK).answers("Order", "HappyPath");

    assertThat(answers.answer(task("Charge"))).isEqualTo(TaskAnswer.succeed("{\"StatusCode\":200,\"Payload\":{\"id\":1}}"));
  }

  @Test
  void shouldAnswerEachInvocationFromItsRange() {
    var answers = config(MOCK).answers("Order", "RetryPath");

    assertThat(answers.answer(task("Charge"))).isEqualTo(TaskAnswer.fail("Busy", "try again"));
    assertThat(answers.answer(task("Charge"))).isEqualTo(new TaskAnswer.Fail(Optional.of("Busy"), Optional.empty()));
    assertThat(answers.answer(task("Charge"))).isEqualTo(new TaskAnswer.Fail(Optional.of("Busy"), Optional.empty()));
    assertThat(answers.answer(task("Charge"))).isEqualTo(TaskAnswer.succeed("\"done\""));
    assertThat(answers.answer(task("Charge"))).isInstanceOf(TaskAnswer.NoAnswer.class);
  }

  @Test
  void shouldNotAnswerAStateTheTestCaseDoesNotMock() {
    var answer = config(MOCK).answers("Order", "HappyPath").answer(task("Ship"));

    assertThat(answer).isEqualTo(TaskAnswer.noAnswer("test case 'HappyPath' mocks no response for it"));
  }

  @Test
  void shouldNameAnUnknownStateMachineOrTestCase() {
    var config = config(MOCK);

    assertThatThrownBy(() -> config.answers("Shipping", "HappyPath")).hasMessageContaining("no state machine 'Shipping'");
    assertThatThrownBy(() -> config.answers("Order", "SadPath")).hasMessageContaining("no test case 'SadPath'").hasMessageContaining("HappyPath");
  }

  @Test
  void shouldRejectAMalformedFileSayingWhere() {
    assertThatThrownBy(() -> config("{\"StateMachines\": {}, \"MockedResponses\": {\"R\": {\"first\": {\"Return\": 1}}}}"))
        .hasMessageContaining("MockedResponses.R.first");
    assertThatThrownBy(() -> config("{\"StateMachines\": {}, \"MockedResponses\": {\"R\": {\"0\": {\"Return\": 1, \"Throw\": {}}}}}"))
        .hasMessageContaining("exactly one of Return or Throw");
    assertThatThrownBy(() -> config("{\"StateMachines\": {\"M\": {\"TestCases\": {\"T\": {\"S\": \"Missing\"}}}}, \"MockedResponses\": {}}"))
        .hasMessageContaining("'Missing'");
  }

  private static MockConfig config(String text) {
    try {
      return MockConfig.parse(new ObjectMapper().readTree(text));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static TaskDispatch task(String state) {
    var execution = ArnFormat.DEFAULT.stateMachine("Order").execution("e");
    return new TaskDispatch(TaskToken.of(execution, 3), execution, state, 3,
        TaskResource.recognize("arn:aws:states:::lambda:invoke").orElseThrow(), JsonNodeFactory.instance.objectNode(), OptionalLong.empty(), OptionalLong.empty());
  }
}
