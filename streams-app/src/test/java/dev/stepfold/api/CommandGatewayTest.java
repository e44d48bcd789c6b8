package dev.stepfold.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepfold.schemas.AcceptedReply;
import dev.stepfold.schemas.CommandRecord;
import dev.stepfold.schemas.RedriveExecutionCommand;
import dev.stepfold.schemas.RejectedReply;
import dev.stepfold.schemas.ReplyRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The one path into the engine: the command keyed by its ARN, the reply by request id, a bound on the wait. */
class CommandGatewayTest {
  private static final String EXECUTION = "arn:aws:states:us-east-1:123456789012:execution:M:e";

  /** Replies a test hands out itself. */
  private static final class TestReplies implements CommandGateway.Replies {
    final Map<String, CompletableFuture<ReplyRecord>> waiting = new HashMap<>();

    @Override
    public synchronized CompletableFuture<ReplyRecord> expect(String requestId) {
      var future = new CompletableFuture<ReplyRecord>();
      waiting.put(requestId, future);
      return future;
    }

    @Override
    public synchronized void forget(String requestId) {
      waiting.remove(requestId);
    }
  }

  private final MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
  private final TestReplies replies = new TestReplies();

  private CommandGateway gateway(Duration timeout) {
    return new CommandGateway(producer, "stepfold.commands", (topic, command) -> command.getRequestId().getBytes(StandardCharsets.UTF_8),
        replies, timeout);
  }

  private static CommandRecord redrive(String requestId) {
    return CommandRecord.newBuilder().setRequestId(requestId).setExecutionArn(EXECUTION).setCommand(RedriveExecutionCommand.newBuilder().build()).build();
  }

  @Test
  void shouldSendTheCommandKeyedByItsArnAndAnswerWithTheAcceptedData() {
    var answering = new CommandGateway.Replies() {
      @Override
      public CompletableFuture<ReplyRecord> expect(String requestId) {
        return CompletableFuture.completedFuture(new ReplyRecord(requestId, EXECUTION, new AcceptedReply("{\"redriveDate\": 1700000000.5}")));
      }

      @Override
      public void forget(String requestId) {}
    };
    var data = new CommandGateway(producer, "stepfold.commands", (topic, command) -> new byte[0], answering, Duration.ofSeconds(5))
        .accepted(redrive("r-1"));
    assertThat(data.get("redriveDate").decimalValue()).isEqualByComparingTo("1700000000.5");
    assertThat(producer.history()).singleElement().satisfies(record -> {
      assertThat(record.topic()).isEqualTo("stepfold.commands");
      assertThat(record.key()).isEqualTo(EXECUTION);
    });
  }

  @Test
  void shouldAnswerARejectionWithItsAwsError() {
    var rejecting = new CommandGateway.Replies() {
      @Override
      public CompletableFuture<ReplyRecord> expect(String requestId) {
        return CompletableFuture.completedFuture(new ReplyRecord(requestId, EXECUTION,
            new RejectedReply("ExecutionNotRedrivable", "Execution is RUNNING and cannot be redriven", null)));
      }

      @Override
      public void forget(String requestId) {}
    };
    var gateway = new CommandGateway(producer, "stepfold.commands", (topic, command) -> new byte[0], rejecting, Duration.ofSeconds(5));
    assertThatThrownBy(() -> gateway.accepted(redrive("r-2"))).isInstanceOfSatisfying(ApiException.class, e -> {
      assertThat(e.errorType()).isEqualTo("ExecutionNotRedrivable");
      assertThat(e.getMessage()).isEqualTo("Execution is RUNNING and cannot be redriven");
      assertThat(e.status()).isEqualTo(400);
    });
  }

  @Test
  void shouldAnswerServiceUnavailableWhenNoReplyComesInTime() {
    assertThatThrownBy(() -> gateway(Duration.ofMillis(200)).accepted(redrive("r-3"))).isInstanceOfSatisfying(ApiException.class, e -> {
      assertThat(e.errorType()).isEqualTo(ErrorTypes.SERVICE_UNAVAILABLE);
      assertThat(e.status()).isEqualTo(503);
      assertThat(e.getMessage()).contains("r-3", "retry");
    });
    assertThat(replies.waiting).as("the request is no longer waited for").isEmpty();
    assertThat(producer.history()).hasSize(1);
  }

  @Test
  void shouldAnswerServiceUnavailableWhenTheCommandCannotBeSent() {
    var failing = new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
    var gateway = new CommandGateway(failing, "stepfold.commands", (topic, command) -> new byte[0], replies, Duration.ofSeconds(5));
    var call = CompletableFuture.runAsync(() -> gateway.accepted(redrive("r-4")));
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (failing.history().isEmpty() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    failing.errorNext(new org.apache.kafka.common.errors.TimeoutException("no broker"));
    assertThatThrownBy(call::join).hasCauseInstanceOf(ApiException.class)
        .cause().satisfies(e -> assertThat(((ApiException) e).errorType()).isEqualTo(ErrorTypes.SERVICE_UNAVAILABLE));
    assertThat(replies.waiting).isEmpty();
  }
}
