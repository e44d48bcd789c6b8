package dev.stepfold.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The branches of a Parallel or the iterations of a Map in its current attempt, by index.
 *
 * @param startedEventId the ParallelStateStarted or MapStateStarted of this attempt
 */
public record Fanout(long startedEventId, List<Scope> branches) {
  public Fanout {
    branches = List.copyOf(branches);
  }

  public Scope branch(int index) {
    return branches.get(index);
  }

  public Fanout withBranch(int index, Scope branch) {
    var changed = new ArrayList<>(branches);
    changed.set(index, branch);
    return new Fanout(startedEventId, changed);
  }

  public boolean all(Scope.ScopeStatus status) {
    return branches.stream().allMatch(branch -> branch.status() == status);
  }

  public long count(Scope.ScopeStatus status) {
    return branches.stream().filter(branch -> branch.status() == status).count();
  }
}
