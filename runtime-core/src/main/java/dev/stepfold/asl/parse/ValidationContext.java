package dev.stepfold.asl.parse;

import dev.stepfold.asl.ExecutionType;
import dev.stepfold.asl.QueryLanguage;

/**
 * What the checks of a state depend on besides the state: the definition's query language (states inherit it, and
 * nothing nested inherits a Map's or Parallel's own), and the type of the execution the state runs in (a Distributed
 * Map's children run as its {@code ExecutionType}).
 */
record ValidationContext(QueryLanguage definitionLanguage, ExecutionType executionType, Problems problems) {
  ValidationContext runningAs(ExecutionType childType) {
    return new ValidationContext(definitionLanguage, childType, problems);
  }
}
