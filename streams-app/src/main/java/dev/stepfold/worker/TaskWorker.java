package dev.stepfold.worker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepfold.api.ReplyWaiter;
import dev.stepfold.schemas.AcceptedReply;
import dev.stepfold.schemas.ClaimActivityTaskCommand;
import dev.stepfold.schemas.CommandRecord;
import dev.stepfold.schemas.ReplyRecord;
import dev.stepfold.schemas.TaskDispatchRecord;
import dev.stepfold.schemas.TaskKind;
import dev.stepfold.schemas.serde.AvroWireSerde;
import dev.stepfold.schemas.serde.RestSchemaRegistryClient;
import dev.stepfold.schemas.serde.SchemaRegistryClient;
import dev.stepfold.streams.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka-native task worker: it consumes the tasks topic ({@code <prefix>stepfold.tasks}), runs a {@link TaskHandler}
 * for each task it serves and produces the answer — {@code SendTaskSuccess} or {@code SendTaskFailure} — to the commands
 * topic, keyed by the execution ARN, as the engine expects.
 *
 * <pre>{@code
 * try (var worker = TaskWorker.builder()
 *     .bootstrapServers("localhost:9092")
 *     .schemaRegistryUrl("http://localhost:8081")
 *     .resources("charge-card")
 *     .handler(task -> TaskResult.success("{\"charged\": " + task.input().path("amount") + "}"))
 *     .start()) {
 *   worker.awaitStopped();
 * }
 * }</pre>
 *
 * <h2>Which tasks a worker serves</h2>
 * Every Task state's task is written to the tasks topic, except those a route of the server's configuration gives to
 * its own runners ({@code stepfold.tasks.route.<name>.runner} http, lambda or mock), which go to
 * {@code stepfold.tasks.runners} and never reach a worker. A worker names what it serves with {@link Builder#resources}:
 * <ul>
 *   <li>a name serves the activity of that name ({@code "Resource": "arn:aws:states:us-east-1:123456789012:activity:charge-card"}),
 *       the Lambda function of that name ({@code "Resource": "arn:aws:lambda:us-east-1:123456789012:function:charge-card"})
 *       and {@code "Resource": "arn:aws:states:::lambda:invoke"} with {@code "FunctionName": "charge-card"} (or an
 *       alias, a partial or a full ARN of that function);
 *   <li>an ARN serves the Task states whose {@code Resource} is exactly that ARN;
 *   <li>{@link Builder#allResources()} serves every task.
 * </ul>
 * A worker takes the tasks of other resources off the topic and leaves them alone. So every kind of worker reads the
 * whole topic in its own consumer group: the default group is {@code stepfold-worker.<resources>}; the instances of one
 * kind share its group (and the topic's partitions), and two kinds must never share a group.
 *
 * <p>An activity task is also waiting in its activity's queue, where GetActivityTask pollers take tasks: it goes to one
 * taker only. So the worker first claims it from the queue (a ClaimActivityTask command keyed by the activity's ARN,
 * whose reply it reads on the replies topic) and runs it only when the claim is accepted, then reports it started
 * ({@code ActivityStarted}, with {@link Builder#name}); a task a poller took first, or one that ended meanwhile, is
 * passed over.
 * For {@code lambda:invoke} the handler gets the {@code Payload} parameter, and its output is answered the way the
 * integration returns it, as {@code {"ExecutedVersion": "$LATEST", "Payload": <output>, "StatusCode": 200}}. When the
 * task has {@code HeartbeatSeconds}, the worker sends a heartbeat every third of it while the handler runs.
 *
 * <h2>Delivery</h2>
 * At least once: a task's offset is committed only once its answer is acknowledged by the broker, and the offsets of a
 * partition are committed in order. An answer that cannot be sent (the broker unreachable for longer than the
 * producer's {@code delivery.timeout.ms}) is sent again until it is acknowledged or the worker is closed; meanwhile
 * neither its task nor a later task of its partition is committed. After a crash or a rebalance a task may run again; the engine accepts the first
 * answer to a task and refuses any later one ({@code TaskTimedOut}, in a reply, with no event). An activity task runs
 * once at most: taken again after a crash, its claim is refused, and the task ends by its {@code HeartbeatSeconds} or
 * {@code TimeoutSeconds}, as an activity task does on AWS when its worker dies. The tasks topic is
 * read {@code read_committed}: a task whose dispatch was rolled back is never seen.
 *
 * <p>Threads: one polls, {@link Builder#concurrency} run handlers (default 4, for two cores and handlers that wait on
 * I/O), one sends heartbeats. When as many tasks are in flight as {@link Builder#maxInFlight} allows, polling pauses.
 */
public final class TaskWorker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TaskWorker.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
  /** How long a poll waits while polling is paused: answers that come back free room for more tasks. */
  private static final Duration PAUSED_POLL_TIMEOUT = Duration.ofMillis(5);
  private static final Duration COMMIT_INTERVAL = Duration.ofMillis(100);
  private static final Duration RESEND_FIRST_PAUSE = Duration.ofMillis(500);
  private static final Duration RESEND_MAX_PAUSE = Duration.ofSeconds(10);

  private record Done(TopicPartition partition, long offset) {}

  /** A task served, and whether it is an activity's, to claim before it runs. */
  private record Served(WorkerTask task, boolean activity) {}

  /** How long the replies consumer may take to start; how often a claim looks whether the worker still runs. */
  private static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration CLAIM_POLL = Duration.ofMillis(500);

  private final String name;
  private final TaskHandler handler;
  private final int maxInFlight;
  private final Duration closeTimeout;
  private final ResourceSelector selector;
  /** Set for a runner that plays the integration itself: the tasks it takes, handed over as they were dispatched. */
  private final Predicate<WorkerTask> dispatched;
  private final String tasksTopic;
  private final String commandsTopic;
  private final String repliesTopic;
  private final Map<String, Object> clientProperties;
  private final AvroWireSerde<ReplyRecord> replySerde;
  private ReplyWaiter replies;
  private final AvroWireSerde<TaskDispatchRecord> tasks;
  private final AvroWireSerde<CommandRecord> commands;
  private final KafkaConsumer<String, byte[]> consumer;
  private final KafkaProducer<String, byte[]> producer;
  private final ExecutorService handlers;
  private final ScheduledExecutorService heartbeats;
  private final ScheduledExecutorService resends;
  private final OffsetTracker offsets = new OffsetTracker();
  private final ConcurrentLinkedQueue<Done> done = new ConcurrentLinkedQueue<>();
  private final Thread pollThread;
  private final CountDownLatch joined = new CountDownLatch(1);
  private volatile boolean running = true;
  private volatile boolean stopped;

  private TaskWorker(Builder settings, ResourceSelector selector, SchemaRegistryClient registry) {
    this.name = settings.name;
    this.handler = settings.handler;
    this.maxInFlight = settings.maxInFlight < 0 ? 256 * settings.concurrency : settings.maxInFlight;
    this.closeTimeout = settings.closeTimeout;
    this.selector = selector;
    this.dispatched = settings.dispatched;
    this.tasksTopic = Topics.name(settings.topicPrefix, settings.topic);
    this.commandsTopic = Topics.name(settings.topicPrefix, Topics.COMMANDS);
    this.repliesTopic = Topics.name(settings.topicPrefix, Topics.REPLIES);
    this.replySerde = AvroWireSerde.forValues(registry, ReplyRecord.getClassSchema());
    this.tasks = AvroWireSerde.forValues(registry, TaskDispatchRecord.getClassSchema());
    this.commands = AvroWireSerde.forValues(registry, CommandRecord.getClassSchema());
    var group = settings.groupId.orElseGet(() -> defaultGroupId(selector));
    var consumerProperties = new HashMap<String, Object>(settings.clientProperties);
    consumerProperties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers);
    consumerProperties.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    consumerProperties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    consumerProperties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumerProperties.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    consumerProperties.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, settings.name + "-tasks");
    settings.instanceName.ifPresent(instance -> consumerProperties.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, group + "-" + instance));
    consumerProperties.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
    consumerProperties.putIfAbsent(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 2_000);
    this.clientProperties = new HashMap<>(settings.clientProperties);
    this.clientProperties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers);
    var producerProperties = new HashMap<String, Object>(settings.clientProperties);
    producerProperties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers);
    producerProperties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    producerProperties.put(ProducerConfig.ACKS_CONFIG, "all");
    producerProperties.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
    producerProperties.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, settings.name + "-answers");
    this.consumer = new KafkaConsumer<>(consumerProperties, new StringDeserializer(), new ByteArrayDeserializer());
    this.producer = new KafkaProducer<>(producerProperties, new StringSerializer(), new ByteArraySerializer());
    this.handlers = Executors.newFixedThreadPool(settings.concurrency, named(settings.name + "-handler"));
    this.heartbeats = Executors.newSingleThreadScheduledExecutor(named(settings.name + "-heartbeats"));
    this.resends = Executors.newSingleThreadScheduledExecutor(named(settings.name + "-resends"));
    this.pollThread = new Thread(this::pollLoop, settings.name + "-poll");
    LOG.info("Task worker {} in group {} serves {} from {}", settings.name, group,
        selector.resources().isEmpty() ? "every resource" : selector.resources(), tasksTopic);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** False once the worker stopped: closed, or its poll thread failed (logged). */
  public boolean isRunning() {
    return !stopped;
  }

  /**
   * Waits until the worker has joined its group and been given its share of the tasks topic's partitions (none, when
   * the group has more workers than partitions); false when that did not happen within {@code timeout}. Tasks are taken
   * from then on; those dispatched earlier are taken too, from the group's committed offsets.
   */
  public boolean awaitReady(Duration timeout) throws InterruptedException {
    return joined.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Waits until the worker stops (it is closed, or fails). */
  public void awaitStopped() throws InterruptedException {
    pollThread.join();
  }

  /**
   * Stops taking tasks, lets the handlers that run finish (up to the builder's {@link Builder#closeTimeout}), commits
   * what was answered and closes the clients. A handler still running after that is interrupted: its task is answered
   * by no one here and is taken again by the next worker of the group.
   */
  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      pollThread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void pollLoop() {
    try {
      consumer.subscribe(List.of(tasksTopic), new ConsumerRebalanceListener() {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
          commitDone(true);
          offsets.forget(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
          joined.countDown();
        }
      });
      long nextCommit = 0;
      while (running) {
        markDone();
        if (System.nanoTime() >= nextCommit) {
          commitDone(false);
          nextCommit = System.nanoTime() + COMMIT_INTERVAL.toNanos();
        }
        boolean paused = pauseWhenFull();
        for (var record : consumer.poll(paused ? PAUSED_POLL_TIMEOUT : POLL_TIMEOUT)) {
          take(record);
        }
      }
    } catch (WakeupException closing) {
      // close() woke the consumer up
    } catch (RuntimeException e) {
      LOG.error("Task worker {} stopped: its poll loop failed", name, e);
    } finally {
      shutDown();
    }
  }

  /** Pauses polling while {@link #maxInFlight} tasks are in flight, resumes it once there is room; true when paused. */
  private boolean pauseWhenFull() {
    if (offsets.inFlight() >= maxInFlight) {
      consumer.pause(consumer.assignment());
      return true;
    }
    if (!consumer.paused().isEmpty()) {
      consumer.resume(consumer.paused());
    }
    return false;
  }

  /** Takes the answers the broker acknowledged off the tasks in flight. */
  private void markDone() {
    for (Done finished; (finished = done.poll()) != null; ) {
      offsets.done(finished.partition(), finished.offset());
    }
  }

  private void take(ConsumerRecord<String, byte[]> record) {
    var partition = new TopicPartition(record.topic(), record.partition());
    offsets.taken(partition, record.offset());
    Optional<Served> task;
    try {
      task = served(tasks.deserialize(record.topic(), record.value()));
    } catch (RuntimeException unreadable) {
      LOG.warn("Task worker {} skips {}-{}@{}: not a task: {}", name, record.topic(), record.partition(), record.offset(),
          unreadable.getMessage());
      task = Optional.empty();
    }
    if (task.isEmpty()) {
      offsets.done(partition, record.offset());
      return;
    }
    var served = task.get();
    var done = new Done(partition, record.offset());
    handlers.execute(() -> run(served, done));
  }

  private Optional<Served> served(TaskDispatchRecord dispatch) {
    var payload = WorkerJson.parse(dispatch.getPayload(), "a task's payload");
    if (dispatched != null) {
      var task = new WorkerTask(dispatch.getTaskToken(), dispatch.getExecutionArn(), dispatch.getStateName(), dispatch.getResourceArn(),
          payload, optional(dispatch.getTimeoutSeconds()), optional(dispatch.getHeartbeatSeconds()));
      return dispatched.test(task) ? Optional.of(new Served(task, dispatch.getKind() == TaskKind.ACTIVITY)) : Optional.empty();
    }
    if (!selector.serves(dispatch.getResourceArn(), payload)) {
      return Optional.empty();
    }
    JsonNode input = payload;
    if (ResourceSelector.isLambdaInvoke(dispatch.getResourceArn())) {
      input = payload.hasNonNull("Payload") ? payload.get("Payload") : WorkerJson.object();
    }
    var task = new WorkerTask(dispatch.getTaskToken(), dispatch.getExecutionArn(), dispatch.getStateName(), dispatch.getResourceArn(),
        input, optional(dispatch.getTimeoutSeconds()), optional(dispatch.getHeartbeatSeconds()));
    return Optional.of(new Served(task, dispatch.getKind() == TaskKind.ACTIVITY));
  }

  private void run(Served served, Done done) {
    var task = served.task();
    if (served.activity()) {
      var claim = claim(task);
      if (claim != Claim.CLAIMED) {
        if (claim == Claim.TAKEN) {
          this.done.add(done);
        }
        return;   // unanswered: uncommitted, taken (and claimed) again after a restart or a rebalance
      }
      send(task, TaskAnswers.started(task, name), null);
    }
    ScheduledFuture<?> beating = null;
    if (task.heartbeatSeconds().isPresent()) {
      long period = Math.max(1, task.heartbeatSeconds().getAsLong() * 1000 / 3);
      beating = heartbeats.scheduleAtFixedRate(() -> send(task, TaskAnswers.heartbeat(task), null), period, period, TimeUnit.MILLISECONDS);
    }
    TaskResult result;
    try {
      result = Objects.requireNonNull(handler.handle(task), "Expected the handler to return a TaskResult, but it returned null");
    } catch (InterruptedException e) {
      if (!running) {
        // stopped by close(): the task stays uncommitted for the next worker of the group
        return;
      }
      result = TaskAnswers.failure(e);
    } catch (Exception | LinkageError | AssertionError | StackOverflowError e) {
      result = TaskAnswers.failure(e);
    } finally {
      if (beating != null) {
        beating.cancel(false);
      }
    }
    if (result instanceof TaskResult.Success success && dispatched == null && ResourceSelector.isLambdaInvoke(task.resourceArn())) {
      var invoked = WorkerJson.object().put("ExecutedVersion", "$LATEST");
      invoked.set("Payload", success.output());
      result = TaskResult.success(invoked.put("StatusCode", 200));
    }
    try {
      send(task, TaskAnswers.of(task, result), done);
    } catch (RuntimeException e) {
      // not committed: the task is taken again after a restart or a rebalance, or times out
      LOG.error("Task worker {} could not send the answer to task {} of {}; it stays uncommitted", name, task.stateName(),
          task.executionArn(), e);
    }
  }

  /** What became of a claim: the task is this worker's, another's, or the worker stopped before it heard. */
  private enum Claim { CLAIMED, TAKEN, UNANSWERED }

  /**
   * Claims an activity task from its activity's queue and waits for the answer, as long as the worker runs (the claim is
   * on the commands topic, so a runtime answers it once one runs). A task a poller or another worker took, or that
   * ended, or whose activity was deleted, is passed over.
   */
  private Claim claim(WorkerTask task) {
    var requestId = "worker-claim-" + UUID.randomUUID();
    var claim = CommandRecord.newBuilder()
        .setRequestId(requestId)
        .setExecutionArn(task.resourceArn())
        .setCommand(new ClaimActivityTaskCommand(task.taskToken()))
        .build();
    var waiter = replies();
    var reply = waiter.expect(requestId);
    try {
      producer.send(new ProducerRecord<>(commandsTopic, task.resourceArn(), commands.serialize(commandsTopic, claim))).get();
      while (running) {
        try {
          var outcome = reply.get(CLAIM_POLL.toMillis(), TimeUnit.MILLISECONDS).getOutcome();
          if (outcome instanceof AcceptedReply) {
            return Claim.CLAIMED;
          }
          LOG.info("Task worker {} passes over task {} of {}: {}", name, task.stateName(), task.executionArn(), outcome);
          return Claim.TAKEN;
        } catch (TimeoutException notYet) {
          // no runtime has answered yet
        }
      }
      return Claim.UNANSWERED;
    } catch (java.util.concurrent.ExecutionException e) {
      LOG.error("Task worker {} could not claim task {} of {}; it stays uncommitted", name, task.stateName(), task.executionArn(), e.getCause());
      return Claim.UNANSWERED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Claim.UNANSWERED;
    } finally {
      waiter.forget(requestId);
    }
  }

  /** The replies to this worker's claims, read from the first claim on. */
  private synchronized ReplyWaiter replies() {
    if (replies == null) {
      var properties = new Properties();
      properties.putAll(clientProperties);
      properties.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, name + "-replies");
      replies = ReplyWaiter.start(properties, repliesTopic, replySerde.deserializer(), CLAIM_TIMEOUT);
    }
    return replies;
  }

  /**
   * Sends a command; when it answers a task ({@code done} set), the task is done once the broker has it. An answer the
   * producer gives up on (the broker unreachable for longer than {@code delivery.timeout.ms}, ...) is sent again, after
   * a pause that grows to {@link #RESEND_MAX_PAUSE}, until the broker acknowledges it or the worker is closed; until
   * then its task stays in flight and uncommitted, and so does every later task of its partition (offsets are committed
   * in order), so that a worker that dies meanwhile leaves the task to the next one. Reports (started, heartbeats) are
   * sent once.
   */
  private void send(WorkerTask task, CommandRecord command, Done done) {
    send(task, command, done, 1);
  }

  private void send(WorkerTask task, CommandRecord command, Done done, int attempt) {
    byte[] value;
    try {
      value = commands.serialize(commandsTopic, command);
    } catch (RuntimeException registryAway) {
      // the schema is registered on the first answer: the registry may be as unreachable as the broker
      if (done != null) {
        resend(task, command, done, attempt, registryAway);
      } else {
        LOG.warn("Task worker {} could not report on task {} of {}", name, task.stateName(), task.executionArn(), registryAway);
      }
      return;
    }
    var record = new ProducerRecord<>(commandsTopic, task.executionArn(), value);
    producer.send(record, (metadata, error) -> {
      if (error == null) {
        if (done != null) {
          this.done.add(done);
        }
      } else if (done != null) {
        resend(task, command, done, attempt, error);
      } else {
        LOG.warn("Task worker {} could not report on task {} of {}", name, task.stateName(), task.executionArn(), error);
      }
    });
  }

  private void resend(WorkerTask task, CommandRecord command, Done done, int attempt, Exception error) {
    if (!running) {
      LOG.warn("Task worker {} closed before its answer to task {} of {} was acknowledged; the task stays uncommitted",
          name, task.stateName(), task.executionArn(), error);
      return;
    }
    long pause = Math.min(RESEND_MAX_PAUSE.toMillis(), RESEND_FIRST_PAUSE.toMillis() << Math.min(attempt - 1, 10));
    LOG.warn("Task worker {} could not answer task {} of {} (attempt {}); sending it again in {} ms", name, task.stateName(),
        task.executionArn(), attempt, pause, error);
    try {
      resends.schedule(() -> {
        try {
          send(task, command, done, attempt + 1);
        } catch (RuntimeException e) {
          // the producer is closed: the worker is closing
          LOG.warn("Task worker {} could not send its answer to task {} of {} again; the task stays uncommitted", name,
              task.stateName(), task.executionArn(), e);
        }
      }, pause, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException closing) {
      LOG.warn("Task worker {} closed before its answer to task {} of {} was acknowledged; the task stays uncommitted",
          name, task.stateName(), task.executionArn());
    }
  }

  private void commitDone(boolean sync) {
    markDone();
    var commits = offsets.toCommit();
    if (commits.isEmpty()) {
      return;
    }
    if (sync) {
      try {
        consumer.commitSync(commits);
      } catch (WakeupException closing) {
        consumer.commitSync(commits); // close() woke the consumer up outside poll
      }
    } else {
      consumer.commitAsync(commits, (committed, error) -> {
        if (error != null) {
          LOG.warn("Task worker {} could not commit {}; they are committed later or the tasks taken again", name, committed, error);
        }
      });
    }
  }

  private void shutDown() {
    handlers.shutdown();
    try {
      if (!handlers.awaitTermination(closeTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("Task worker {}: handlers still running after {} are interrupted; their tasks stay uncommitted", name,
            closeTimeout);
        handlers.shutdownNow();
        handlers.awaitTermination(closeTimeout.toMillis(), TimeUnit.MILLISECONDS);
      }
      heartbeats.shutdownNow();
      resends.shutdownNow();
      producer.flush();
      commitDone(true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.warn("Task worker {} could not commit on close", name, e);
    } finally {
      consumer.close();
      producer.close();
      synchronized (this) {
        if (replies != null) {
          replies.close();
        }
      }
      stopped = true;
      LOG.info("Task worker {} stopped", name);
    }
  }

  private static String defaultGroupId(ResourceSelector selector) {
    return "stepfold-worker." + (selector.resources().isEmpty() ? "all" : String.join(",", selector.resources()));
  }

  private static OptionalLong optional(Long value) {
    return value == null ? OptionalLong.empty() : OptionalLong.of(value);
  }

  private static ThreadFactory named(String prefix) {
    var count = new AtomicInteger();
    return runnable -> {
      var thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Settings of a {@link TaskWorker}; {@link #bootstrapServers}, {@link #schemaRegistryUrl}, the resources and the handler are required. */
  public static final class Builder {
    private String bootstrapServers;
    private SchemaRegistryClient registry;
    private String topicPrefix = "";
    private String topic = Topics.TASKS;
    private Optional<String> groupId = Optional.empty();
    private Optional<String> instanceName = Optional.empty();
    private String name = "stepfold-worker";
    private final List<String> resources = new ArrayList<>();
    private boolean allResources;
    private Predicate<WorkerTask> dispatched;
    private TaskHandler handler;
    private int concurrency = 4;
    private int maxInFlight = -1;
    private Duration closeTimeout = Duration.ofSeconds(30);
    private final Map<String, Object> clientProperties = new HashMap<>();

    private Builder() {}

    public Builder bootstrapServers(String bootstrapServers) {
      this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
      return this;
    }

    /** The schema registry the runtime uses (any speaking Confluent's REST API). */
    public Builder schemaRegistryUrl(String url) {
      return schemaRegistry(new RestSchemaRegistryClient(url));
    }

    public Builder schemaRegistry(SchemaRegistryClient registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /** The runtime's topic prefix ({@code stepfold.topic.prefix}); empty by default. */
    public Builder topicPrefix(String topicPrefix) {
      this.topicPrefix = Objects.requireNonNull(topicPrefix, "topicPrefix");
      return this;
    }

    /**
     * The logical name of the topic read: {@link Topics#TASKS} by default; the server's own runners read
     * {@link Topics#RUNNER_TASKS}, the tasks routes give to them and no Kafka worker sees.
     */
    public Builder topic(String logicalName) {
      this.topic = Objects.requireNonNull(logicalName, "logicalName");
      return this;
    }

    /** The consumer group; by default {@code stepfold-worker.<resources>}, one group per kind of worker. */
    public Builder groupId(String groupId) {
      this.groupId = Optional.of(groupId);
      return this;
    }

    /**
     * A stable name of this worker process, unique in its group: its static membership ({@code group.instance.id}
     * {@code <group>-<instance name>}). Restarted after a crash, the worker takes its partitions back at once, without
     * waiting for the group to notice that the old process has gone (10 s, its session timeout) and without moving the
     * partitions of the other workers; without one, it joins as a new member each time.
     */
    public Builder instanceName(String instanceName) {
      this.instanceName = Optional.of(Objects.requireNonNull(instanceName, "instanceName"));
      return this;
    }

    /** The worker's name: recorded in {@code ActivityStarted}, and the prefix of its threads and client ids. */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /** The resources served: activity or Lambda function names, or Resource ARNs (see {@link TaskWorker}). */
    public Builder resources(String... resources) {
      this.resources.addAll(List.of(resources));
      return this;
    }

    /**
     * Serves the tasks {@code filter} accepts, for a runner that plays the integration itself (stepfold's own task
     * runners): the handler gets each task as it was dispatched — its input is the whole of the state's parameters, also
     * for {@code lambda:invoke} — and its output is the task's result as it is, not wrapped as {@code lambda:invoke}'s.
     * Instead of {@link #resources} and {@link #allResources()}; a {@link #groupId} is then required.
     */
    public Builder dispatched(Predicate<WorkerTask> filter) {
      this.dispatched = Objects.requireNonNull(filter, "filter");
      return this;
    }

    /** Serves every task, whatever its resource. */
    public Builder allResources() {
      this.allResources = true;
      return this;
    }

    public Builder handler(TaskHandler handler) {
      this.handler = Objects.requireNonNull(handler, "handler");
      return this;
    }

    /** How many handlers run at once; 4 by default. */
    public Builder concurrency(int concurrency) {
      if (concurrency < 1) {
        throw new IllegalArgumentException("Expected a concurrency of at least 1, but got " + concurrency);
      }
      this.concurrency = concurrency;
      return this;
    }

    /** How many tasks may be taken and not yet answered before polling pauses; 256 per handler thread by default. */
    public Builder maxInFlight(int maxInFlight) {
      if (maxInFlight < 1) {
        throw new IllegalArgumentException("Expected at least 1 task in flight, but got " + maxInFlight);
      }
      this.maxInFlight = maxInFlight;
      return this;
    }

    /** How long {@link TaskWorker#close()} waits for running handlers; 30 s by default. */
    public Builder closeTimeout(Duration closeTimeout) {
      this.closeTimeout = Objects.requireNonNull(closeTimeout, "closeTimeout");
      return this;
    }

    /** A Kafka client setting for both the consumer and the producer (security, timeouts, ...). */
    public Builder clientProperty(String key, Object value) {
      clientProperties.put(key, value);
      return this;
    }

    /** Starts polling. */
    public TaskWorker start() {
      Objects.requireNonNull(bootstrapServers, "Expected bootstrapServers to be set");
      Objects.requireNonNull(registry, "Expected a schema registry to be set");
      Objects.requireNonNull(handler, "Expected a handler to be set");
      if (allResources && !resources.isEmpty()) {
        throw new IllegalArgumentException("Expected either resources or allResources, but got both");
      }
      if (dispatched != null && (allResources || !resources.isEmpty() || groupId.isEmpty())) {
        throw new IllegalArgumentException("Expected a group id and no resources with a filter of dispatched tasks");
      }
      var selector = dispatched != null || allResources ? ResourceSelector.all() : ResourceSelector.of(resources);
      var worker = new TaskWorker(this, selector, registry);
      worker.pollThread.start();
      return worker;
    }
  }
}
