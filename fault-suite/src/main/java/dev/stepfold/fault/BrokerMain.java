package dev.stepfold.fault;

import dev.stepfold.streams.EmbeddedKafka;
import dev.stepfold.streams.EmbeddedSchemaRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * A Kafka broker (single-node KRaft) and a schema registry, and nothing else: the "cluster" an app-only stepfold JVM
 * runs against. Arguments: data directory, broker port, registry port.
 */
public final class BrokerMain {
  private BrokerMain() {}

  public static void main(String[] args) throws Exception {
    var dataDir = Path.of(args[0]);
    var kafka = EmbeddedKafka.start(dataDir.resolve("kafka"), Integer.parseInt(args[1]), Duration.ofSeconds(120));
    var registry = EmbeddedSchemaRegistry.start(Integer.parseInt(args[2]), Optional.of(dataDir.resolve("schema-registry.jsonl")));
    var stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      registry.close();
      kafka.close();
      stopped.countDown();
    }));
    System.out.println("broker ready at " + kafka.bootstrapServers() + ", registry at " + registry.url());
    stopped.await();
  }
}
