package dev.stepfold.engine;

import dev.stepfold.asl.AslState;
import dev.stepfold.asl.MapState;
import dev.stepfold.asl.ParallelState;
import dev.stepfold.asl.StateGraph;
import dev.stepfold.history.ScopePath;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/** Finding and changing a scope of the execution's tree: the root, and the branches and iterations below it. */
public final class Scopes {
  private Scopes() {}

  public static Scope get(ExecutionState execution, ScopePath path) {
    var scope = execution.root();
    for (int index : path.indexes()) {
      scope = fanoutOf(scope, path).branch(index);
    }
    return scope;
  }

  public static ExecutionState update(ExecutionState execution, ScopePath path, UnaryOperator<Scope> change) {
    return execution.withRoot(update(execution.root(), path, 0, change));
  }

  private static Scope update(Scope scope, ScopePath path, int depth, UnaryOperator<Scope> change) {
    if (depth == path.depth()) {
      return change.apply(scope);
    }
    var active = scope.active().orElseThrow(() -> expectedFanout(path));
    var fanout = fanoutOf(scope, path);
    int index = path.indexes().get(depth);
    var changed = fanout.withBranch(index, update(fanout.branch(index), path, depth + 1, change));
    return scope.withActive(Optional.of(active.withFanout(Optional.of(changed))), scope.lastEventId());
  }

  /** The first scope, depth first, whose active state matches. */
  public static Optional<ScopePath> find(ExecutionState execution, Predicate<ActiveState> match) {
    return find(execution.root(), ScopePath.ROOT, (path, active) -> match.test(active));
  }

  /** The first scope, depth first, whose path and active state match. */
  public static Optional<ScopePath> find(ExecutionState execution, BiPredicate<ScopePath, ActiveState> match) {
    return find(execution.root(), ScopePath.ROOT, match);
  }

  /** Every scope, depth first, whose path and active state match. */
  public static List<ScopePath> all(ExecutionState execution, BiPredicate<ScopePath, ActiveState> match) {
    var found = new ArrayList<ScopePath>();
    collect(execution.root(), ScopePath.ROOT, match, found);
    return found;
  }

  private static void collect(Scope scope, ScopePath path, BiPredicate<ScopePath, ActiveState> match, List<ScopePath> found) {
    if (scope.active().isEmpty()) {
      return;
    }
    var active = scope.active().get();
    if (match.test(path, active)) {
      found.add(path);
    }
    active.fanout().ifPresent(fanout -> {
      for (int i = 0; i < fanout.branches().size(); i++) {
        collect(fanout.branch(i), path.child(i), match, found);
      }
    });
  }

  private static Optional<ScopePath> find(Scope scope, ScopePath path, BiPredicate<ScopePath, ActiveState> match) {
    if (scope.active().isEmpty()) {
      return Optional.empty();
    }
    var active = scope.active().get();
    if (match.test(path, active)) {
      return Optional.of(path);
    }
    if (active.fanout().isPresent()) {
      var branches = active.fanout().get().branches();
      for (int i = 0; i < branches.size(); i++) {
        var found = find(branches.get(i), path.child(i), match);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  /** The states a scope runs: the definition's top level, a Parallel's branch or a Map's item processor. */
  public static StateGraph graph(ExecutionState execution, ScopePath path) {
    var graph = execution.started().orElseThrow(() -> new IllegalStateException("Expected a started execution")).definition().graph();
    var scope = execution.root();
    for (int index : path.indexes()) {
      var owner = graph.state(scope.active().orElseThrow(() -> expectedFanout(path)).stateName());
      graph = childGraph(owner, index);
      scope = fanoutOf(scope, path).branch(index);
    }
    return graph;
  }

  public static StateGraph childGraph(AslState owner, int index) {
    if (owner instanceof ParallelState parallel) {
      return parallel.branches().get(index);
    } else if (owner instanceof MapState map) {
      return map.itemProcessor();
    }
    throw new IllegalStateException("Expected a Parallel or Map state to own branches, but " + owner.name() + " is a " + owner.typeName());
  }

  /** The state a scope is in, from its graph. */
  public static AslState activeState(ExecutionState execution, ScopePath path) {
    var active = get(execution, path).active().orElseThrow(() -> new IllegalStateException("Expected an active state in scope " + path));
    return graph(execution, path).state(active.stateName());
  }

  private static Fanout fanoutOf(Scope scope, ScopePath path) {
    return scope.active().flatMap(ActiveState::fanout).orElseThrow(() -> expectedFanout(path));
  }

  private static IllegalStateException expectedFanout(ScopePath path) {
    return new IllegalStateException("Expected a Parallel or Map with branches on the way to scope " + path + ", but found none");
  }
}
