package dev.stepfold.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.codec.AvroCodec;
import dev.stepfold.engine.ExecutionDecider;
import dev.stepfold.engine.StepfoldDecider;
import dev.stepfold.schemas.HistoryEventRecord;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** The executions a running runtime stores, read through interactive queries with the processor's own store code. */
final class StoredExecutions {
  private StoredExecutions() {}

  static ExecutionStore of(StepfoldRuntime runtime, ExecutionDecider decider) {
    return new ExecutionStore(readOnly(runtime, StepfoldTopology.EXECUTIONS_STORE), readOnly(runtime, StepfoldTopology.EXECUTION_INDEX_STORE),
        decider, ExecutionSnapshots.parsingDefinitions(), 0);
  }

  /**
   * The check every integration test that creates executions makes at its end: the history topic of each execution
   * ({@code historyTopic}, read with read_committed) is what the history store holds once it caught up, and folding it
   * gives exactly the snapshot in the executions store, which the processor loads instead of folding.
   */
  static void assertFoldsToTheStoredState(StepfoldRuntime runtime, Map<String, List<HistoryEventRecord>> historyTopic) {
    var codec = AvroCodec.parsingDefinitions();
    var decider = new StepfoldDecider();
    var stored = of(runtime, decider);
    historyTopic.forEach((key, records) -> {
      var executionArn = new ExecutionArn(key);
      var fromTopic = records.stream().map(codec::event).toList();
      Awaitility.await().atMost(BrokerFixture.PATIENCE).untilAsserted(() ->
          assertThat(new HistoryStore(readOnly(runtime, StepfoldTopology.HISTORY_STORE), codec).events(executionArn)).as(key).isEqualTo(fromTopic));
      var folded = decider.initialState();
      for (var event : fromTopic) {
        folded = decider.evolve(folded, event);
      }
      assertThat(stored.stored(executionArn)).as("the snapshot of %s", key).contains(folded);
    });
  }

  private static KeyValueStore<String, byte[]> readOnly(StepfoldRuntime runtime, String storeName) {
    ReadOnlyKeyValueStore<String, byte[]> store = runtime.streams().store(
        StoreQueryParameters.fromNameAndType(storeName, QueryableStoreTypes.keyValueStore()));
    return readOnly(store);
  }

  /** The store as a {@link KeyValueStore} whose reads work and whose writes fail: what ExecutionStore's reads need. */
  @SuppressWarnings("unchecked")
  private static KeyValueStore<String, byte[]> readOnly(ReadOnlyKeyValueStore<String, byte[]> store) {
    return (KeyValueStore<String, byte[]>) Proxy.newProxyInstance(StoredExecutions.class.getClassLoader(), new Class<?>[] {KeyValueStore.class},
        (proxy, method, args) -> {
          if (!method.getDeclaringClass().isInstance(store)) {
            throw new UnsupportedOperationException("Expected a read of a store, but got " + method.getName());
          }
          try {
            return method.invoke(store, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
