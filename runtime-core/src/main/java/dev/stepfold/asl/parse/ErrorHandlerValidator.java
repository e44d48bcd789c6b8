package dev.stepfold.asl.parse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepfold.asl.QueryLanguage;
import java.util.List;
import java.util.Set;

/** Retry and Catch of Task, Parallel and Map. */
final class ErrorHandlerValidator {
  static final String STATES_ALL = "States.ALL";
  private static final Set<String> RETRIER_FIELDS = Set.of(
      "ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate", "MaxDelaySeconds", "JitterStrategy", "Comment");
  private static final Set<String> CATCHER_FIELDS = Set.of("ErrorEquals", "Next", "ResultPath", "Output", "Assign", "Comment");

  private ErrorHandlerValidator() {}

  static void validate(Fields state, QueryLanguage language) {
    if (state.has("Retry") && state.array("Retry")) {
      forEachElement(state, "Retry", (retrier, last) -> validateRetrier(retrier, last));
    }
    if (state.has("Catch") && state.array("Catch")) {
      forEachElement(state, "Catch", (catcher, last) -> validateCatcher(catcher, last, language));
    }
  }

  private static void validateRetrier(Fields retrier, boolean last) {
    retrier.onlySupported(RETRIER_FIELDS::contains);
    if (!retrier.required("ErrorEquals")) {
      return;
    }
    validateErrorEquals(retrier, last);
    retrier.integer("IntervalSeconds", 1, Fields.MAX_SECONDS, false);
    retrier.integer("MaxAttempts", 0, Fields.MAX_SECONDS, false);
    retrier.number("BackoffRate", 1, Double.MAX_VALUE, false);
    retrier.integer("MaxDelaySeconds", 1, Fields.MAX_SECONDS, false);
    retrier.string("Comment");
    if (retrier.has("JitterStrategy") && retrier.string("JitterStrategy")
        && !Set.of("FULL", "NONE").contains(retrier.get("JitterStrategy").textValue())) {
      retrier.error(Messages.oneOf(List.of("FULL", "NONE")), "JitterStrategy");
    }
  }

  private static void validateCatcher(Fields catcher, boolean last, QueryLanguage language) {
    catcher.onlySupported(CATCHER_FIELDS::contains);
    for (var field : new String[] {"ResultPath", "Output"}) {
      QueryLanguages.rejectOtherLanguage(catcher, language, field);
    }
    if (!catcher.required("ErrorEquals", "Next")) {
      return;
    }
    validateErrorEquals(catcher, last);
    catcher.string("Next");
    catcher.string("Comment");
    if (language == QueryLanguage.JSONPATH) {
      catcher.resultPath("ResultPath");
      catcher.template("Assign");
    } else {
      catcher.object("Assign");
      if (catcher.has("Output") && catcher.get("Output").isTextual()) {
        catcher.jsonata("Output");
      }
    }
  }

  private static void validateErrorEquals(Fields handler, boolean last) {
    if (!handler.nonEmptyArray("ErrorEquals")) {
      return;
    }
    var names = handler.get("ErrorEquals");
    var all = false;
    for (int i = 0; i < names.size(); i++) {
      if (!names.get(i).isTextual()) {
        handler.problems().error(Messages.expectedType("STRING"), handler.at("ErrorEquals").index(i));
        return;
      }
      all |= names.get(i).textValue().equals(STATES_ALL);
    }
    if (all && (names.size() > 1 || !last)) {
      handler.error(Messages.STATES_ALL_ALONE_AND_LAST, "ErrorEquals");
    }
  }

  private interface ElementCheck {
    void check(Fields element, boolean last);
  }

  private static void forEachElement(Fields state, String field, ElementCheck check) {
    JsonNode elements = state.get(field);
    for (int i = 0; i < elements.size(); i++) {
      var element = new Fields(elements.get(i), state.at(field).index(i), state.problems());
      if (element.node().isObject()) {
        check.check(element, i == elements.size() - 1);
      } else {
        element.error(Messages.expectedType("OBJECT"));
      }
    }
  }
}
