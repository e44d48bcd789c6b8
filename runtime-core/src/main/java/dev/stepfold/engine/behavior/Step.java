package dev.stepfold.engine.behavior;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/** What follows a state's turn: enter the next state with its input, or stop until a task, a timer or nothing. */
sealed interface Step {
  Step HALT = new Halt();

  record Next(String stateName, JsonNode input) implements Step {
    public Next {
      Objects.requireNonNull(stateName, "stateName");
      Objects.requireNonNull(input, "input");
    }
  }

  record Halt() implements Step {}
}
