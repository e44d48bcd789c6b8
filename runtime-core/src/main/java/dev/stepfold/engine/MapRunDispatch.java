package dev.stepfold.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.arn.MapRunArn;
import dev.stepfold.asl.ExecutionType;
import dev.stepfold.asl.StateMachineDefinition;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A Distributed Map started a map run: one child execution per item (or per batch), at most {@code maxConcurrency} at
 * a time. The map run answers the parent with {@link Command.CompleteMapRun} when it ends.
 *
 * @param items the input of each child, in item order
 * @param childDefinition what every child runs: the Map's item processor
 */
public record MapRunDispatch(
    MapRunArn mapRunArn,
    ExecutionArn parentExecutionArn,
    String stateName,
    List<JsonNode> items,
    StateMachineDefinition childDefinition,
    ExecutionType childExecutionType,
    int maxConcurrency,
    OptionalLong toleratedFailureCount,
    OptionalDouble toleratedFailurePercentage,
    String roleArn) {
  /** AWS's limit, and what MaxConcurrency 0 means for a Distributed Map. */
  public static final int MAX_CONCURRENCY = 10_000;

  public MapRunDispatch {
    Objects.requireNonNull(mapRunArn, "mapRunArn");
    Objects.requireNonNull(parentExecutionArn, "parentExecutionArn");
    Objects.requireNonNull(stateName, "stateName");
    items = List.copyOf(items);
    Objects.requireNonNull(childDefinition, "childDefinition");
    Objects.requireNonNull(childExecutionType, "childExecutionType");
    Objects.requireNonNull(toleratedFailureCount, "toleratedFailureCount");
    Objects.requireNonNull(toleratedFailurePercentage, "toleratedFailurePercentage");
    Objects.requireNonNull(roleArn, "roleArn");
  }

  /** The dispatch with the settings UpdateMapRun changes; an empty one stays, a MaxConcurrency of 0 is {@link #MAX_CONCURRENCY}. */
  public MapRunDispatch updated(OptionalInt newMaxConcurrency, OptionalLong newToleratedFailureCount, OptionalDouble newToleratedFailurePercentage) {
    int concurrency = newMaxConcurrency.isEmpty() ? maxConcurrency : newMaxConcurrency.getAsInt() == 0 ? MAX_CONCURRENCY : newMaxConcurrency.getAsInt();
    return new MapRunDispatch(mapRunArn, parentExecutionArn, stateName, items, childDefinition, childExecutionType, concurrency,
        newToleratedFailureCount.isPresent() ? newToleratedFailureCount : toleratedFailureCount,
        newToleratedFailurePercentage.isPresent() ? newToleratedFailurePercentage : toleratedFailurePercentage, roleArn);
  }
}
