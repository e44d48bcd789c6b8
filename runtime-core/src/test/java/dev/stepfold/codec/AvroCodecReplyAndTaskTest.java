package dev.stepfold.codec;

import static dev.stepfold.codec.CodecFixtures.EXECUTION;
import static dev.stepfold.codec.CodecFixtures.FAKE_DEFINITIONS;
import static dev.stepfold.codec.CodecFixtures.json;
import static dev.stepfold.codec.CodecFixtures.throughBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepfold.engine.Reply;
import dev.stepfold.engine.TaskDispatch;
import dev.stepfold.engine.TaskToken;
import dev.stepfold.error.ApiError;
import dev.stepfold.schemas.RejectedReply;
import dev.stepfold.schemas.TaskKind;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class AvroCodecReplyAndTaskTest {
  private final AvroCodec codec = new AvroCodec(FAKE_DEFINITIONS);

  @Test
  void shouldRoundTripAnAcceptedReply() {
    var reply = new Reply.Accepted(json("{\"executionArn\":\"" + EXECUTION.value() + "\",\"startDate\":1714644000.123}"));

    var record = codec.avro("req-1", EXECUTION, reply);

    assertThat(record.getRequestId()).isEqualTo("req-1");
    assertThat(record.getExecutionArn()).isEqualTo(EXECUTION.value());
    assertThat(codec.reply(record)).isEqualTo(reply);
    assertThat(codec.reply(throughBytes(record))).isEqualTo(reply);
  }

  @ParameterizedTest
  @EnumSource(ApiError.class)
  void shouldRoundTripARejectionWithEveryApiError(ApiError error) {
    var reply = new Reply.Rejected(error, "Execution Does Not Exist: '" + EXECUTION.value() + "'");

    var record = codec.avro("req-2", EXECUTION, reply);

    assertThat(((RejectedReply) record.getOutcome()).getErrorType()).isEqualTo(error.awsName());
    assertThat(codec.reply(throughBytes(record))).isEqualTo(reply);
  }

  @Test
  void shouldRefuseAnApiErrorThisVersionDoesNotKnow() {
    var record = codec.avro("req-3", EXECUTION, new Reply.Rejected(ApiError.INVALID_ARN, "Invalid Arn"));
    ((RejectedReply) record.getOutcome()).setErrorType("KmsThrottlingException");

    assertThatThrownBy(() -> codec.reply(record))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Expected an API error this version knows, but got 'KmsThrottlingException'");
  }

  static Stream<TaskDispatch> tasks() {
    var token = TaskToken.of(EXECUTION, 3);
    return Stream.of(
        new TaskDispatch(token, EXECUTION, "Ship", 3, TaskDispatch.Kind.TASK, "arn:aws:states:::lambda:invoke", "lambda", "invoke",
            TaskDispatch.IntegrationPattern.REQUEST_RESPONSE, json("{\"FunctionName\":\"ship\",\"Payload\":{\"id\":42}}"),
            OptionalLong.of(60), OptionalLong.of(10)),
        new TaskDispatch(token, EXECUTION, "Pack", 5, TaskDispatch.Kind.ACTIVITY, "arn:aws:states:us-east-1:111111111111:activity:pack",
            "", "arn:aws:states:us-east-1:111111111111:activity:pack", TaskDispatch.IntegrationPattern.REQUEST_RESPONSE,
            json("[1,2,3]"), OptionalLong.empty(), OptionalLong.empty()),
        new TaskDispatch(token, EXECUTION, "Charge", 8, TaskDispatch.Kind.LAMBDA_FUNCTION,
            "arn:aws:lambda:us-east-1:111111111111:function:charge", "", "arn:aws:lambda:us-east-1:111111111111:function:charge",
            TaskDispatch.IntegrationPattern.REQUEST_RESPONSE, json("{}"), OptionalLong.of(30), OptionalLong.empty()),
        new TaskDispatch(token, EXECUTION, "Notify", 11, TaskDispatch.Kind.TASK, "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
            "sqs", "sendMessage.waitForTaskToken", TaskDispatch.IntegrationPattern.WAIT_FOR_TASK_TOKEN, json("{\"QueueUrl\":\"q\"}"),
            OptionalLong.empty(), OptionalLong.of(120)),
        new TaskDispatch(token, EXECUTION, "Child", 14, TaskDispatch.Kind.TASK, "arn:aws:states:::states:startExecution.sync:2",
            "states", "startExecution.sync:2", TaskDispatch.IntegrationPattern.RUN_JOB, json("{\"Input\":{}}"),
            OptionalLong.empty(), OptionalLong.empty()));
  }

  @ParameterizedTest
  @MethodSource("tasks")
  void shouldRoundTripTaskDispatches(TaskDispatch task) {
    var record = codec.avro(task);

    assertThat(codec.taskDispatch(record)).isEqualTo(task);
    assertThat(codec.taskDispatch(throughBytes(record))).isEqualTo(task);
  }

  @Test
  void shouldCoverEveryTaskKindAndPattern() {
    assertThat(tasks().map(TaskDispatch::kind).distinct()).containsExactlyInAnyOrder(TaskDispatch.Kind.values());
    assertThat(tasks().map(TaskDispatch::pattern).distinct()).containsExactlyInAnyOrder(TaskDispatch.IntegrationPattern.values());
  }

  @Test
  void shouldRefuseATaskKindThisVersionDoesNotKnow() {
    var record = codec.avro(tasks().findFirst().orElseThrow());
    record.setKind(TaskKind.UNKNOWN);

    assertThatThrownBy(() -> codec.taskDispatch(record))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Expected a task kind this version knows, but got UNKNOWN");
  }
}
