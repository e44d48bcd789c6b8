package dev.stepfold.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepfold.schemas.AcceptedReply;
import dev.stepfold.schemas.CommandRecord;
import dev.stepfold.schemas.RejectedReply;
import dev.stepfold.schemas.ReplyRecord;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The API's one path into the engine: a command to {@code stepfold.commands}, keyed by the ARN of the entity it is for,
 * and the wait for its reply on {@code stepfold.replies} ({@link ReplyWaiter}). A command that cannot be sent, or whose
 * reply does not come within the timeout, is answered {@code ServiceUnavailable}: the command may still be carried out,
 * which an idempotent retry (the same execution name, the same client token) then finds.
 */
public final class CommandGateway {
  /** Where replies come from, by request id ({@link ReplyWaiter}). */
  public interface Replies {
    /** The future of a request's reply; called before the command is sent. */
    CompletableFuture<ReplyRecord> expect(String requestId);

    /** The request is answered, timed out or failed: its reply is no longer waited for. */
    void forget(String requestId);
  }

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Producer<String, byte[]> producer;
  private final String topic;
  private final Serializer<CommandRecord> commands;
  private final Replies replies;
  private final Duration timeout;

  public CommandGateway(Producer<String, byte[]> producer, String topic, Serializer<CommandRecord> commands, Replies replies, Duration timeout) {
    this.producer = producer;
    this.topic = topic;
    this.commands = commands;
    this.replies = replies;
    this.timeout = timeout;
  }

  /** Sends the command, keyed by its {@code executionArn} (the ARN of the entity it is for), and returns its reply. */
  public ReplyRecord send(CommandRecord command) {
    var requestId = command.getRequestId();
    var reply = replies.expect(requestId);
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      var value = commands.serialize(topic, command);
      producer.send(new ProducerRecord<>(topic, command.getExecutionArn(), value)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return reply.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new ApiException(ErrorTypes.SERVICE_UNAVAILABLE, "No reply to request " + requestId + " within " + timeout.toMillis()
          + " ms; the command may still be carried out: retry the same request to learn its outcome");
    } catch (ExecutionException e) {
      throw new ApiException(ErrorTypes.SERVICE_UNAVAILABLE, "The command of request " + requestId + " could not be sent: " + e.getCause().getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(ErrorTypes.SERVICE_UNAVAILABLE, "Request " + requestId + " was interrupted");
    } finally {
      replies.forget(requestId);
    }
  }

  /** Sends the command and returns the accepted reply's data; a rejection is its AWS error. */
  public JsonNode accepted(CommandRecord command) {
    var outcome = send(command).getOutcome();
    if (outcome instanceof AcceptedReply accepted) {
      try {
        return MAPPER.readTree(accepted.getData());
      } catch (IOException e) {
        throw new IllegalStateException("Expected the accepted reply to request " + command.getRequestId() + " to be JSON, but it is "
            + accepted.getData(), e);
      }
    }
    if (outcome instanceof RejectedReply rejected) {
      throw new ApiException(rejected.getErrorType(), rejected.getMessage());
    }
    throw new IllegalStateException("Expected an accepted or rejected reply to request " + command.getRequestId() + ", but got "
        + outcome.getClass().getSimpleName());
  }
}
