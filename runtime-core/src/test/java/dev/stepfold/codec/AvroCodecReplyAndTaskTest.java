package dev.stepfold.codec;

import dev.stepfold.asl.TaskResource;
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
        task(token, "Ship", 3, "arn:aws:states:::lambda:invoke", "{\"FunctionName\":\"ship\",\"Payload\":{\"id\":42}}",
            OptionalLong.of(60), OptionalLong.of(10)),
        task(token, "Pack", 5, "arn:aws:states:us-east-1:111111111111:activity:pack", "[1,2,3]", OptionalLong.empty(), OptionalLong.empty()),
        task(token, "Charge", 8, "arn:aws:lambda:us-east-1:111111111111:function:charge", "{}", OptionalLong.of(30), OptionalLong.empty()),
        task(token, "Notify", 11, "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "{\"QueueUrl\":\"q\"}", OptionalLong.empty(),
            OptionalLong.of(120)),
        task(token, "Child", 14, "arn:aws:states:::states:startExecution.sync:2", "{\"Input\":{}}", OptionalLong.empty(), OptionalLong.empty()),
        task(token, "Job", 17, "arn:aws:states:::states:startExecution.sync", "{}", OptionalLong.empty(), OptionalLong.empty()));
  }

  private static TaskDispatch task(TaskToken token, String state, long scheduledEventId, String resourceArn, String payload,
      OptionalLong timeoutSeconds, OptionalLong heartbeatSeconds) {
    return new TaskDispatch(token, EXECUTION, state, scheduledEventId, TaskResource.recognize(resourceArn).orElseThrow(), json(payload),
        timeoutSeconds, heartbeatSeconds);
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
    assertThat(tasks().map(task -> task.resource().getClass().getSimpleName()).distinct())
        .containsExactlyInAnyOrder("Integration", "Activity", "LambdaFunction");
    assertThat(tasks().map(task -> task.resource().pattern()).distinct()).containsExactlyInAnyOrder(TaskResource.IntegrationPattern.values());
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
