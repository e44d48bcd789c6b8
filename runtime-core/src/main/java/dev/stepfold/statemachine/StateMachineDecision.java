package dev.stepfold.statemachine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.stepfold.engine.Reply;
import dev.stepfold.error.ApiError;
import java.util.List;
import java.util.Objects;

/**
 * What a state machine command does: the records to keep (the new current revision and, when one is published, the new
 * version; none when it was refused or repeated), the keys to delete (versions, {@code <ARN>:<version>}; the state
 * machine itself once its deletion is complete), the partitions to ask whether executions of it still run (a
 * deletion's {@code CheckStateMachineExecutions}), and the reply.
 */
public record StateMachineDecision(List<StateMachine> written, List<String> deleted, List<Integer> executionChecks, Reply reply) {
  public StateMachineDecision {
    written = List.copyOf(written);
    deleted = List.copyOf(deleted);
    executionChecks = List.copyOf(executionChecks);
    Objects.requireNonNull(reply, "reply");
  }

  public StateMachineDecision(List<StateMachine> written, Reply reply) {
    this(written, List.of(), List.of(), reply);
  }

  static StateMachineDecision rejected(ApiError error, String message) {
    return new StateMachineDecision(List.of(), new Reply.Rejected(error, message));
  }

  /** Accepted with {@code data}, changing nothing. */
  static StateMachineDecision unchanged(JsonNode data) {
    return new StateMachineDecision(List.of(), new Reply.Accepted(data));
  }

  /** Accepted with the empty output of a delete or tag operation. */
  static StateMachineDecision done(List<StateMachine> written, List<String> deleted) {
    return new StateMachineDecision(written, deleted, List.of(), new Reply.Accepted(JsonNodeFactory.instance.objectNode()));
  }
}
