package dev.stepfold.history;

import java.util.ArrayList;
import java.util.List;

/**
 * Where an event happened: the root scope (empty), or the branch and iteration indexes from the root down, e.g.
 * {@code [1, 4]} is iteration 4 of a Map inside branch 1 of a Parallel. Each scope has at most one active state, so
 * the indexes alone find it. AWS's history does not show it; stepfold keeps it so that a history folds without guessing.
 */
public record ScopePath(List<Integer> indexes) {
  public static final ScopePath ROOT = new ScopePath(List.of());

  public ScopePath {
    indexes = List.copyOf(indexes);
  }

  public ScopePath child(int index) {
    var child = new ArrayList<>(indexes);
    child.add(index);
    return new ScopePath(child);
  }

  public ScopePath parent() {
    if (isRoot()) {
      throw new IllegalStateException("Expected a nested scope, but the root has no parent");
    }
    return new ScopePath(indexes.subList(0, indexes.size() - 1));
  }

  /** The index of this scope in its parent's branches or iterations. */
  public int lastIndex() {
    return indexes.get(indexes.size() - 1);
  }

  public boolean isRoot() {
    return indexes.isEmpty();
  }

  public int depth() {
    return indexes.size();
  }

  @Override
  public String toString() {
    return indexes.toString();
  }
}
