package dev.stepfold.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepfold.arn.ArnFormat;
import dev.stepfold.schemas.EventType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a real broker, exactly-once, three partitions, a retention of a few seconds: 10,000 executions finish, and once the
 * wall clock has passed their retention no store holds anything of them, and the latest record of every key of every
 * changelog is a tombstone.
 */
class RetentionIntegrationTest {
  private static final String TENANT = "retention";
  private static final int EXECUTIONS = 10_000;
  private static final String DONE = """
      {"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}}""";

  @TempDir
  Path dataDir;

  @Test
  @Timeout(180)
  void shouldDeleteTenThousandFinishedExecutionsFromEveryStoreAndChangelogOnceTheirRetentionEnded() throws Exception {
    var orders = ArnFormat.DEFAULT.stateMachine("orders");
    var starts = new LinkedHashMap<String, String>();
    IntStream.range(0, EXECUTIONS).mapToObj(i -> orders.execution("order-" + i).value()).forEach(executionArn -> starts.put(executionArn, """
        {"requestId": "start-%s", "executionArn": "%s", "command": {"StartExecution": {"stateMachineArn": "%s",
          "roleArn": "arn:aws:iam::111111111111:role/stepfold", "definition": %s, "input": {}}}}""".formatted(executionArn, executionArn, orders, DONE)));
    var settings = Map.of(
        StepfoldConfig.RETENTION_MS, "3000",
        StepfoldConfig.RETENTION_INTERVAL_MS, "200",
        "stepfold.topic.history.config.retention.ms", "-1");   // the topic keeps what this test reads back
    try (var broker = BrokerFixture.start(dataDir);
        var runtime = broker.runtime(TENANT, settings);
        var history = broker.history(runtime)) {
      broker.sendJsonAll(TENANT, starts);

      var events = history.readUntil(byKey -> byKey.size() == EXECUTIONS
          && byKey.values().stream().allMatch(e -> e.get(e.size() - 1).getType() == EventType.ExecutionSucceeded));
      assertThat(events).containsOnlyKeys(starts.keySet());

      Awaitility.await().atMost(BrokerFixture.PATIENCE).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
          .untilAsserted(() -> assertThat(storedEntries(runtime)).as("entries of every store, by store").isEmpty());
      try (var changelogs = new Changelogs(broker.bootstrapServers(), "stepfold-" + TENANT + "-", runtime.topics().history().name())) {
        Awaitility.await().atMost(BrokerFixture.PATIENCE).pollInterval(Duration.ofMillis(500))
            .untilAsserted(() -> assertThat(changelogs.readOn().liveKeys()).as("keys whose latest record is not a tombstone, by changelog").isEmpty());
        assertThat(changelogs.keysWritten(StepfoldTopology.EXECUTIONS_STORE)).isEqualTo(EXECUTIONS);
        assertThat(changelogs.keysWritten(StepfoldTopology.HISTORY_STORE)).as("executions on the history topic").isEqualTo(EXECUTIONS);
        assertThat(changelogs.keysWritten(StepfoldTopology.EXECUTION_INDEX_STORE)).isEqualTo(EXECUTIONS);
        assertThat(changelogs.keysWritten(RetentionNodes.RETENTION_STORE)).isEqualTo(EXECUTIONS);
      }
    }
  }

  /** How many entries each store of the runtime holds, of those that hold any; global stores (definitions, activities) aside. */
  private static Map<String, Long> storedEntries(StepfoldRuntime runtime) {
    var held = new TreeMap<String, Long>();
    var global = List.of(StateMachineAndMapRunNodes.STATE_MACHINES_STORE, ActivityNodes.ACTIVITY_DIRECTORY_STORE);
    var names = StepfoldTopology.build(runtime.topics(), StepfoldConfig.of(Map.of())).describe().subtopologies().stream()
        .flatMap(subtopology -> subtopology.nodes().stream())
        .flatMap(node -> node instanceof TopologyDescription.Processor processor ? processor.stores().stream() : Stream.empty())
        .distinct().toList();
    for (var name : names) {
      if (global.contains(name)) {
        continue;
      }
      ReadOnlyKeyValueStore<String, Object> store = runtime.streams().store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore()));
      long entries = 0;
      try (var all = store.all()) {
        while (all.hasNext()) {
          all.next();
          entries++;
        }
      }
      if (entries > 0) {
        held.put(name, entries);
      }
    }
    return held;
  }

  /**
   * Every changelog of the application, and the history topic, which is the history store's (it has none of its own),
   * read from their beginning read_committed: the latest record of each key.
   */
  private static final class Changelogs implements AutoCloseable {
    private final String applicationPrefix;
    private final String historyTopic;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, Map<String, Boolean>> liveByChangelog = new TreeMap<>();

    Changelogs(String bootstrapServers, String applicationPrefix, String historyTopic) throws Exception {
      this.applicationPrefix = applicationPrefix;
      this.historyTopic = historyTopic;
      List<String> topics;
      try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
        topics = admin.listTopics().names().get().stream().filter(t -> t.startsWith(applicationPrefix) && t.endsWith("-changelog")).sorted().toList();
      }
      assertThat(topics).as("changelogs").contains(changelog(StepfoldTopology.EXECUTIONS_STORE), changelog(StepfoldTopology.EXECUTION_INDEX_STORE),
          changelog(RetentionNodes.RETENTION_STORE)).doesNotContain(applicationPrefix + StepfoldTopology.HISTORY_STORE + "-changelog");
      topics = Stream.concat(topics.stream(), Stream.of(historyTopic)).toList();
      consumer = new KafkaConsumer<>(Map.<String, Object>of(
          ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
          ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
          ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
          ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000), new StringDeserializer(), new ByteArrayDeserializer());
      var partitions = topics.stream().flatMap(topic -> consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())))
          .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      topics.forEach(topic -> liveByChangelog.put(topic, new HashMap<>()));
    }

    /** Reads on to the end each partition has now (its last stable offset). */
    Changelogs readOn() {
      var ends = consumer.endOffsets(consumer.assignment());
      while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
        for (var record : consumer.poll(Duration.ofMillis(200))) {
          liveByChangelog.get(record.topic()).put(record.key(), record.value() != null);
        }
      }
      return this;
    }

    /** The keys whose latest record is not a tombstone, by changelog, of those that have any. */
    Map<String, List<String>> liveKeys() {
      var live = new TreeMap<String, List<String>>();
      liveByChangelog.forEach((topic, keys) -> {
        var alive = keys.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).sorted().limit(5).toList();
        if (!alive.isEmpty()) {
          live.put(topic, alive);
        }
      });
      return live;
    }

    /** How many keys the store's changelog has had records of. */
    int keysWritten(String storeName) {
      return liveByChangelog.get(changelog(storeName)).size();
    }

    private String changelog(String storeName) {
      return storeName.equals(StepfoldTopology.HISTORY_STORE) ? historyTopic : applicationPrefix + storeName + "-changelog";
    }

    @Override
    public void close() {
      consumer.close();
    }
  }
}
