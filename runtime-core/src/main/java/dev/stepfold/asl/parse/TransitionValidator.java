package dev.stepfold.asl.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * The transitions of a definition whose fields are sound: every target exists, every state is reachable from
 * StartAt, and the top level has a terminal state. Each graph (top level, branch, item processor) is its own scope.
 */
final class TransitionValidator {
  private TransitionValidator() {}

  static void validate(JsonNode document, Problems problems) {
    validateGraph(document, Location.ROOT, true, problems);
  }

  private record Target(String state, Location at) {}

  private static void validateGraph(JsonNode graph, Location at, boolean topLevel, Problems problems) {
    var states = graph.get("States");
    var startAt = graph.get("StartAt").textValue();
    if (!states.has(startAt)) {
      missingTarget(startAt, at.field("StartAt"), problems);
    }
    states.fields().forEachRemaining(entry -> targets(entry.getValue(), at.field("States").field(entry.getKey()))
        .stream()
        .filter(target -> !states.has(target.state()))
        .forEach(target -> missingTarget(target.state(), target.at(), problems)));
    var hasTerminal = false;
    for (var state : states) {
      hasTerminal |= isTerminal(state);
    }
    if (topLevel && !hasTerminal) {
      problems.error(Diagnostic.MISSING_END_STATE, Messages.NO_TERMINAL_STATE, Diagnostic.NO_LOCATION);
    } else {
      reportUnreachable(states, startAt, at, problems);
    }
    states.fields().forEachRemaining(entry -> {
      var state = entry.getValue();
      var stateAt = at.field("States").field(entry.getKey());
      var branches = state.path("Branches");
      for (int i = 0; i < branches.size(); i++) {
        validateGraph(branches.get(i), stateAt.field("Branches").index(i), false, problems);
      }
      for (var key : new String[] {"ItemProcessor", "Iterator"}) {
        if (state.has(key)) {
          validateGraph(state.get(key), stateAt.field(key), false, problems);
        }
      }
    });
  }

  private static void reportUnreachable(JsonNode states, String startAt, Location at, Problems problems) {
    var reached = new HashSet<String>();
    var pending = new ArrayDeque<String>();
    if (states.has(startAt)) {
      pending.add(startAt);
    }
    while (!pending.isEmpty()) {
      var name = pending.poll();
      if (reached.add(name)) {
        targets(states.get(name), at).stream()
            .map(Target::state)
            .filter(states::has)
            .forEach(pending::add);
      }
    }
    states.fieldNames().forEachRemaining(name -> {
      if (!reached.contains(name)) {
        problems.error(Diagnostic.MISSING_TRANSITION_TARGET, Messages.unreachable(name), at.field("States").field(name).pointer());
      }
    });
  }

  private static List<Target> targets(JsonNode state, Location stateAt) {
    var targets = new ArrayList<Target>();
    if (state.has("Next")) {
      targets.add(new Target(state.get("Next").textValue(), stateAt.field("Next")));
    }
    var choices = state.path("Choices");
    for (int i = 0; i < choices.size(); i++) {
      targets.add(new Target(choices.get(i).get("Next").textValue(), stateAt.field("Choices").index(i).field("Next")));
    }
    if (state.has("Default")) {
      targets.add(new Target(state.get("Default").textValue(), stateAt.field("Default")));
    }
    var catchers = state.path("Catch");
    for (int i = 0; i < catchers.size(); i++) {
      targets.add(new Target(catchers.get(i).get("Next").textValue(), stateAt.field("Catch").index(i).field("Next")));
    }
    return targets;
  }

  private static boolean isTerminal(JsonNode state) {
    var type = state.get("Type").textValue();
    return type.equals("Succeed") || type.equals("Fail") || state.path("End").asBoolean(false);
  }

  private static void missingTarget(String target, Location at, Problems problems) {
    problems.error(Diagnostic.MISSING_TRANSITION_TARGET, Messages.missingTarget(target), at.pointer());
  }
}
