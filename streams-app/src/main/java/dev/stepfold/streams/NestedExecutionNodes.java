package dev.stepfold.streams;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The stores of {@link NestedExecutions}, on the execution processor (changelogged):
 * <ul>
 *   <li>{@code nested-parents}: the parent task of each running {@code .sync} child, on the task that owns the child;
 *   <li>{@code nested-children}: the child of each {@code .sync} task in flight, by task token, on the task that owns the parent.
 * </ul>
 * What they send goes through the commands sink of {@link StateMachineAndMapRunNodes}.
 */
final class NestedExecutionNodes {
  static final String NESTED_PARENTS_STORE = "nested-parents";
  static final String NESTED_CHILDREN_STORE = "nested-children";

  private NestedExecutionNodes() {}

  static void addTo(Topology topology, String processor) {
    topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(NESTED_PARENTS_STORE), Serdes.String(), Serdes.String()),
        processor);
    topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(NESTED_CHILDREN_STORE), Serdes.String(), Serdes.String()),
        processor);
  }
}
