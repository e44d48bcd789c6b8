package dev.stepfold.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The reply a decision owes a request other than its command's: a StartSyncExecution waits under its own request id
 * for the execution to close, and the decision that closes it answers with how it ended ({@code executionArn},
 * {@code stateMachineArn}, {@code name}, {@code status}, {@code startDate}, {@code stopDate} in epoch seconds, and
 * {@code input}, {@code output}, {@code error}, {@code cause} where it has them; payloads as JSON values).
 */
public record CloseReply(String requestId, JsonNode data) {
  public CloseReply {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(data, "data");
  }

  /** The reply to the request a closed execution's start named, if it named one. */
  static Optional<CloseReply> of(ExecutionState closed) {
    var started = closed.started().orElseThrow(() -> new IllegalStateException("Expected a started execution to close, but it has not started"));
    return started.closeRequestId().map(requestId -> {
      var data = JsonNodeFactory.instance.objectNode();
      data.put("executionArn", started.executionArn().value())
          .put("stateMachineArn", started.stateMachineArn().value())
          .put("name", started.executionArn().name())
          .put("status", closed.status().name())
          .put("startDate", epochSeconds(closed.startDate().orElseThrow()))
          .put("stopDate", epochSeconds(closed.stopDate().orElseThrow()))
          .set("input", started.input());
      closed.output().ifPresent(output -> data.set("output", output));
      closed.error().ifPresent(error -> data.put("error", error));
      closed.cause().ifPresent(cause -> data.put("cause", cause));
      return new CloseReply(requestId, data);
    });
  }

  private static BigDecimal epochSeconds(Instant instant) {
    return BigDecimal.valueOf(instant.toEpochMilli()).movePointLeft(3);
  }
}
