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
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** The executions a running runtime stores, read through interactive queries with the processor's own store code. */
final class StoredExecutions {
  private StoredExecutions() {}

  static ExecutionStore of(StepfoldRuntime runtime, ExecutionDecider decider, AvroCodec codec) {
    return new ExecutionStore(readOnly(runtime, StepfoldTopology.EXECUTIONS_STORE), readOnly(runtime, StepfoldTopology.HISTORY_STORE),
        readOnly(runtime, StepfoldTopology.EXECUTION_INDEX_STORE), decider, codec, 0);
  }

  /** The history topic of each execution is the history stored, and folding it gives the state the processor loads. */
  static void assertFoldsToTheStoredState(StepfoldRuntime runtime, Map<String, List<HistoryEventRecord>> historyTopic) {
    var codec = AvroCodec.parsingDefinitions();
    var decider = new StepfoldDecider();
    var stored = of(runtime, decider, codec);
    historyTopic.forEach((key, records) -> {
      var executionArn = new ExecutionArn(key);
      var fromTopic = records.stream().map(codec::event).toList();
      assertThat(stored.events(executionArn)).as(key).isEqualTo(fromTopic);
      var folded = decider.initialState();
      for (var event : fromTopic) {
        folded = decider.evolve(folded, event);
      }
      assertThat(folded).as(key).isEqualTo(stored.load(executionArn));
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
