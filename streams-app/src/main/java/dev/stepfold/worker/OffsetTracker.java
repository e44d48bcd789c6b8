package dev.stepfold.worker;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The offsets a worker may commit while tasks finish out of order: per partition, the records taken and not yet done.
 * What may be committed is the lowest offset still in flight (or the next offset, when none is), so a record is
 * committed only after every record before it is done. Used by the poll thread only.
 */
final class OffsetTracker {
  private static final class PartitionOffsets {
    final TreeSet<Long> inFlight = new TreeSet<>();
    long next = -1;
    long committed = -1;

    long committable() {
      return inFlight.isEmpty() ? next : inFlight.first();
    }
  }

  private final Map<TopicPartition, PartitionOffsets> partitions = new HashMap<>();
  private int inFlight;

  void taken(TopicPartition partition, long offset) {
    var offsets = partitions.computeIfAbsent(partition, p -> new PartitionOffsets());
    if (offsets.inFlight.add(offset)) {
      inFlight++;
    }
    offsets.next = Math.max(offsets.next, offset + 1);
  }

  /** The record is done (answered, or not for this worker); ignored for a partition no longer assigned. */
  void done(TopicPartition partition, long offset) {
    var offsets = partitions.get(partition);
    if (offsets != null && offsets.inFlight.remove(offset)) {
      inFlight--;
    }
  }

  int inFlight() {
    return inFlight;
  }

  /** The offsets to commit now: those that moved since the last call. */
  Map<TopicPartition, OffsetAndMetadata> toCommit() {
    var commits = new HashMap<TopicPartition, OffsetAndMetadata>();
    partitions.forEach((partition, offsets) -> {
      long committable = offsets.committable();
      if (committable > offsets.committed) {
        commits.put(partition, new OffsetAndMetadata(committable));
        offsets.committed = committable;
      }
    });
    return commits;
  }

  /** Forgets partitions taken away; their records in flight are answered but not committed here. */
  void forget(Collection<TopicPartition> revoked) {
    for (var partition : revoked) {
      var offsets = partitions.remove(partition);
      if (offsets != null) {
        inFlight -= offsets.inFlight.size();
      }
    }
  }
}
