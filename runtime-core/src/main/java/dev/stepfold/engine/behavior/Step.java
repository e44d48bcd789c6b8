package dev.stepfold.engine.behavior;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepfold.history.ScopePath;
import java.util.Objects;

/** What follows a state's turn: enter a state of some scope with its input, or stop until a task, a timer or nothing. */
sealed interface Step {
  Step HALT = new Halt();

  record Next(ScopePath scope, String stateName, JsonNode input) implements Step {
    public Next {
      Objects.requireNonNull(scope, "scope");
      Objects.requireNonNull(stateName, "stateName");
      Objects.requireNonNull(input, "input");
    }
  }

  record Halt() implements Step {}
}
