package dev.stepfold.streams;

import dev.stepfold.engine.RedriveEligibility;
import dev.stepfold.arn.ArnFormat;
import dev.stepfold.engine.NestedRedrive;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyConfig;

/**
 * The runtime's configuration: stepfold's own keys start with {@code stepfold.}, the registry's with
 * {@code schema.registry.}; every other key goes to Kafka Streams (and through it to its clients) as it is.
 *
 * <p>Sources, later ones winning: the defaults below, a properties file, environment variables. A variable
 * {@code STEPFOLD_<NAME>} sets the key made of {@code <name>} in lower case with {@code _} read as {@code .}, or, when
 * that is one of stepfold's own keys without its prefix, that key: {@code STEPFOLD_BOOTSTRAP_SERVERS} sets
 * {@code bootstrap.servers}, {@code STEPFOLD_SCHEMA_REGISTRY_URL} sets {@code schema.registry.url} and
 * {@code STEPFOLD_TOPIC_PREFIX} sets {@code stepfold.topic.prefix}.
 */
public final class StepfoldConfig {
  public static final String TOPIC_PREFIX = "stepfold.topic.prefix";
  public static final String TOPIC_PARTITIONS = "stepfold.topic.partitions";
  public static final String TOPIC_REPLICATION_FACTOR = "stepfold.topic.replication.factor";
  public static final String TIMERS_INTERVAL_MS = "stepfold.timers.interval.ms";
  public static final String TIMERS_MAX_PER_PUNCTUATION = "stepfold.timers.max.per.punctuation";
  /** After a task starts, how long without a command it takes for its timers to fire at wall-clock time again ({@link TimerGate}). */
  public static final String TIMERS_CATCH_UP_QUIET_MS = "stepfold.timers.catch.up.quiet.ms";
  public static final String EXECUTIONS_CACHE_SIZE = "stepfold.executions.cache.size";
  /**
   * How long a closed execution (its history, its entries in the stores), a closed map run and a finished bulk redrive
   * are kept before they are deleted (AWS: 90 days); {@code -1} keeps them for good.
   */
  public static final String RETENTION_MS = "stepfold.retention.ms";
  /**
   * What a parent's redrive does with the failed child of a {@code .sync} StartExecution task: {@code start-again} (as
   * AWS: a new child) or {@code redrive-child} (the child itself is redriven and keeps its history).
   */
  public static final String REDRIVE_NESTED_EXECUTIONS = "stepfold.redrive.nested.executions";
  /** How often each task deletes what its retention period has passed ({@link Retention}). */
  public static final String RETENTION_INTERVAL_MS = "stepfold.retention.interval.ms";
  /**
   * About how many store entries (history events, summaries, ...) each task deletes at a time, so that a backlog does not
   * stall it: the execution that reaches the number is the last (it is deleted whole).
   */
  public static final String RETENTION_MAX_DELETES_PER_PUNCTUATION = "stepfold.retention.max.deletes.per.punctuation";
  /** {@code true}: every history event is also written to {@code stepfold.history-json}, as GetExecutionHistory shows it. */
  public static final String HISTORY_JSON = "stepfold.history.json";
  public static final String DATA_DIR = "stepfold.data.dir";
  /**
   * The instance's stable name, its static group membership ({@code group.instance.id} {@code <application.id>-<name>});
   * by default made on first start and kept in {@code <data dir>/instance-name}. Two running instances must never share it.
   */
  public static final String INSTANCE_NAME = "stepfold.instance.name";
  public static final String EMBEDDED_KAFKA_PORT = "stepfold.embedded.kafka.port";
  public static final String EMBEDDED_REGISTRY_PORT = "stepfold.embedded.registry.port";
  /** The host this instance's internal read endpoint listens on and is known by ({@code application.server}). */
  public static final String READS_HOST = "stepfold.reads.host";
  /** The port of the internal read endpoint; 0 for any free port. */
  public static final String READS_PORT = "stepfold.reads.port";
  /** How long a read waits for stores that move between instances, and for another instance to answer. */
  public static final String READS_TIMEOUT_MS = "stepfold.reads.timeout.ms";
  public static final String READS_THREADS = "stepfold.reads.threads";
  /** The AWS region written into the ARNs stepfold makes, and the region SigV4 signatures must be scoped to. */
  public static final String REGION = "stepfold.region";
  /** The 12-digit AWS account written into the ARNs stepfold makes. */
  public static final String ACCOUNT = "stepfold.account";
  /** The host the AWS API listens on. */
  public static final String API_HOST = "stepfold.api.host";
  /** The port of the AWS API; 0 for any free port. */
  public static final String API_PORT = "stepfold.api.port";
  public static final String API_THREADS = "stepfold.api.threads";
  /** How long an operation waits for the reply to its command before answering {@code ServiceUnavailable}. */
  public static final String API_REPLY_TIMEOUT_MS = "stepfold.api.reply.timeout.ms";
  /** The largest request body the API reads; a larger one is {@code RequestEntityTooLargeException}. */
  public static final String API_MAX_BODY_BYTES = "stepfold.api.max.body.bytes";
  /** With an access key id and its secret (or {@link #API_CREDENTIALS}), requests must carry a valid SigV4 signature. */
  public static final String API_ACCESS_KEY_ID = "stepfold.api.access.key.id";
  public static final String API_SECRET_ACCESS_KEY = "stepfold.api.secret.access.key";
  /** Several key pairs: {@code <access key id>:<secret>} separated by commas. */
  public static final String API_CREDENTIALS = "stepfold.api.credentials";
  /** How long a GetActivityTask waits for a task before answering none (AWS: 60 s); each waiting poll holds an API thread. */
  public static final String API_ACTIVITY_POLL_MS = "stepfold.api.activity.poll.ms";
  /** A mock configuration file (Step Functions Local's format) for executions started with {@code stateMachineArn#TestCase}. */
  public static final String TASKS_MOCK_CONFIG = "stepfold.tasks.mock.config";
  /** The environment variable Step Functions Local reads the mock configuration's path from; it sets {@link #TASKS_MOCK_CONFIG}. */
  public static final String SFN_MOCK_CONFIG_VARIABLE = "SFN_MOCK_CONFIG";
  public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
  public static final String SCHEMA_REGISTRY_BASIC_AUTH = "schema.registry.basic.auth.user.info";

