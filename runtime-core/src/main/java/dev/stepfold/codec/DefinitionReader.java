package dev.stepfold.codec;

import dev.stepfold.asl.ExecutionType;
import dev.stepfold.asl.StateMachineDefinition;
import dev.stepfold.asl.parse.DefinitionParser;
import dev.stepfold.asl.parse.ParsedDefinition;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Turns the ASL JSON text a record carries back into the definition it was made from. Records on the topics carry
 * definitions that were validated when the execution started, so an invalid one is a bug, not an expected outcome.
 */
@FunctionalInterface
public interface DefinitionReader {
  StateMachineDefinition read(String document, ExecutionType executionType);

  /** Reads with {@link DefinitionParser}, as CreateStateMachine validates. */
  static DefinitionReader parsing() {
    return (document, executionType) -> {
      var parsed = DefinitionParser.parse(document, executionType);
      if (parsed instanceof ParsedDefinition.Valid valid) {
        return valid.definition();
      }
      throw new IllegalStateException(
          "Expected a recorded definition to be valid, but " + ((ParsedDefinition.Invalid) parsed).message());
    };
  }

  /**
   * This reader, remembering the last {@code capacity} definitions it read: every event and command of an execution
   * carries the same text, and parsing it again for each would be waste. Safe for concurrent use.
   */
  default DefinitionReader cached(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("Expected a capacity of 1 or more, but got " + capacity);
    }
    record Key(String document, ExecutionType executionType) {}
    var read = this;
    var recent = new LinkedHashMap<Key, StateMachineDefinition>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Key, StateMachineDefinition> eldest) {
        return size() > capacity;
      }
    };
    return (document, executionType) -> {
      var key = new Key(Objects.requireNonNull(document, "document"), Objects.requireNonNull(executionType, "executionType"));
      synchronized (recent) {
        var known = recent.get(key);
        if (known != null) {
          return known;
        }
      }
      var definition = read.read(document, executionType);   // outside the lock: parsing may take a while
      synchronized (recent) {
        recent.put(key, definition);
      }
      return definition;
    };
  }
}
