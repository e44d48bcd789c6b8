package dev.stepfold.streams;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates stepfold's topics that do not exist yet, with the partitions, replication factor and configs of the
 * configuration. Topics that exist are left as they are (a warning says when their partition count differs).
 */
public final class TopicProvisioner {
  private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);

  private TopicProvisioner() {}

  /** Creates the missing topics and returns the names it created. */
  public static List<String> createMissing(Admin admin, StepfoldConfig config) throws InterruptedException, ExecutionException {
    var prefix = config.topicPrefix();
    Set<String> existing = admin.listTopics().names().get();
    var missing = new ArrayList<NewTopic>();
    for (var logical : Topics.LOGICAL_NAMES) {
      var name = Topics.name(prefix, logical);
      if (existing.contains(name)) {
        continue;
      }
      var replication = config.replicationFactor(logical);
      var topic = new NewTopic(name, Optional.of(config.partitions(logical)),
          replication.isPresent() ? Optional.of((short) replication.getAsInt()) : Optional.empty());
      topic.configs(config.topicConfigs(logical));
      missing.add(topic);
    }
    warnOnPartitionMismatch(admin, config, existing);
    if (missing.isEmpty()) {
      return List.of();
    }
    try {
      admin.createTopics(missing).all().get();
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {   // another instance created it meanwhile
        throw e;
      }
    }
    var created = missing.stream().map(NewTopic::name).toList();
    LOG.info("Created topics {}", created);
    return created;
  }

  /**
   * The partition count of {@code topic}, waiting up to {@code timeout} for it to be known: right after its creation the
   * broker answers that it does not host it until its metadata has spread.
   */
  public static int partitions(Admin admin, String topic, Duration timeout) throws InterruptedException, ExecutionException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }

  private static void warnOnPartitionMismatch(Admin admin, StepfoldConfig config, Set<String> existing) {
    var prefix = config.topicPrefix();
    var ours = Topics.LOGICAL_NAMES.stream().map(l -> Topics.name(prefix, l)).filter(existing::contains).toList();
    if (ours.isEmpty()) {
      return;
    }
    try {
      var descriptions = admin.describeTopics(ours).allTopicNames().get(30, TimeUnit.SECONDS);
      for (var logical : Topics.LOGICAL_NAMES) {
        var description = descriptions.get(Topics.name(prefix, logical));
        if (description != null && description.partitions().size() != config.partitions(logical)) {
          LOG.warn("Topic {} has {} partitions, the configuration says {}; it is used as it is",
              description.name(), description.partitions().size(), config.partitions(logical));
        }
      }
    } catch (Exception e) {
      LOG.warn("Could not describe the existing topics: {}", e.toString());
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
    }
  }

}
