package dev.stepfold.codec;

import dev.stepfold.engine.ExecutionDecider;
import dev.stepfold.engine.ExecutionState;
import dev.stepfold.history.HistoryEvent;
import dev.stepfold.schemas.HistoryEventRecord;
import java.util.List;

/**
 * An execution's records on the history topic, in topic order, folded into the state they make: what its stored
 * snapshot must equal, since the processor loads the snapshot instead of folding.
 */
public final class HistoryFold {
  private final AvroCodec codec;
  private final ExecutionDecider decider;

  public HistoryFold(AvroCodec codec, ExecutionDecider decider) {
    this.codec = codec;
    this.decider = decider;
  }

  /** The events of the execution's last run: an EXPRESS child of a map run that runs again under its ARN starts at 1 again (R47). */
  public List<HistoryEvent> lastRun(List<HistoryEventRecord> records) {
    int first = 0;
    for (int i = records.size() - 1; i >= 0; i--) {
      if (records.get(i).getId() == 1) {
        first = i;
        break;
      }
    }
    return records.subList(first, records.size()).stream().map(codec::event).toList();
  }

  /** The state the last run's events fold to. */
  public ExecutionState fold(List<HistoryEventRecord> records) {
    var state = decider.initialState();
    for (var event : lastRun(records)) {
      state = decider.evolve(state, event);
    }
    return state;
  }
}
