package dev.stepfold.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepfold.schemas.AcceptedReply;
import dev.stepfold.schemas.CommandRecord;
import dev.stepfold.schemas.RejectedReply;
import dev.stepfold.schemas.ReplyRecord;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
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

  /** How long a command's reply is waited for. */
  public Duration timeout() {
    return timeout;
  }

  /** Sends the command, keyed by its {@code executionArn} (the ARN of the entity it is for), and returns its reply. */
  public ReplyRecord send(CommandRecord command) {
    var requestId = command.getRequestId();
    long deadline = System.nanoTime() + timeout.toNanos();
    try (var pending = submit(command)) {
      return pending.await(Duration.ofNanos(deadline - System.nanoTime())).orElseThrow(() -> new ApiException(ErrorTypes.SERVICE_UNAVAILABLE,
          "No reply to request " + requestId + " within " + timeout.toMillis()
              + " ms; the command may still be carried out: retry the same request to learn its outcome"));
    }
  }

  /**
   * Sends the command and returns at once: its reply is waited for with {@link Pending#await}, for as long as the caller
   * likes (a long poll), and is no longer expected once the pending reply is closed. A command that cannot be sent is
   * {@code ServiceUnavailable}.
   */
  public Pending submit(CommandRecord command) {
    var requestId = command.getRequestId();
    var reply = expected(requestId);
    try {
      produce(command);
      return new Pending(requestId, reply);
    } catch (RuntimeException e) {
      replies.forget(requestId);
      throw e;
    }
  }

  /**
   * Expects a reply that no command of this call is answered with, but that a command sent next causes: a
   * StartSyncExecution's close, under its {@code closeRequestId}. Call it before sending that command.
   */
  public Pending expectLater(String requestId) {
    return new Pending(requestId, expected(requestId));
  }

  /** How long a command's reply may take once it is sent, before the caller is answered {@code ServiceUnavailable}. */
  public Duration replyTimeout() {
    return timeout;
  }

  /**
   * The future of a request's reply. A request id that another call waits on already (a caller's own id for an
   * idempotent command, sent twice at once) is {@code ConflictException}: that call gets the reply.
   */
  private CompletableFuture<ReplyRecord> expected(String requestId) {
    try {
      return replies.expect(requestId);
    } catch (IllegalStateException waitedForAlready) {
      throw new ApiException(ErrorTypes.CONFLICT_EXCEPTION, "Request " + requestId + " is being answered to another call; send it again once"
          + " that call has its answer");
    }
  }

  /** Sends a command no one waits the reply of; returns once the broker has it. */
  public void post(CommandRecord command) {
    produce(command);
  }

  private void produce(CommandRecord command) {
    try {
      var value = commands.serialize(topic, command);
      producer.send(new ProducerRecord<>(topic, command.getExecutionArn(), value)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      var cause = e instanceof ExecutionException ? e.getCause().getMessage() : "no acknowledgement within " + timeout.toMillis() + " ms";
      throw new ApiException(ErrorTypes.SERVICE_UNAVAILABLE, "The command of request " + command.getRequestId() + " could not be sent: " + cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(ErrorTypes.SERVICE_UNAVAILABLE, "Request " + command.getRequestId() + " was interrupted");
    }
  }

  /** The reply of a command sent, to wait for; closing it stops expecting the reply. */
  public final class Pending implements AutoCloseable {
    private final String requestId;
    private final CompletableFuture<ReplyRecord> reply;

    private Pending(String requestId, CompletableFuture<ReplyRecord> reply) {
      this.requestId = requestId;
      this.reply = reply;
    }

    /** The reply, once it came; empty when it did not within {@code wait}. */
    public Optional<ReplyRecord> await(Duration wait) {
      try {
        return Optional.of(reply.get(Math.max(0, wait.toNanos()), TimeUnit.NANOSECONDS));
      } catch (TimeoutException e) {
        return Optional.empty();
      } catch (ExecutionException e) {
        throw new IllegalStateException("Expected the reply to request " + requestId + " to come or not, but it failed", e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ApiException(ErrorTypes.SERVICE_UNAVAILABLE, "Request " + requestId + " was interrupted");
      }
    }

    @Override
    public void close() {
      replies.forget(requestId);
    }
  }

  /** Sends the command and returns the accepted reply's data; a rejection is its AWS error. */
  public JsonNode accepted(CommandRecord command) {
    return accepted(send(command));
  }

  /** The data of an accepted reply; a rejected one is its AWS error. */
  public static JsonNode accepted(ReplyRecord reply) {
    var outcome = reply.getOutcome();
    if (outcome instanceof AcceptedReply accepted) {
      try {
        return MAPPER.readTree(accepted.getData());
      } catch (IOException e) {
        throw new IllegalStateException("Expected the accepted reply to request " + reply.getRequestId() + " to be JSON, but it is "
            + accepted.getData(), e);
      }
    }
    if (outcome instanceof RejectedReply rejected) {
      throw new ApiException(rejected.getErrorType(), rejected.getMessage(),
          rejected.getReason() == null ? Map.of() : Map.of("reason", rejected.getReason()));
    }
    throw new IllegalStateException("Expected an accepted or rejected reply to request " + reply.getRequestId() + ", but got "
        + outcome.getClass().getSimpleName());
  }
}
