package dev.stepfold.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.codec.AvroCodec;
import dev.stepfold.codec.HistoryFold;
import dev.stepfold.engine.ExecutionDecider;
import dev.stepfold.engine.StepfoldDecider;
import dev.stepfold.schemas.HistoryEventRecord;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.awaitility.Awaitility;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** The executions a running runtime stores, read through interactive queries with the processor's own store code. */
final class StoredExecutions {
  private static final AvroCodec CODEC = AvroCodec.parsingDefinitions();

  private StoredExecutions() {}

  static ExecutionStore of(StepfoldRuntime runtime, ExecutionDecider decider) {
    return new ExecutionStore(readOnly(runtime, StepfoldTopology.EXECUTIONS_STORE), readOnly(runtime, StepfoldTopology.EXECUTION_INDEX_STORE),
        decider, ExecutionSnapshots.parsingDefinitions(), 0);
  }

  /**
   * The check every integration test that creates executions makes before its runtimes stop: for every execution on
   * the history topic (read to its end with read_committed), the instance that owns it has that history in its history
   * store once the store caught up, and folding the history gives exactly the snapshot in its executions store, which
   * the processor loads instead of folding. With several instances ({@code runtimes}), each execution is checked on
   * the one that holds it. Executions still running are read again until topic and stores agree.
   */
  static void assertEveryExecutionFoldsToItsSnapshot(StepfoldRuntime... runtimes) {
    var topic = runtimes[0].topics().history();
    Awaitility.await().atMost(BrokerFixture.PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
        assertFoldsToTheStoredState(historyTopic(runtimes[0].bootstrapServers(), topic.name(), topic.valueSerde().deserializer()), runtimes));
  }

  private static void assertFoldsToTheStoredState(Map<String, List<HistoryEventRecord>> historyTopic, StepfoldRuntime... runtimes) {
    var decider = new StepfoldDecider();
    var history = new HistoryFold(CODEC, decider);
    historyTopic.forEach((key, records) -> {
      var executionArn = new ExecutionArn(key);
      var fromTopic = history.lastRun(records);
      var owner = Arrays.stream(runtimes).filter(runtime -> readOnly(runtime, StepfoldTopology.EXECUTIONS_STORE).get(key) != null).findFirst();
      assertThat(owner).as("an instance whose executions store holds %s", key).isPresent();
      assertThat(new HistoryStore(readOnly(owner.get(), StepfoldTopology.HISTORY_STORE), CODEC).events(executionArn))
          .as("the history store's history of %s", key).isEqualTo(fromTopic);
      assertThat(of(owner.get(), decider).stored(executionArn)).as("the snapshot of %s", key).contains(history.fold(records));
    });
  }

  /** The history topic from its start to its end, read_committed, by key; tombstones left out. */
  static Map<String, List<HistoryEventRecord>> historyTopic(String bootstrapServers, String topic, Deserializer<HistoryEventRecord> values) {
    var byKey = new LinkedHashMap<String, List<HistoryEventRecord>>();
    for (var record : TopicContents.readAll(bootstrapServers, topic, values)) {
      if (record.value() != null) {
        byKey.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(record.value());
      }
    }
    return byKey;
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