  private static final String OWN_PREFIX = "stepfold.";
  private static final String REGISTRY_PREFIX = "schema.registry.";
  private static final String[] OWN_KEYS = {
      TOPIC_PREFIX, TOPIC_PARTITIONS, TOPIC_REPLICATION_FACTOR, TIMERS_INTERVAL_MS, TIMERS_MAX_PER_PUNCTUATION, TIMERS_CATCH_UP_QUIET_MS,
      EXECUTIONS_CACHE_SIZE, RETENTION_MS, REDRIVE_NESTED_EXECUTIONS, RETENTION_INTERVAL_MS, RETENTION_MAX_DELETES_PER_PUNCTUATION, HISTORY_JSON, DATA_DIR,
      INSTANCE_NAME, EMBEDDED_KAFKA_PORT, EMBEDDED_REGISTRY_PORT,
      READS_HOST, READS_PORT, READS_TIMEOUT_MS, READS_THREADS, REGION, ACCOUNT, API_HOST, API_PORT, API_THREADS,
      API_REPLY_TIMEOUT_MS, API_MAX_BODY_BYTES, API_ACCESS_KEY_ID, API_SECRET_ACCESS_KEY, API_CREDENTIALS, API_ACTIVITY_POLL_MS, TASKS_MOCK_CONFIG,
      "stepfold.tasks.threads", "stepfold.tasks.http.timeout.max.seconds", "stepfold.tasks.lambda.timeout.max.seconds"};

