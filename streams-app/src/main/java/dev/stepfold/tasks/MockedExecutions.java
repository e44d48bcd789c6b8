package dev.stepfold.tasks;

import dev.stepfold.history.EventDetails;
import dev.stepfold.history.HistoryEvent;
import dev.stepfold.history.HistoryEventType;
import dev.stepfold.local.MockConfig;
import dev.stepfold.local.TaskAnswer;
import dev.stepfold.streams.StepfoldConfig;
import dev.stepfold.streams.Topics;
import dev.stepfold.worker.TaskResult;
import dev.stepfold.worker.WorkerTask;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The executions started with a mock test case ({@code stateMachineArn#TestCaseName}, as Step Functions Local takes
 * it), and the answers of their Task states.
 *
 * <p>The API {@link #register registers} an execution before it starts it: a record keyed by the execution's ARN on the
 * compacted topic {@code stepfold.mock-test-cases} (made when missing, one partition), which every instance reads from
 * its beginning. A task is looked up once this instance has read the topic up to its end as of the task's arrival, so
 * the registration, written before the execution started, is always seen.
 *
 * <p>A Task state the test case names is answered from its mocked response: the n-th time the state is scheduled in
 * the execution (counted in the execution's history, from 0, Retry attempts and redrives included) gets the entry for
 * n, its {@code Return} as the result or its {@code Throw} as the failure. A state the test case does not name, or a
 * call past the response's last entry, is not mocked: its route applies (a Kafka worker by default).
 */
public final class MockedExecutions implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MockedExecutions.class);
  static final String LOGICAL_TOPIC = "mock-test-cases";
  private static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(30);
  private static final Set<HistoryEventType> SCHEDULED = Set.of(HistoryEventType.TASK_SCHEDULED, HistoryEventType.ACTIVITY_SCHEDULED,
      HistoryEventType.LAMBDA_FUNCTION_SCHEDULED);

  /** The history of an execution, in event order. */
  @FunctionalInterface
  public interface HistoryReader {
    List<HistoryEvent> history(String executionArn);
  }

  /** The test case an execution was started with: the state machine's name in the mock configuration, and the case's. */
  record TestCase(String stateMachine, String name) {}

  private final MockConfig config;
  private final HistoryReader history;
  private final String topic;
  private final KafkaProducer<String, String> producer;
  private final KafkaConsumer<String, String> reader;
  private final KafkaConsumer<String, String> ends;
  private final Map<String, TestCase> testCases = new ConcurrentHashMap<>();
  private final Thread readThread;
  private volatile long position;
  private volatile boolean running = true;

  private MockedExecutions(StepfoldConfig config, MockConfig mocks, HistoryReader history) {
    this.config = mocks;
    this.history = history;
    this.topic = Topics.name(config.topicPrefix(), LOGICAL_TOPIC);
    var common = new HashMap<String, Object>();
    config.streamsProperties().forEach((key, value) -> {
      var name = key.toString();
      if (name.equals(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG) || name.startsWith("security.") || name.startsWith("sasl.") || name.startsWith("ssl.")) {
        common.put(name, value);
      }
    });
    createTopic(common, config);
    var producerProperties = new HashMap<>(common);
    producerProperties.put(ProducerConfig.ACKS_CONFIG, "all");
    this.producer = new KafkaProducer<>(producerProperties, new StringSerializer(), new StringSerializer());
    var consumerProperties = new HashMap<>(common);
    consumerProperties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    this.reader = new KafkaConsumer<>(consumerProperties, new StringDeserializer(), new StringDeserializer());
    this.ends = new KafkaConsumer<>(consumerProperties, new StringDeserializer(), new StringDeserializer());
    var partition = new TopicPartition(topic, 0);
    reader.assign(List.of(partition));
    reader.seekToBeginning(List.of(partition));
    this.readThread = new Thread(this::read, "stepfold-mock-test-cases");
    readThread.setDaemon(true);
  }

  static MockedExecutions start(StepfoldConfig config, MockConfig mocks, HistoryReader history) {
    var mocked = new MockedExecutions(config, mocks, history);
    mocked.readThread.start();
    return mocked;
  }

  /**
   * Records that the execution runs the test case {@code testCase} of {@code stateMachine} (its name in the mock
   * configuration); {@link IllegalArgumentException} when the configuration has no such test case.
   */
  public void register(String executionArn, String stateMachine, String testCase) {
    config.answers(stateMachine, testCase);   // says what is missing when the configuration has no such case
    try {
      producer.send(new ProducerRecord<>(topic, 0, executionArn, stateMachine + "#" + testCase)).get(CATCH_UP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while registering the test case of " + executionArn, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Expected the test case of " + executionArn + " to be written to " + topic + ", but " + e, e);
    }
    testCases.put(executionArn, new TestCase(stateMachine, testCase));
  }

  /** Whether the task is answered from its execution's test case. Called on the runners' poll thread. */
  boolean mocks(WorkerTask task) {
    return answer(task).isPresent();
  }

  /** The task's mocked answer, if its execution runs a test case that mocks this call of its state. */
  Optional<TaskResult> answer(WorkerTask task) {
    var testCase = testCase(task.executionArn());
    if (testCase.isEmpty()) {
      return Optional.empty();
    }
    var responseName = config.testCases().get(testCase.get().stateMachine()).get(testCase.get().name()).get(task.stateName());
    if (responseName == null) {
      return Optional.empty();
    }
    int invocation = invocation(task);
    return config.mockedResponses().get(responseName).forInvocation(invocation).map(MockedExecutions::result);
  }

  /** The answer of a mock route: the mocked response's entry for this call of the state. */
  TaskResult response(String responseName, WorkerTask task) {
    int invocation = invocation(task);
    return config.mockedResponses().get(responseName).forInvocation(invocation).map(MockedExecutions::result)
        .orElseGet(() -> TaskResult.failure(TaskFailures.RUNTIME, "The mocked response '" + responseName + "' has no entry for call " + invocation
            + " of " + task.stateName()));
  }

  private Optional<TestCase> testCase(String executionArn) {
    var known = testCases.get(executionArn);
    if (known != null) {
      return Optional.of(known);
    }
    catchUp();
    return Optional.ofNullable(testCases.get(executionArn));
  }

  /** How often the task's state was scheduled before this task, in its execution: each event traced back to the state it belongs to. */
  private int invocation(WorkerTask task) {
    long scheduledEventId = scheduledEventId(task.taskToken());
    var stateOf = new HashMap<Long, String>();
    int count = 0;
    for (var event : history.history(task.executionArn())) {
      if (event.id() >= scheduledEventId) {
        break;
      }
      var state = event.details() instanceof EventDetails.StateEntered entered ? entered.name() : stateOf.get(event.previousEventId());
      if (state != null) {
        stateOf.put(event.id(), state);
        if (SCHEDULED.contains(event.type()) && state.equals(task.stateName())) {
          count++;
        }
      }
    }
    return count;
  }

  /** A task token names its execution and its scheduling event: {@code base64url(<execution ARN>#<event id>)}. */
  static long scheduledEventId(String taskToken) {
    var plain = new String(Base64.getUrlDecoder().decode(taskToken), StandardCharsets.UTF_8);
    return Long.parseLong(plain.substring(plain.lastIndexOf('#') + 1));
  }

  private static TaskResult result(TaskAnswer answer) {
    if (answer instanceof TaskAnswer.Succeed succeed) {
      return TaskResult.success(succeed.output());
    }
    if (answer instanceof TaskAnswer.Fail fail) {
      return TaskResult.failure(fail.error().orElse(""), fail.cause().orElse(""));
    }
    throw new IllegalStateException("Expected a mocked Return or Throw, but got " + answer);
  }

  /** Waits until the reader has read the topic up to its end as it is now. */
  private void catchUp() {
    long end;
    synchronized (ends) {
      end = ends.endOffsets(List.of(new TopicPartition(topic, 0))).values().iterator().next();
    }
    long deadline = System.nanoTime() + CATCH_UP_TIMEOUT.toNanos();
    while (position < end && running) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Expected to read " + topic + " up to offset " + end + " within " + CATCH_UP_TIMEOUT + ", but read to " + position);
      }
      try {
        Thread.sleep(1);   // the read thread moves the position on
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void read() {
    try {
      while (running) {
        for (var record : reader.poll(Duration.ofMillis(200))) {
          var value = record.value();
          if (value == null) {
            testCases.remove(record.key());
          } else {
            var separator = value.lastIndexOf('#');
            testCases.put(record.key(), new TestCase(value.substring(0, separator), value.substring(separator + 1)));
          }
        }
        position = reader.position(new TopicPartition(topic, 0));
      }
    } catch (WakeupException closing) {
      // closed
    } catch (RuntimeException e) {
      LOG.error("The mock test cases on {} are no longer read", topic, e);
    } finally {
      reader.close();
    }
  }

  private void createTopic(Map<String, Object> common, StepfoldConfig config) {
    try (var admin = Admin.create(common)) {
      var replication = config.replicationFactor(LOGICAL_TOPIC);
      var newTopic = new NewTopic(topic, java.util.Optional.of(1),
          replication.isPresent() ? java.util.Optional.of((short) replication.getAsInt()) : java.util.Optional.empty())
          .configs(Map.of("cleanup.policy", "compact"));
      admin.createTopics(List.of(newTopic)).all().get(CATCH_UP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("Expected the topic " + topic + " to be made, but " + e.getCause(), e.getCause());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while making " + topic, e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("Expected the topic " + topic + " to be made within " + CATCH_UP_TIMEOUT, e);
    }
  }

  @Override
  public void close() {
    running = false;
    reader.wakeup();
    try {
      readThread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close();
    ends.close();
  }
}
