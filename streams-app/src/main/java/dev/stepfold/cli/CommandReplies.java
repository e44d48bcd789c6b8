package dev.stepfold.cli;

import dev.stepfold.schemas.CommandRecord;
import dev.stepfold.schemas.ReplyRecord;
import dev.stepfold.streams.Topics;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends one Avro command and waits for its reply: the replies partition of the command's key is read from its end
 * before the command is produced, so the reply (matched by request id) cannot be missed.
 */
final class CommandReplies {
  private final ClusterConnection connection;
  private final Topics topics;

  CommandReplies(ClusterConnection connection, Topics topics) {
    this.connection = connection;
    this.topics = topics;
  }

  /** The reply to {@code command}; empty when none came within {@code patience}. */
  Optional<ReplyRecord> send(CommandRecord command, Duration patience) throws Exception {
    var key = command.getExecutionArn();
    var replies = topics.replies();
    try (var consumer = connection.consumer(); var producer = connection.producer()) {
      ClusterConnection.readFromEnd(consumer, ClusterConnection.partitionOf(consumer, replies.name(), key));
      var commands = topics.commands();
      producer.send(new ProducerRecord<>(commands.name(), key, commands.valueSerde().serializer().serialize(commands.name(), command))).get();
      long deadline = System.nanoTime() + patience.toNanos();
      while (System.nanoTime() < deadline) {
        for (var record : consumer.poll(Duration.ofMillis(200))) {
          if (!key.equals(record.key())) {
            continue;
          }
          var reply = replies.valueSerde().deserializer().deserialize(record.topic(), record.value());
          if (reply.getRequestId().equals(command.getRequestId())) {
            return Optional.of(reply);
          }
        }
      }
      return Optional.empty();
    }
  }
}