  /**
   * Sized for two cores: two stream threads, so that after a restart the tasks' stores are opened two at a time (the
   * longest part of a restart after a crash; throughput is the same as with one), and short commits (a reply is
   * readable only after its transaction commits).
   * Chosen for recovery: with static membership a restarted instance takes its partitions back at once, so the
   * session timeout only says how soon the partitions of an instance that does not come back move to the others
   * (10 s, not the 45 s default). Transactional state stores (KIP-892) commit a store's writes with the transaction
   * of its changelog, so that after a crash under exactly-once a store is kept and only the writes since its last
   * commit are replayed, instead of being wiped and restored from its whole changelog; a restore reads the changelogs
   * in large batches. A task reads the commands and, for the history store, the history topic it writes itself; the
   * two need no order between them, so a task never waits to fetch one before processing the other
   * ({@code max.task.idle.ms} -1). A record a global store's topic holds that does not read is skipped
   * ({@link SkipUnreadableRecords}).
   */
  private static final Map<String, String> DEFAULTS = Map.ofEntries(
      Map.entry(StreamsConfig.APPLICATION_ID_CONFIG, "stepfold"),
      Map.entry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2),
      Map.entry(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "2"),
      Map.entry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100"),
      Map.entry(StreamsConfig.TRANSACTIONAL_STATE_STORES_CONFIG, "true"),
      Map.entry(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, "-1"),
      Map.entry(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, SkipUnreadableRecords.class.getName()),
      Map.entry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "10000"),
      Map.entry(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "2000"),
      Map.entry(StreamsConfig.restoreConsumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), "5000"),
      Map.entry(TOPIC_PREFIX, ""),
      Map.entry(TOPIC_PARTITIONS, "6"),
      Map.entry(TIMERS_INTERVAL_MS, "1000"),
      Map.entry(TIMERS_MAX_PER_PUNCTUATION, "1000"),
      Map.entry(TIMERS_CATCH_UP_QUIET_MS, "2000"),
      Map.entry(EXECUTIONS_CACHE_SIZE, "10000"),
      Map.entry(RETENTION_MS, Long.toString(Duration.ofDays(90).toMillis())),
      Map.entry(REDRIVE_NESTED_EXECUTIONS, "start-again"),
      Map.entry(RETENTION_INTERVAL_MS, "1000"),
      Map.entry(RETENTION_MAX_DELETES_PER_PUNCTUATION, "10000"),
      Map.entry(HISTORY_JSON, "false"),
      Map.entry(DATA_DIR, "stepfold-data"),
      Map.entry(READS_HOST, "localhost"),
      Map.entry(READS_PORT, "0"),
      Map.entry(READS_TIMEOUT_MS, "10000"),
      Map.entry(READS_THREADS, "8"),
      Map.entry(REGION, ArnFormat.DEFAULT.region()),
      Map.entry(ACCOUNT, ArnFormat.DEFAULT.account()),
      Map.entry(API_HOST, "localhost"),
      Map.entry(API_PORT, "8083"),
      Map.entry(API_THREADS, "64"),
      Map.entry(API_REPLY_TIMEOUT_MS, "20000"),
      Map.entry(API_MAX_BODY_BYTES, Integer.toString(8 * 1024 * 1024)),
      Map.entry(API_ACTIVITY_POLL_MS, "60000"));

  private final Map<String, String> values;

  private StepfoldConfig(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  /** The defaults overridden by {@code overrides}. */
  public static StepfoldConfig of(Map<String, String> overrides) {
    var values = new HashMap<>(DEFAULTS);
    values.putAll(overrides);
    return new StepfoldConfig(values);
  }

  /** The defaults, then the file (if any), then the environment. */
  public static StepfoldConfig load(Optional<Path> file, Map<String, String> environment) throws IOException {
    var values = new HashMap<>(DEFAULTS);
    if (file.isPresent()) {
      var properties = new Properties();
      try (Reader in = Files.newBufferedReader(file.get())) {
        properties.load(in);
      }
      properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key).trim()));
    }
    values.putAll(fromEnvironment(environment));
    return new StepfoldConfig(values);
  }

  static Map<String, String> fromEnvironment(Map<String, String> environment) {
    var values = new HashMap<String, String>();
    // the variable AWS Step Functions Local and LocalStack read; STEPFOLD_TASKS_MOCK_CONFIG wins
    Optional.ofNullable(environment.get(SFN_MOCK_CONFIG_VARIABLE)).ifPresent(file -> values.put(TASKS_MOCK_CONFIG, file));
    environment.forEach((name, value) -> {
      if (name.startsWith("STEPFOLD_") && name.length() > "STEPFOLD_".length()) {
        var key = name.substring("STEPFOLD_".length()).toLowerCase(Locale.ROOT).replace('_', '.');
        for (var own : OWN_KEYS) {
          if (own.substring(OWN_PREFIX.length()).equals(key)) {
            key = own;
          }
        }
        values.put(key, value);
      }
    });
    return values;
  }

  /** A copy with these keys set. */
  public StepfoldConfig with(Map<String, String> overrides) {
    var copy = new HashMap<>(values);
    copy.putAll(overrides);
    return new StepfoldConfig(copy);
  }

  public Optional<String> get(String key) {
    return Optional.ofNullable(values.get(key)).filter(value -> !value.isBlank());
  }

  /** The keys that start with {@code prefix}, with their values, in key order. */
  public Map<String, String> startingWith(String prefix) {
    var found = new TreeMap<String, String>();
    values.forEach((key, value) -> {
      if (key.startsWith(prefix)) {
        found.put(key, value);
      }
    });
    return found;
  }

  public String topicPrefix() {
    return values.getOrDefault(TOPIC_PREFIX, "");
  }

  public int partitions(String logicalTopic) {
    return Integer.parseInt(get(topicKey(logicalTopic, "partitions")).orElse(values.get(TOPIC_PARTITIONS)));
  }

  /** The replication factor of a topic; empty for the broker's default. */
  public OptionalInt replicationFactor(String logicalTopic) {
    var value = get(topicKey(logicalTopic, "replication.factor")).or(() -> get(TOPIC_REPLICATION_FACTOR));
    return value.map(v -> OptionalInt.of(Integer.parseInt(v))).orElse(OptionalInt.empty());
  }

  /**
   * The topic's configs: the defaults of {@link Topics#DEFAULT_CONFIGS}, the history topics' {@code retention.ms} the
   * longest an event's execution can still be read: the one-year maximum execution time (counted from the start, Q10)
   * plus {@link #RETENTION_MS} ({@code -1} keeps both for good). The history store is restored from the history topic, so
   * the topic must keep every event of every execution not yet deleted. Then {@code stepfold.topic.<name>.config.*}.
   */
  public Map<String, String> topicConfigs(String logicalTopic) {
    var configs = new TreeMap<>(Topics.DEFAULT_CONFIGS.getOrDefault(logicalTopic, Map.of()));
    if (logicalTopic.equals(Topics.HISTORY) || logicalTopic.equals(Topics.HISTORY_JSON)) {
      configs.put("retention.ms", Long.toString(retention().map(kept -> RedriveEligibility.MAX_EXECUTION_TIME.plus(kept).toMillis()).orElse(-1L)));
    }
    var prefix = topicKey(logicalTopic, "config.");
    values.forEach((key, value) -> {
      if (key.startsWith(prefix)) {
        configs.put(key.substring(prefix.length()), value);
      }
    });
    return configs;
  }

  /** The key of a topic's partition count; for the commands topic, the runtime sets it to the topic's actual count. */
  public static String partitionsKey(String logicalTopic) {
    return topicKey(logicalTopic, "partitions");
  }

  private static String topicKey(String logicalTopic, String suffix) {
    return "stepfold.topic." + logicalTopic + "." + suffix;
  }

  public Duration timersInterval() {
    return Duration.ofMillis(Long.parseLong(values.get(TIMERS_INTERVAL_MS)));
  }

  public Duration timersCatchUpQuiet() {
    return Duration.ofMillis(Long.parseLong(values.get(TIMERS_CATCH_UP_QUIET_MS)));
  }

  public int timersMaxPerPunctuation() {
    return Integer.parseInt(values.get(TIMERS_MAX_PER_PUNCTUATION));
  }

  /** Whether the history is also written as JSON ({@link #HISTORY_JSON}). */
  public boolean historyJson() {
    var value = values.get(HISTORY_JSON).trim();
    if (!value.equals("true") && !value.equals("false")) {
      throw new IllegalArgumentException("Expected " + HISTORY_JSON + " to be true or false, but it is '" + value + "'");
    }
    return Boolean.parseBoolean(value);
  }

  public int executionsCacheSize() {
    return Integer.parseInt(values.get(EXECUTIONS_CACHE_SIZE));
  }

  /** How long what closed is kept ({@link #RETENTION_MS}); empty when it is kept for good. */
  public Optional<Duration> retention() {
    long millis = Long.parseLong(values.get(RETENTION_MS).trim());
    if (millis < -1) {
      throw new IllegalArgumentException("Expected " + RETENTION_MS + " to be -1 (keep for good) or at least 0, but it is " + millis);
    }
    return millis == -1 ? Optional.empty() : Optional.of(Duration.ofMillis(millis));
  }

  /** What a parent's redrive does with a failed {@code .sync} child ({@link #REDRIVE_NESTED_EXECUTIONS}). */
  public NestedRedrive nestedRedrive() {
    var value = values.get(REDRIVE_NESTED_EXECUTIONS).trim();
    return switch (value) {
      case "start-again" -> NestedRedrive.START_AGAIN;
      case "redrive-child" -> NestedRedrive.REDRIVE_CHILD;
      default -> throw new IllegalArgumentException("Expected " + REDRIVE_NESTED_EXECUTIONS + " to be start-again or redrive-child, but it is '"
          + value + "'");
    };
  }

  public Duration retentionInterval() {
    return Duration.ofMillis(Long.parseLong(values.get(RETENTION_INTERVAL_MS)));
  }

  public int retentionMaxDeletesPerPunctuation() {
    return Integer.parseInt(values.get(RETENTION_MAX_DELETES_PER_PUNCTUATION));
  }

  public String readsHost() {
    return values.get(READS_HOST);
  }

  public int readsPort() {
    return Integer.parseInt(values.get(READS_PORT));
  }

  public Duration readsTimeout() {
    return Duration.ofMillis(Long.parseLong(values.get(READS_TIMEOUT_MS)));
  }

  public int readsThreads() {
    return Integer.parseInt(values.get(READS_THREADS));
  }

  /** The partition, region and account of the ARNs this deployment makes ({@link #REGION}, {@link #ACCOUNT}). */
  public ArnFormat arnFormat() {
    return new ArnFormat(ArnFormat.DEFAULT.partition(), values.get(REGION), values.get(ACCOUNT));
  }

  public Optional<String> bootstrapServers() {
    return get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG);
  }

  public Optional<String> schemaRegistryUrl() {
    return get(SCHEMA_REGISTRY_URL);
  }

  /** The port of the broker a server with no {@code bootstrap.servers} starts in its own process. */
  public int embeddedKafkaPort() {
    return Integer.parseInt(get(EMBEDDED_KAFKA_PORT).orElse("9092"));
  }

  /** The port of the schema registry a server with no {@code schema.registry.url} starts in its own process. */
  public int embeddedRegistryPort() {
    return Integer.parseInt(get(EMBEDDED_REGISTRY_PORT).orElse("8081"));
  }

  public Optional<String> instanceName() {
    return get(INSTANCE_NAME);
  }

  public Path dataDir() {
    return Path.of(values.get(DATA_DIR));
  }

  /** The Kafka Streams (and client) properties: every key that is neither stepfold's nor the registry's. */
  public Properties streamsProperties() {
    var properties = new Properties();
    values.forEach((key, value) -> {
      if (!key.startsWith(OWN_PREFIX) && !key.startsWith(REGISTRY_PREFIX)) {
        properties.put(key, value);
      }
    });
    return properties;
  }

  /**
   * The topology's own settings taken from the Kafka Streams ones: the stores are built from them, so that, among
   * others, {@code enable.transactional.statestores} makes transactional stores (a topology made without them gets
   * the defaults whatever Kafka Streams is configured with).
   */
  public TopologyConfig topologyConfig() {
    var properties = streamsProperties();
    properties.putIfAbsent(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");   // not read from here; StreamsConfig requires one
    return new TopologyConfig(new StreamsConfig(properties));
  }

  /** Every key, for logging; values of keys that look secret are masked. */
  @Override
  public String toString() {
    var shown = new TreeMap<String, String>();
    values.forEach((key, value) -> shown.put(key,
        key.contains("password") || key.contains("secret") || key.contains("credentials") || key.contains("user.info") || key.contains("sasl.jaas") ? "*****" : value));
    return shown.toString();
  }
}
