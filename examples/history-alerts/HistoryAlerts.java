import dev.stepfold.schemas.EventType;
import dev.stepfold.schemas.FailureDetails;
import dev.stepfold.schemas.HistoryEventRecord;
import dev.stepfold.schemas.serde.AvroWireSerde;
import dev.stepfold.schemas.serde.RestSchemaRegistryClient;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * An example consumer of {@code stepfold.history}: prints an alert line for every execution that fails.
 *
 * <pre>
 * java -cp streams-app/target/stepfold.jar examples/history-alerts/HistoryAlerts.java \
 *     localhost:9092 http://localhost:8081 [topic prefix]
 * </pre>
 *
 * It reads with {@code read_committed} (the history is written in transactions; an aborted one is never seen) in a
 * consumer group of its own, so a restarted alerter goes on where it stopped. Values are Avro in the Confluent wire
 * format, read with the schema registry; keys are execution ARNs. Replace {@link #alert} with a page, a ticket, a chat
 * message.
 */
public final class HistoryAlerts {
  public static void main(String[] args) {
    if (args.length < 2) {
      System.err.println("usage: HistoryAlerts <bootstrap servers> <schema registry URL> [topic prefix]");
      System.exit(2);
    }
    var topic = (args.length > 2 ? args[2] : "") + "stepfold.history";
    var properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, "stepfold-history-alerts");
    properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    var values = AvroWireSerde.<HistoryEventRecord>forValues(new RestSchemaRegistryClient(args[1]), HistoryEventRecord.getClassSchema());
    try (var consumer = new KafkaConsumer<>(properties, new StringDeserializer(), values.deserializer())) {
      Runtime.getRuntime().addShutdownHook(new Thread(consumer::wakeup));
      consumer.subscribe(List.of(topic));
      System.err.println("history-alerts: watching " + topic + " at " + args[0]);
      while (true) {
        for (var record : consumer.poll(Duration.ofSeconds(1))) {
          var event = record.value();
          if (event != null && event.getType() == EventType.ExecutionFailed) {
            alert(record.key(), (FailureDetails) event.getDetails());
          }
        }
      }
    } catch (org.apache.kafka.common.errors.WakeupException stopping) {
      // Ctrl-C
    }
  }

  private static void alert(String executionArn, FailureDetails failure) {
    System.out.printf("ALERT execution failed: %s error=%s cause=%s%n", executionArn, failure.getError(), failure.getCause());
    System.out.flush();
  }
}
