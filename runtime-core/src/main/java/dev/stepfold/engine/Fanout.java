package dev.stepfold.engine;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.pcollections.PVector;
import org.pcollections.TreePVector;

/**
 * The branches of a Parallel or the iterations of a Map in its current attempt, by index. A persistent vector, so
 * that changing one of a Map's thousands of iterations copies a path, not the whole list.
 *
 * @param startedEventId the ParallelStateStarted or MapStateStarted of this attempt
 * @param notStarted how many iterations have not started yet
 * @param succeeded how many branches or iterations ended well
 * @param mapRun a Distributed Map's map run, once it started (a Distributed Map has no iterations of its own)
 */
public record Fanout(long startedEventId, PVector<Scope> branches, int notStarted, int succeeded, Optional<MapRunRecord> mapRun) {
  public Fanout {
    Objects.requireNonNull(branches, "branches");
    Objects.requireNonNull(mapRun, "mapRun");
  }

  public static Fanout of(long startedEventId, List<Scope> branches) {
    var vector = TreePVector.from(branches);
    return new Fanout(startedEventId, vector, count(vector, Scope.ScopeStatus.NOT_STARTED), count(vector, Scope.ScopeStatus.SUCCEEDED),
        Optional.empty());
  }

  public Fanout withMapRun(Optional<MapRunRecord> newMapRun) {
    return new Fanout(startedEventId, branches, notStarted, succeeded, newMapRun);
  }

  public Scope branch(int index) {
    return branches.get(index);
  }

  public Fanout withBranch(int index, Scope branch) {
    var before = branches.get(index).status();
    return new Fanout(startedEventId, branches.with(index, branch),
        notStarted + delta(before, branch.status(), Scope.ScopeStatus.NOT_STARTED),
        succeeded + delta(before, branch.status(), Scope.ScopeStatus.SUCCEEDED), mapRun);
  }

  public boolean allSucceeded() {
    return succeeded == branches.size();
  }

  /** The first iteration that has not started, or -1. */
  public int firstNotStarted() {
    if (notStarted == 0) {
      return -1;
    }
    for (int i = 0; i < branches.size(); i++) {
      if (branches.get(i).status() == Scope.ScopeStatus.NOT_STARTED) {
        return i;
      }
    }
    return -1;
  }

  private static int delta(Scope.ScopeStatus before, Scope.ScopeStatus after, Scope.ScopeStatus counted) {
    return (after == counted ? 1 : 0) - (before == counted ? 1 : 0);
  }

  private static int count(List<Scope> branches, Scope.ScopeStatus status) {
    return (int) branches.stream().filter(branch -> branch.status() == status).count();
  }
}
