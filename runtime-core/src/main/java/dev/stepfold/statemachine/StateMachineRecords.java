package dev.stepfold.statemachine;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the state machine's own key holds, as the {@link StateMachineDecider} reads it: its current revision and its
 * published versions. The runtime answers from the task's revisions store; tests from memory ({@link #of}).
 */
public interface StateMachineRecords {
  Optional<StateMachine> revision();

  Optional<StateMachine> version(long number);

  /** The numbers of its versions that exist, ascending. */
  List<Long> versionNumbers();

  /** Records held in memory: a revision (or none) and versions by number. */
  static StateMachineRecords of(Optional<StateMachine> revision, Map<Long, StateMachine> versions) {
    var sorted = new TreeMap<>(versions);
    return new StateMachineRecords() {
      @Override
      public Optional<StateMachine> revision() {
        return revision;
      }

      @Override
      public Optional<StateMachine> version(long number) {
        return Optional.ofNullable(sorted.get(number));
      }

      @Override
      public List<Long> versionNumbers() {
        return List.copyOf(sorted.keySet());
      }
    };
  }
}
