package dev.stepfold.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.asl.StateMachineDefinition;
import java.util.Objects;
import java.util.Optional;

/**
 * stepfold's redrive after a fix, beyond AWS: the execution continues in another published version of its state
 * machine ({@code onto}), from a state that already ran in its top level ({@code fromState}), and with a corrected
 * input for the states that run again ({@code input}). A RedriveExecution carries it; its {@code ExecutionRedriven}
 * records it, so that the fold switches to the version and the entry state and inputs the redrive chose.
 */
public record RedriveFix(Optional<Version> onto, Optional<String> fromState, Optional<InputCorrection> input) {
  public static final RedriveFix NONE = new RedriveFix(Optional.empty(), Optional.empty(), Optional.empty());

  public RedriveFix {
    Objects.requireNonNull(onto, "onto");
    Objects.requireNonNull(fromState, "fromState");
    Objects.requireNonNull(input, "input");
  }

  public boolean isNone() {
    return onto.isEmpty() && fromState.isEmpty() && input.isEmpty();
  }

  /** The version the execution runs from the redrive on, reached by its version ARN or through an alias. */
  public record Version(String stateMachineVersionArn, Optional<String> stateMachineAliasArn, StateMachineDefinition definition) {
    public Version {
      Objects.requireNonNull(stateMachineVersionArn, "stateMachineVersionArn");
      Objects.requireNonNull(stateMachineAliasArn, "stateMachineAliasArn");
      Objects.requireNonNull(definition, "definition");
    }
  }

  /** The input the states that run again get instead of the one they had: all of it, or a JSON merge patch (RFC 7386) of it. */
  public sealed interface InputCorrection {
    JsonNode value();

    /** The input a state that had {@code input} gets. */
    JsonNode applyTo(JsonNode input);

    /** The whole input or the merge patch a redrive names, not both; {@link IllegalArgumentException} for both, or a patch that is no object. */
    static Optional<InputCorrection> of(Optional<JsonNode> input, Optional<JsonNode> inputMerge) {
      if (input.isPresent() && inputMerge.isPresent()) {
        throw new IllegalArgumentException("Expected input or inputMerge to correct the input of the states that run again, but got both");
      }
      return input.<InputCorrection>map(Replace::new).or(() -> inputMerge.map(Merge::new));
    }

    record Replace(JsonNode value) implements InputCorrection {
      public Replace {
        Objects.requireNonNull(value, "value");
      }

      @Override
      public JsonNode applyTo(JsonNode input) {
        return value;
      }
    }

    /** A merge patch is a JSON object: its members replace those of the input, and a null member removes one. */
    record Merge(JsonNode value) implements InputCorrection {
      public Merge {
        Objects.requireNonNull(value, "value");
        if (!value.isObject()) {
          throw new IllegalArgumentException("Expected the input merge to be a JSON object, but it is " + value.getNodeType());
        }
      }

      @Override
      public JsonNode applyTo(JsonNode input) {
        return merge(input, value);
      }

      private static JsonNode merge(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
          return patch;
        }
        var merged = target.isObject() ? ((ObjectNode) target).deepCopy() : JsonNodeFactory.instance.objectNode();
        patch.fields().forEachRemaining(member -> {
          if (member.getValue().isNull()) {
            merged.remove(member.getKey());
          } else {
            merged.set(member.getKey(), merge(merged.path(member.getKey()), member.getValue()));
          }
        });
        return merged;
      }
    }
  }
}
