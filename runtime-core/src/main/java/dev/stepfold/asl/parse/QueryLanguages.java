package dev.stepfold.asl.parse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepfold.asl.QueryLanguage;
import java.util.List;

/** The {@code QueryLanguage} field, at the top of a definition or on a state. */
final class QueryLanguages {
  private QueryLanguages() {}

  /** Absent: inherited. AWS takes exactly {@code "JSONPath"} as JSONPath and any other value as JSONata. */
  static QueryLanguage resolve(JsonNode declared, QueryLanguage inherited) {
    if (declared == null) {
      return inherited;
    }
    return declared.isTextual() && declared.textValue().equals(QueryLanguage.JSONPATH.aslName())
        ? QueryLanguage.JSONPATH
        : QueryLanguage.JSONATA;
  }

  /** Reports a value that is not one of the two names. */
  static void checkValue(Fields fields) {
    var declared = fields.get("QueryLanguage");
    if (declared == null || !fields.string("QueryLanguage")) {
      return;
    }
    var names = List.of(QueryLanguage.JSONPATH.aslName(), QueryLanguage.JSONATA.aslName());
    if (!names.contains(declared.textValue())) {
      fields.error(Messages.oneOf(names), "QueryLanguage");
    }
  }

  /** Whether a field may appear on a state of the language (fields of neither language are always allowed). */
  static boolean allows(QueryLanguage language, String field) {
    return language == QueryLanguage.JSONPATH
        ? !StateType.JSONATA_ONLY.contains(field)
        : !StateType.JSONPATH_ONLY.contains(field);
  }

  static String other(QueryLanguage language) {
    return language == QueryLanguage.JSONPATH ? QueryLanguage.JSONATA.aslName() : QueryLanguage.JSONPATH.aslName();
  }

  /** Reports a field of the other language, at the object holding it. */
  static void rejectOtherLanguage(Fields fields, QueryLanguage language, String field) {
    if (fields.has(field) && !allows(language, field)) {
      fields.error(Messages.onlyForLanguage(language.aslName(), field, other(language)));
    }
  }
}
