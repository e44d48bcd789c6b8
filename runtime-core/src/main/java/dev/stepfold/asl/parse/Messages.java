package dev.stepfold.asl.parse;

import java.util.List;

/** AWS's wording of its definition diagnostics. */
final class Messages {
  private Messages() {}

  /** A definition that is blank or not a JSON object, as ValidateStateMachineDefinition of {@code " "} answers it. */
  static final String NOT_AN_OBJECT = "Definition must be a valid JSON object";

  static String required(List<String> fields) {
    return "These fields are required: " + list(fields);
  }

  static String notSupported(String field) {
    return "Field '" + field + "' is not supported";
  }

  static String expectedType(String type) {
    return "Expected value of type [" + type + "]";
  }

  static String oneOf(List<String> values) {
    return "Value should be one of the following: " + list(values);
  }

  /** Two or more of mutually exclusive fields are present. */
  static String onlyOneOf(List<String> fields) {
    return "There should only be one of the following fields: " + list(fields);
  }

  /** None of fields of which exactly one is required is present. */
  static String exactlyOneOf(List<String> fields) {
    return "This object should have only one of the following fields: " + list(fields);
  }

  static String onlyForLanguage(String stateLanguage, String field, String fieldLanguage) {
    return "The QueryLanguage is set to '" + stateLanguage + "', but field '" + field
        + "' is only supported for the '" + fieldLanguage + "' QueryLanguage";
  }

  static final String JSONPATH_UNDER_JSONATA =
      "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine";

  static String minimum(String value) {
    return "Minimum value is " + value;
  }

  static String maximum(String value) {
    return "Maximum value is " + value;
  }

  static final String EMPTY = "Value cannot be empty";
  static final String NOT_RFC3339 = "String does not match RFC3339 timestamp";
  static final String NOT_A_JSONPATH = "Value must be a valid JSONPath.";
  static final String NOT_A_REFERENCE_PATH = "Value is not a Reference Path";
  static final String NOT_A_REFERENCE_PATH_NO_DOLLAR = "Value is not a Reference Path: Reference path didn't start with '$'";
  static final String JSONATA_DELIMITERS = "JSONata string must start with {% and end with %}";
  static final String NOT_A_RESOURCE_ARN = "Value is not a valid resource ARN";
  static final String ROLE_ARN_MISSING = "The field 'RoleArn' is required but was missing";
  static final String STATES_ALL_ALONE_AND_LAST = "States.ALL must appear alone and at end of list";
  static final String HEARTBEAT_NOT_BELOW_TIMEOUT = "HeartbeatSeconds must be smaller than TimeoutSeconds";
  static final String EXPRESS_ACTIVITY = "Express state machine does not support Activity ARN";
  static final String EXPRESS_SYNC = "Express state machine does not support '.sync' service integration";
  // AWS's text ends with a space.
  static final String EXPRESS_WAIT_FOR_TASK_TOKEN = "Express state machine does not support '.waitForTaskToken' service integration ";
  static final String ITEM_READER_RESOURCE = "The field 'Resource' does not match any of the allowed values";

  static String resourceNotRecognized(String resource) {
    return "The resource provided " + resource
        + " is not recognized. The value is not a valid resource ARN, or the resource is not available in this region.";
  }

  static String templateValue(String key) {
    return "The value for the field '" + key + "' must be a valid JSONPath or a valid intrinsic function call";
  }

  static final String NO_TERMINAL_STATE = "Workflow has no terminal state";

  static String missingTarget(String target) {
    return "Missing 'Next' target: " + target;
  }

  static String unreachable(String state) {
    return "State \"" + state + "\" is not reachable.";
  }

  private static String list(List<String> items) {
    return "[" + String.join(", ", items) + "]";
  }
}
