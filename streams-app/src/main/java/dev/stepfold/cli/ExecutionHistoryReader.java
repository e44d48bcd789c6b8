package dev.stepfold.cli;

import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.codec.AvroCodec;
import dev.stepfold.engine.ExecutionState;
import dev.stepfold.engine.StepfoldDecider;
import dev.stepfold.history.HistoryEvent;
import dev.stepfold.streams.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An execution as the history topic tells it, with no server port: the partition that owns its key, read
 * read_committed from its beginning to its end, the execution's events kept, decoded and folded by the engine.
 */
final class ExecutionHistoryReader {
  private final ClusterConnection connection;
  private final Topics topics;

  ExecutionHistoryReader(ClusterConnection connection, Topics topics) {
    this.connection = connection;
    this.topics = topics;
  }

  /** The folded execution; empty when the history has no event of it. */
  Optional<ExecutionState> execution(ExecutionArn executionArn) {
    var events = events(executionArn);
    if (events.isEmpty()) {
      return Optional.empty();
    }
    var decider = new StepfoldDecider();
    var execution = decider.initialState();
    for (var event : events) {
      execution = decider.evolve(execution, event);
    }
    return Optional.of(execution);
  }

  List<HistoryEvent> events(ExecutionArn executionArn) {
    var history = topics.history();
    var codec = AvroCodec.parsingDefinitions();
    var events = new ArrayList<HistoryEvent>();
    try (var consumer = connection.consumer()) {
      var partition = ClusterConnection.partitionOf(consumer, history.name(), executionArn.value());
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      // read_committed: the end is the last stable offset, past which nothing committed is yet
      long end = consumer.endOffsets(List.of(partition)).get(partition);
      while (consumer.position(partition) < end) {
        for (var record : consumer.poll(Duration.ofMillis(200))) {
          if (executionArn.value().equals(record.key())) {
            events.add(codec.event(history.valueSerde().deserializer().deserialize(record.topic(), record.value())));
          }
        }
      }
    }
    return events;
  }
}
