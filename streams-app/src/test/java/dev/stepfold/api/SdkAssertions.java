package dev.stepfold.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.ThrowableAssert;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.SfnException;

/** What the API tests check through the SDK: an AWS error as the SDK reads it, an execution reaching a status. */
public final class SdkAssertions {
  private SdkAssertions() {}

  /** The call fails with the modeled exception class the SDK makes of {@code errorCode}, at HTTP {@code status}. */
  static SfnException assertAwsError(ThrowableAssert.ThrowingCallable call, Class<? extends SfnException> type, String errorCode, int status) {
    var thrown = new SfnException[1];
    assertThatThrownBy(call).isInstanceOfSatisfying(type, e -> {
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo(errorCode);
      assertThat(e.statusCode()).isEqualTo(status);
      assertThat(e.requestId()).isNotBlank();
      thrown[0] = e;
    });
    return thrown[0];
  }

  static SfnException assertAwsError(ThrowableAssert.ThrowingCallable call, Class<? extends SfnException> type, String errorCode) {
    return assertAwsError(call, type, errorCode, 400);
  }

  /** Between two reads of a condition a deadline loop waits for (not a wait for the condition itself). */
  static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted while waiting for a condition", e);
    }
  }

  public static DescribeExecutionResponse awaitStatus(SfnClient sfn, String executionArn, ExecutionStatus status) {
    long deadline = System.nanoTime() + RunningApi.PATIENCE.toNanos();
    while (true) {
      var described = sfn.describeExecution(r -> r.executionArn(executionArn));
      if (described.status() == status) {
        return described;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Expected " + executionArn + " to be " + status + ", but it is " + described.status());
      }
      pause();
    }
  }
}
