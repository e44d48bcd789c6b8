package dev.stepfold.engine.nested;

import dev.stepfold.engine.Origin.ParentTask;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepfold.arn.ArnFormat;
import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.engine.TaskDispatch;
import dev.stepfold.asl.TaskResource;
import dev.stepfold.asl.TaskResource.IntegrationPattern;
import dev.stepfold.engine.TaskToken;
import dev.stepfold.error.ApiError;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class NestedStartTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ExecutionArn PARENT = ArnFormat.DEFAULT.stateMachine("parents").execution("p-1");
  private static final String CHILD = ArnFormat.DEFAULT.stateMachine("child").value();

  @Test
  void shouldStartTheNamedExecutionOfTheStateMachineWithTheInputAsJsonText() {
    var start = (NestedStart.Start) start("startExecution.sync", "{\"StateMachineArn\": \"%s\", \"Name\": \"kid\", \"Input\": {\"a\": [1]}}"
        .formatted(CHILD));

    assertThat(start.executionArn().value()).isEqualTo(CHILD.replace(":stateMachine:", ":execution:") + ":kid");
    assertThat(start.stateMachineArn()).isEqualTo(CHILD);
    assertThat(start.input()).isEqualTo("{\"a\":[1]}");
    assertThat(start.parent()).isEqualTo(new ParentTask(PARENT, TaskToken.of(PARENT, 3), IntegrationPattern.SYNC));
  }

  @Test
  void shouldPassTextInputAsItIsAndNoInputAsAnEmptyObject() {
    assertThat(((NestedStart.Start) start("startExecution", "{\"StateMachineArn\": \"%s\", \"Input\": \"[1, 2]\"}".formatted(CHILD))).input())
        .isEqualTo("[1, 2]");
    assertThat(((NestedStart.Start) start("startExecution", "{\"StateMachineArn\": \"%s\", \"Input\": null}".formatted(CHILD))).input())
        .isEqualTo("{}");
  }

  @Test
  void shouldNameAnUnnamedChildByAUuidThatTheSameTaskAlwaysGets() {
    var first = (NestedStart.Start) start("startExecution.sync:2", "{\"StateMachineArn\": \"%s\"}".formatted(CHILD));
    var again = (NestedStart.Start) start("startExecution.sync:2", "{\"StateMachineArn\": \"%s\"}".formatted(CHILD));

    assertThat(first.executionArn().name()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    assertThat(again.executionArn()).isEqualTo(first.executionArn());
  }

  @Test
  void shouldNameTheExecutionAfterTheStateMachineWhenAVersionIsCalled() {
    var start = (NestedStart.Start) start("startExecution", "{\"StateMachineArn\": \"%s:4\", \"Name\": \"kid\"}".formatted(CHILD));

    assertThat(start.executionArn().value()).isEqualTo(CHILD.replace(":stateMachine:", ":execution:") + ":kid");
    assertThat(start.stateMachineArn()).isEqualTo(CHILD + ":4");
  }

  @Test
  void shouldRefuseACallWithoutAStateMachineArnOrWithAnInvalidName() {
    var noArn = (NestedStart.Refused) start("startExecution", "{\"Name\": \"kid\"}");
    var badName = (NestedStart.Refused) start("startExecution", "{\"StateMachineArn\": \"%s\", \"Name\": \"a b\"}".formatted(CHILD));

    assertThat(noArn.error()).isEqualTo(ApiError.INVALID_ARN);
    assertThat(badName.error()).isEqualTo(ApiError.INVALID_NAME);
    assertThat(badName.message()).isEqualTo("Invalid Name: 'a b'");
  }

  @Test
  void shouldLeaveOtherTasksAlone() {
    assertThat(NestedStart.of(task("arn:aws:states:::lambda:invoke", "{}"))).isEmpty();
    assertThat(NestedStart.of(task("arn:aws:states:::aws-sdk:sfn:startExecution", "{}"))).isEmpty();
  }

  private static NestedStart start(String resource, String parameters) {
    return NestedStart.of(task("arn:aws:states:::states:" + resource, parameters)).orElseThrow();
  }

  private static TaskDispatch task(String resourceArn, String parameters) {
    var resource = TaskResource.recognize(resourceArn).orElseThrow();
    try {
      return new TaskDispatch(TaskToken.of(PARENT, 3), PARENT, "Nest", 3, resource, JSON.readTree(parameters), OptionalLong.empty(),
          OptionalLong.empty());
    } catch (JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }
}
