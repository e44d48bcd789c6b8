package dev.stepfold.engine.behavior;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepfold.engine.ActiveState;
import dev.stepfold.engine.DecisionBuilder;
import dev.stepfold.engine.Scope;
import dev.stepfold.engine.TaskToken;
import dev.stepfold.engine.Trial;
import dev.stepfold.history.ScopePath;
import dev.stepfold.paths.JsonataScope;
import dev.stepfold.paths.PathRoots;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a state's expressions can read besides its input: the context object and the workflow variables visible in its
 * scope (its own scope's and every enclosing one's). Both are built once, the first time an expression needs them.
 */
final class StateEnv {
  private final Supplier<JsonNode> context;
  private final Supplier<Map<String, JsonNode>> variables;
  private final Optional<Trial> trial;

  private StateEnv(Supplier<JsonNode> context, Supplier<Map<String, JsonNode>> variables, Optional<Trial> trial) {
    this.context = memoized(context);
    this.variables = memoized(variables);
    this.trial = trial;
  }

  /**
   * @param withRetryCount whether {@code $$.State.RetryCount} is shown: AWS shows it in states that can retry
   * @param taskToken the token, for tasks that wait on one
   */
  static StateEnv of(DecisionBuilder out, ScopePath scope, ActiveState active, boolean withRetryCount, Optional<TaskToken> taskToken) {
    var execution = out.execution();
    var trial = out.trial();
    Supplier<JsonNode> context = () -> ContextObject.of(execution, active, withRetryCount, taskToken);
    if (trial.isEmpty()) {
      return new StateEnv(context, () -> visibleVariables(out, scope), trial);
    }
    // A state under test sees the test's context and variables beneath what the run itself makes.
    return new StateEnv(() -> trial.get().context(context.get()), () -> {
      var visible = new LinkedHashMap<>(trial.get().variables());
      visible.putAll(visibleVariables(out, scope));
      return visible;
    }, trial);
  }

  /** Notes a step of the state's data processing for a {@link Trial}; nothing for an execution's state. */
  void inspect(String member, JsonNode value) {
    trial.ifPresent(test -> test.inspect(member, value));
  }

  JsonNode context() {
    return context.get();
  }

  Map<String, JsonNode> variables() {
    return variables.get();
  }

  PathRoots roots(JsonNode input) {
    return new PathRoots(input, context(), variables());
  }

  JsonataScope jsonata(JsonNode input) {
    return JsonataScope.of(input, context(), variables());
  }

  /** The variables of the scope and of every scope around it; an inner assignment hides an outer one. */
  private static Map<String, JsonNode> visibleVariables(DecisionBuilder out, ScopePath scope) {
    var root = out.scope(ScopePath.ROOT).variables();
    if (scope.isRoot()) {
      return root;
    }
    var visible = new LinkedHashMap<>(root);
    var path = ScopePath.ROOT;
    for (int index : scope.indexes()) {
      path = path.child(index);
      Scope inner = out.scope(path);
      visible.putAll(inner.variables());
    }
    return visible;
  }

  private static <T> Supplier<T> memoized(Supplier<T> build) {
    return new Supplier<>() {
      private T value;

      @Override
      public T get() {
        if (value == null) {
          value = build.get();
        }
        return value;
      }
    };
  }
}
