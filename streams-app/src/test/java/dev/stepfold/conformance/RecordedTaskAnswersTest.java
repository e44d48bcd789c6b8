package dev.stepfold.conformance;

import static dev.stepfold.conformance.ValueMatcherTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepfold.arn.ArnFormat;
import dev.stepfold.asl.TaskResource;
import dev.stepfold.engine.TaskDispatch;
import dev.stepfold.engine.TaskToken;
import dev.stepfold.local.TaskAnswer;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecordedTaskAnswersTest {
  private static final String TASKS = """
      [{"type": "TaskScheduled", "resourceType": "lambda", "resource": "invoke",
        "scheduled": {"parameters": {"FunctionName": "<lambda_function_name>", "Payload": {"n": 1}}},
        "events": [{"type": "TaskStarted"}, {"type": "TaskSucceeded"}],
        "outcome": {"type": "TaskSucceeded", "details": {"output": {"Payload": 1}}}},
       {"type": "TaskScheduled", "resourceType": "lambda", "resource": "invoke",
        "scheduled": {"parameters": {"FunctionName": "<lambda_function_name>", "Payload": {"n": 2}}},
        "events": [{"type": "TaskStarted"}, {"type": "TaskFailed"}],
        "outcome": {"type": "TaskFailed", "details": {"error": "Exception", "cause": {"errorMessage": "boom"}}}},
       {"type": "TaskScheduled", "resourceType": "sqs", "resource": "sendMessage.waitForTaskToken",
        "scheduled": {"parameters": {}},
        "events": [{"type": "TaskStarted"}, {"type": "TaskSubmitted", "taskSubmittedEventDetails": {"output": {"MessageId": "m"}}},
                   {"type": "TaskTimedOut"}],
        "outcome": {"type": "TaskTimedOut", "details": {"error": "States.Timeout"}}},
       {"type": "ActivityScheduled", "resourceType": null, "resource": "<activity_arn>",
        "scheduled": {"input": {}},
        "events": [{"type": "ActivityStarted", "activityStartedEventDetails": {}}, {"type": "ActivitySucceeded"}],
        "outcome": {"type": "ActivitySucceeded", "details": {"output": "[1,2]"}}}]""";

  private final RecordedTaskAnswers answers = new RecordedTaskAnswers(json(TASKS),
      new ValueMatcher(Set.of("<lambda_function_name>", "<activity_arn>"), Set.of()));

  @Test
  void shouldPreferTheEntryWhoseParametersMatch() {
    var second = answers.answer(task("arn:aws:states:::lambda:invoke", "{\"FunctionName\": \"fn\", \"Payload\": {\"n\": 2}}"));
    var first = answers.answer(task("arn:aws:states:::lambda:invoke", "{\"FunctionName\": \"fn\", \"Payload\": {\"n\": 1}}"));

    assertThat(second).isEqualTo(TaskAnswer.fail("Exception", "{\"errorMessage\":\"boom\"}"));
    assertThat(first).isEqualTo(TaskAnswer.succeed("{\"Payload\":1}"));
  }

  @Test
  void shouldTakeTheFirstUnusedEntryWhenNoParametersMatch() {
    assertThat(answers.answer(task("arn:aws:states:::lambda:invoke", "{\"other\": true}"))).isEqualTo(TaskAnswer.succeed("{\"Payload\":1}"));
    assertThat(answers.answer(task("arn:aws:states:::lambda:invoke", "{\"other\": true}"))).isInstanceOf(TaskAnswer.Fail.class);
    assertThat(answers.answer(task("arn:aws:states:::lambda:invoke", "{}"))).isInstanceOf(TaskAnswer.NoAnswer.class);
  }

  @Test
  void shouldSubmitThenLeaveATimedOutTaskUnanswered() {
    var answer = answers.answer(task("arn:aws:states:::sqs:sendMessage.waitForTaskToken", "{}"));

    assertThat(answer).isInstanceOfSatisfying(TaskAnswer.Submitted.class, submitted -> {
      assertThat(submitted.output()).isEqualTo("{\"MessageId\":\"m\"}");
      assertThat(submitted.then()).isInstanceOf(TaskAnswer.NoAnswer.class);
    });
  }

  @Test
  void shouldStartAnActivityWithoutAWorkerNameThenReturnTextAsIs() {
    var answer = answers.answer(task("arn:aws:states:us-east-1:111111111111:activity:a", "{}"));

    assertThat(answer).isEqualTo(new TaskAnswer.Started(Optional.empty(), TaskAnswer.succeed("[1,2]")));
  }

  @Test
  void shouldNotMixKindsOrResources() {
    assertThat(answers.answer(task("arn:aws:lambda:us-east-1:111111111111:function:f", "{}")))
        .isInstanceOf(TaskAnswer.NoAnswer.class);
    assertThat(answers.answer(task("arn:aws:states:::lambda:invoke.waitForTaskToken", "{}"))).isInstanceOf(TaskAnswer.NoAnswer.class);
  }

  private static TaskDispatch task(String resourceArn, String payload) {
    var execution = ArnFormat.DEFAULT.stateMachine("M").execution("e");
    JsonNode parameters = json(payload);
    return new TaskDispatch(TaskToken.of(execution, 3), execution, "S", 3, TaskResource.recognize(resourceArn).orElseThrow(), parameters,
        OptionalLong.empty(), OptionalLong.empty());
  }
}
