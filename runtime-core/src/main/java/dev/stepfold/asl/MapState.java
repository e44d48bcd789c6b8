package dev.stepfold.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * A Map, inline or distributed. {@code itemProcessor} is {@code ItemProcessor} (or the older {@code Iterator});
 * {@code itemSelector} is {@code ItemSelector} (or the older {@code Parameters}). {@code itemsPath} follows
 * {@link StateIo}'s path convention. ItemReader, ItemBatcher and ResultWriter are kept as written.
 */
public record MapState(
    String name,
    QueryLanguage queryLanguage,
    StateIo io,
    StateGraph itemProcessor,
    ProcessorMode mode,
    Optional<ExecutionType> executionType,
    Optional<String> itemsPath,
    Optional<JsonNode> items,
    Optional<JsonNode> itemSelector,
    Optional<ValueSource> maxConcurrency,
    Optional<ValueSource> toleratedFailurePercentage,
    Optional<ValueSource> toleratedFailureCount,
    Optional<String> label,
    Optional<JsonNode> itemReader,
    Optional<JsonNode> itemBatcher,
    Optional<JsonNode> resultWriter,
    List<Retrier> retry,
    List<Catcher> catchers,
    Transition transition) implements AslState {
  public enum ProcessorMode { INLINE, DISTRIBUTED }

  public MapState {
    retry = List.copyOf(retry);
    catchers = List.copyOf(catchers);
  }

  @Override
  public String typeName() {
    return "Map";
  }
}
