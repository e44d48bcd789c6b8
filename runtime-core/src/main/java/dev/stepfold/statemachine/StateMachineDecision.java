package dev.stepfold.statemachine;

import dev.stepfold.engine.Reply;
import java.util.List;
import java.util.Objects;

/**
 * What a state machine command does: the records to keep (the new current revision and, when one is published, the
 * new version; none when it was refused or repeated), and the reply.
 */
public record StateMachineDecision(List<StateMachine> written, Reply reply) {
  public StateMachineDecision {
    written = List.copyOf(written);
    Objects.requireNonNull(reply, "reply");
  }
}
