package dev.stepfold.asl.parse;

import dev.stepfold.asl.QueryLanguage;
import dev.stepfold.paths.Intrinsics;
import dev.stepfold.paths.JsonPaths;
import java.util.List;
import java.util.Set;

/** Checks the states of a graph: the fields every state has, then those of its type. */
final class StateValidator {
  private static final Set<String> NESTED_GRAPH_FIELDS = Set.of("StartAt", "States", "Comment");

  private StateValidator() {}

  /** The {@code States} of a graph whose {@code States} is known to be an object. */
  static void validateStates(Fields graph, ValidationContext context) {
    var states = graph.child("States");
    states.node().fields().forEachRemaining(entry ->
        validate(new Fields(entry.getValue(), states.at(entry.getKey()), context.problems()), context));
  }

  /** A Parallel branch or a Map's ItemProcessor / Iterator. */
  static void validateNestedGraph(Fields graph, ValidationContext context, boolean itemProcessor) {
    graph.onlySupported(field -> NESTED_GRAPH_FIELDS.contains(field) || itemProcessor && field.equals("ProcessorConfig"));
    if (!graph.required("StartAt", "States")) {
      return;
    }
    graph.string("StartAt");
    graph.string("Comment");
    if (graph.object("States")) {
      validateStates(graph, context);
    }
  }

  private static void validate(Fields state, ValidationContext context) {
    if (!state.node().isObject()) {
      state.error(Messages.expectedType("OBJECT"));
      return;
    }
    if (!state.required("Type") || !state.string("Type")) {
      return;
    }
    var type = StateType.byAslName(state.get("Type").textValue());
    if (type.isEmpty()) {
      state.error(Messages.oneOf(StateType.aslNames()), "Type");
      return;
    }
    validate(state, type.get(), context);
  }

  private static void validate(Fields state, StateType type, ValidationContext context) {
    var declared = state.get("QueryLanguage");
    var language = QueryLanguages.resolve(declared, context.definitionLanguage());
    state.onlySupported(type::accepts);
    // A JSONPath state in a JSONata machine is reported once, whatever fields it has.
    if (context.definitionLanguage() == QueryLanguage.JSONATA && language == QueryLanguage.JSONPATH) {
      state.error(Messages.JSONPATH_UNDER_JSONATA);
    } else {
      var otherLanguageFields = language == QueryLanguage.JSONPATH ? StateType.JSONATA_ONLY : StateType.JSONPATH_ONLY;
      otherLanguageFields.stream()
          .filter(field -> type.accepts(field) && state.has(field))
          .forEach(field -> QueryLanguages.rejectOtherLanguage(state, language, field));
    }
    QueryLanguages.checkValue(state);
    state.string("Comment");
    if (type.transitions()) {
      validateTransition(state);
    }
    var io = new DataFlow(state, type, language);
    io.validate();
    switch (type) {
      case TASK -> TaskValidator.validate(state, language, context);
      case CHOICE -> ChoiceValidator.validate(state, language);
      case WAIT -> validateWait(state, language);
      case FAIL -> validateFail(state, language);
      case PARALLEL -> validateParallel(state, language, context);
      case MAP -> MapValidator.validate(state, language, context);
      case PASS, SUCCEED -> { }
    }
  }

  private static void validateTransition(Fields state) {
    if (!state.bool("End")) {
      return;
    }
    var ends = state.has("End") && state.get("End").booleanValue();
    if (state.has("Next") && ends) {
      state.error(Messages.onlyOneOf(List.of("Next", "End")));
    } else if (!state.has("Next") && !ends) {
      state.error(Messages.exactlyOneOf(List.of("Next", "End")));
    }
    state.string("Next");
  }

  private static void validateWait(Fields wait, QueryLanguage language) {
    if (!wait.exactlyOne("Seconds", "Timestamp", "SecondsPath", "TimestampPath")) {
      return;
    }
    var jsonata = language == QueryLanguage.JSONATA;
    wait.integer("Seconds", 0, Fields.MAX_SECONDS, jsonata);
    if (wait.has("Timestamp") && wait.string("Timestamp") && !(jsonata && wait.jsonata("Timestamp"))
        && !Rfc3339.isTimestamp(wait.get("Timestamp").textValue())) {
      wait.error(Messages.NOT_RFC3339, "Timestamp");
    }
    if (!jsonata) {
      wait.referencePath("SecondsPath", false);
      wait.referencePath("TimestampPath", false);
    }
  }

  private static void validateFail(Fields fail, QueryLanguage language) {
    fail.atMostOne("Error", "ErrorPath");
    fail.atMostOne("Cause", "CausePath");
    for (var field : new String[] {"Error", "Cause"}) {
      if (fail.string(field) && language == QueryLanguage.JSONATA && fail.has(field)) {
        fail.jsonata(field);
      }
    }
    if (language == QueryLanguage.JSONPATH) {
      for (var field : new String[] {"ErrorPath", "CausePath"}) {
        if (fail.has(field) && fail.string(field) && !isValidReferencePathOrCall(fail.get(field).textValue())) {
          fail.error(Messages.NOT_A_REFERENCE_PATH, field);
        }
      }
    }
  }

  /** Fail's ErrorPath and CausePath take a reference path or an intrinsic function call. */
  private static boolean isValidReferencePathOrCall(String text) {
    return Intrinsics.looksLikeCall(text) ? Intrinsics.validate(text).isEmpty() : JsonPaths.isValidReferencePath(text);
  }

  private static void validateParallel(Fields parallel, QueryLanguage language, ValidationContext context) {
    ErrorHandlerValidator.validate(parallel, language);
    if (!parallel.required("Branches") || !parallel.nonEmptyArray("Branches")) {
      return;
    }
    var branches = parallel.get("Branches");
    for (int i = 0; i < branches.size(); i++) {
      var branch = new Fields(branches.get(i), parallel.at("Branches").index(i), context.problems());
      if (branch.node().isObject()) {
        validateNestedGraph(branch, context, false);
      } else {
        branch.error(Messages.expectedType("OBJECT"));
      }
    }
  }

  /** The data-flow fields, checked where the state's type and language accept them. */
  private record DataFlow(Fields state, StateType type, QueryLanguage language) {
    void validate() {
      if (uses("InputPath")) {
        state.path("InputPath");
      }
      if (uses("OutputPath")) {
        state.path("OutputPath");
      }
      if (uses("ResultPath")) {
        state.resultPath("ResultPath");
      }
      if (uses("Parameters") && type != StateType.MAP) {
        state.template("Parameters");
      }
      if (uses("ResultSelector")) {
        state.template("ResultSelector");
      }
      if (uses("Arguments")) {
        state.ofType("Arguments", value -> value.isObject() || Jsonata.isExpression(value), "OBJECT");
      }
      if (uses("Output") && state.get("Output").isTextual()) {
        state.jsonata("Output");
      }
      if (uses("Assign") && state.object("Assign") && language == QueryLanguage.JSONPATH) {
        state.template("Assign");
      }
    }

    private boolean uses(String field) {
      return state.has(field) && type.accepts(field) && QueryLanguages.allows(language, field);
    }
  }
}
