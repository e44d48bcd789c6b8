package dev.stepfold.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;

/** One element of a Choice state's {@code Choices}: a rule, where to go when it matches, and what to assign. */
public record Choice(ChoiceRule rule, String next, Optional<JsonNode> assign, Optional<JsonNode> output) {
  public Choice {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(next, "next");
  }
}
