package dev.stepfold.engine.evolve;

import dev.stepfold.asl.AslState;
import dev.stepfold.asl.MapState;
import dev.stepfold.asl.ParallelState;
import dev.stepfold.asl.PassState;
import dev.stepfold.asl.TaskState;
import dev.stepfold.asl.WaitState;

final class Transitions {
  private Transitions() {}

  /** Whether leaving the state normally ends its scope ({@code "End": true}). */
  static boolean endsScope(AslState state) {
    if (state instanceof PassState pass) {
      return pass.transition().isEnd();
    } else if (state instanceof TaskState task) {
      return task.transition().isEnd();
    } else if (state instanceof WaitState wait) {
      return wait.transition().isEnd();
    } else if (state instanceof ParallelState parallel) {
      return parallel.transition().isEnd();
    } else if (state instanceof MapState map) {
      return map.transition().isEnd();
    }
    return false;
  }
}
