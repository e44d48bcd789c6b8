package dev.stepfold.asl.parse;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The state types and the fields each accepts (besides Type, Comment and QueryLanguage, which all accept). */
enum StateType {
  TASK("Task", "InputPath", "OutputPath", "ResultPath", "Parameters", "Arguments", "Output", "Assign", "Resource",
      "Credentials", "ResultSelector", "Retry", "Catch", "TimeoutSeconds", "TimeoutSecondsPath", "HeartbeatSeconds",
      "HeartbeatSecondsPath", "Next", "End"),
  PASS("Pass", "InputPath", "OutputPath", "Result", "ResultPath", "Parameters", "Output", "Assign", "Next", "End"),
  CHOICE("Choice", "InputPath", "OutputPath", "Output", "Assign", "Choices", "Default"),
  WAIT("Wait", "InputPath", "OutputPath", "Output", "Assign", "Seconds", "Timestamp", "SecondsPath", "TimestampPath",
      "Next", "End"),
  SUCCEED("Succeed", "InputPath", "OutputPath", "Output"),
  FAIL("Fail", "Error", "Cause", "ErrorPath", "CausePath"),
  PARALLEL("Parallel", "InputPath", "OutputPath", "ResultPath", "Parameters", "Arguments", "Output", "Assign",
      "ResultSelector", "Retry", "Catch", "Branches", "Next", "End"),
  MAP("Map", "InputPath", "OutputPath", "ResultPath", "Parameters", "Output", "Assign", "ResultSelector", "Retry",
      "Catch", "ItemProcessor", "Iterator", "ItemsPath", "Items", "ItemSelector", "ItemReader", "ItemBatcher",
      "ResultWriter", "MaxConcurrency", "MaxConcurrencyPath", "ToleratedFailurePercentage",
      "ToleratedFailurePercentagePath", "ToleratedFailureCount", "ToleratedFailureCountPath", "Label", "Next", "End");

  static final Set<String> COMMON_FIELDS = Set.of("Type", "Comment", "QueryLanguage");

  /** Fields a JSONata state rejects, in the order AWS reports them. */
  static final List<String> JSONPATH_ONLY = List.of("InputPath", "OutputPath", "ResultPath", "Parameters",
      "ResultSelector", "Result", "ItemsPath", "TimeoutSecondsPath", "HeartbeatSecondsPath", "SecondsPath",
      "TimestampPath", "MaxConcurrencyPath", "ToleratedFailurePercentagePath", "ToleratedFailureCountPath", "ErrorPath",
      "CausePath");

  /** Fields a JSONPath state rejects, in the order AWS reports them. */
  static final List<String> JSONATA_ONLY = List.of("Output", "Arguments", "Items");

  private final String aslName;
  private final Set<String> fields;

  StateType(String aslName, String... fields) {
    this.aslName = aslName;
    this.fields = Set.of(fields);
  }

  String aslName() {
    return aslName;
  }

  boolean accepts(String field) {
    return COMMON_FIELDS.contains(field) || fields.contains(field);
  }

  /** Task, Pass, Wait, Parallel and Map end with Next or End; Choice, Succeed and Fail do not. */
  boolean transitions() {
    return fields.contains("Next");
  }

  static Optional<StateType> byAslName(String name) {
    return Arrays.stream(values()).filter(type -> type.aslName.equals(name)).findFirst();
  }

  static List<String> aslNames() {
    return Arrays.stream(values()).map(StateType::aslName).toList();
  }
}
