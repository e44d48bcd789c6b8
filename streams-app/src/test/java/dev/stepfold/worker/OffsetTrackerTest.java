package dev.stepfold.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {
  private static final TopicPartition TASKS_0 = new TopicPartition("stepfold.tasks", 0);
  private final OffsetTracker tracker = new OffsetTracker();

  @Test
  void shouldCommitOnlyUpToTheFirstTaskStillInFlight() {
    tracker.taken(TASKS_0, 10);
    tracker.taken(TASKS_0, 11);
    tracker.taken(TASKS_0, 12);
    tracker.done(TASKS_0, 11);
    tracker.done(TASKS_0, 12);
    assertThat(tracker.toCommit()).isEqualTo(Map.of(TASKS_0, new OffsetAndMetadata(10)));

    tracker.done(TASKS_0, 10);
    assertThat(tracker.toCommit()).isEqualTo(Map.of(TASKS_0, new OffsetAndMetadata(13)));
    assertThat(tracker.inFlight()).isZero();
  }

  @Test
  void shouldCommitNothingThatDidNotMove() {
    tracker.taken(TASKS_0, 0);
    tracker.done(TASKS_0, 0);
    assertThat(tracker.toCommit()).hasSize(1);
    assertThat(tracker.toCommit()).isEmpty();
  }

  @Test
  void shouldForgetARevokedPartitionAndIgnoreItsLateAnswers() {
    tracker.taken(TASKS_0, 5);
    tracker.forget(List.of(TASKS_0));
    tracker.done(TASKS_0, 5);
    assertThat(tracker.inFlight()).isZero();
    assertThat(tracker.toCommit()).isEmpty();
  }
}
