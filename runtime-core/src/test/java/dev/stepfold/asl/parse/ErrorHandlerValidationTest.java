package dev.stepfold.asl.parse;

import static dev.stepfold.asl.parse.Definitions.firstError;
import static dev.stepfold.asl.parse.Definitions.single;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErrorHandlerValidationTest {
  private static String taskWith(String handlers) {
    return single("{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\",\"End\":true," + handlers + "}");
  }

  @Test
  void shouldRequireErrorEqualsInARetrier() {
    assertThat(firstError(taskWith("\"Retry\":[{\"MaxAttempts\":1}]")))
        .isEqualTo("SCHEMA_VALIDATION_FAILED: These fields are required: [ErrorEquals] at /States/S/Retry[0]");
  }

  @Test
  void shouldRequireErrorEqualsAndNextInACatcher() {
    assertThat(firstError(taskWith("\"Catch\":[{}]")))
        .isEqualTo("SCHEMA_VALIDATION_FAILED: These fields are required: [ErrorEquals, Next] at /States/S/Catch[0]");
  }

  @Test
  void shouldRejectAnEmptyErrorEquals() {
    assertThat(firstError(taskWith("\"Retry\":[{\"ErrorEquals\":[]}]")))
        .isEqualTo("SCHEMA_VALIDATION_FAILED: Value cannot be empty at /States/S/Retry[0]/ErrorEquals");
  }

  @Test
  void shouldRequireStatesAllAlone() {
    assertThat(firstError(taskWith("\"Retry\":[{\"ErrorEquals\":[\"States.ALL\",\"States.Timeout\"]}]")))
        .isEqualTo("SCHEMA_VALIDATION_FAILED: States.ALL must appear alone and at end of list at /States/S/Retry[0]/ErrorEquals");
  }

  @Test
  void shouldRequireStatesAllInTheLastHandler() {
    assertThat(firstError(taskWith("\"Retry\":[{\"ErrorEquals\":[\"States.ALL\"]},{\"ErrorEquals\":[\"E\"]}]")))
        .isEqualTo("SCHEMA_VALIDATION_FAILED: States.ALL must appear alone and at end of list at /States/S/Retry[0]/ErrorEquals");
  }

  @Test
  void shouldCheckRetrierRanges() {
    assertThat(firstError(taskWith("\"Retry\":[{\"ErrorEquals\":[\"E\"],\"IntervalSeconds\":0}]")))
        .isEqualTo("SCHEMA_VALIDATION_FAILED: Minimum value is 1 at /States/S/Retry[0]/IntervalSeconds");
    assertThat(firstError(taskWith("\"Retry\":[{\"ErrorEquals\":[\"E\"],\"MaxAttempts\":-1}]")))
        .isEqualTo("SCHEMA_VALIDATION_FAILED: Minimum value is 0 at /States/S/Retry[0]/MaxAttempts");
    assertThat(firstError(taskWith("\"Retry\":[{\"ErrorEquals\":[\"E\"],\"BackoffRate\":0.5}]")))
        .isEqualTo("SCHEMA_VALIDATION_FAILED: Minimum value is 1 at /States/S/Retry[0]/BackoffRate");
    assertThat(firstError(taskWith("\"Retry\":[{\"ErrorEquals\":[\"E\"],\"JitterStrategy\":\"HALF\"}]")))
        .isEqualTo("SCHEMA_VALIDATION_FAILED: Value should be one of the following: [FULL, NONE] at /States/S/Retry[0]/JitterStrategy");
  }

  @Test
  void shouldRejectAnUnknownRetrierField() {
    assertThat(firstError(taskWith("\"Retry\":[{\"ErrorEquals\":[\"E\"],\"Attempts\":2}]")))
        .isEqualTo("SCHEMA_VALIDATION_FAILED: Field 'Attempts' is not supported at /States/S/Retry[0]");
  }
}
