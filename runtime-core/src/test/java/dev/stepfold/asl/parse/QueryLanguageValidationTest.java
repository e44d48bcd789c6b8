package dev.stepfold.asl.parse;

import static dev.stepfold.asl.parse.Definitions.firstError;
import static dev.stepfold.asl.parse.Definitions.invalid;
import static dev.stepfold.asl.parse.Definitions.single;
import static dev.stepfold.asl.parse.Definitions.singleJsonata;
import static dev.stepfold.asl.parse.Definitions.valid;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryLanguageValidationTest {
  @Test
  void shouldRejectAJsonataFieldOnAJsonPathState() {
    assertThat(firstError(single("{\"Type\":\"Pass\",\"Output\":{\"a\":1},\"End\":true}"))).isEqualTo(
        "SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONPath', but field 'Output' is only supported "
            + "for the 'JSONata' QueryLanguage at /States/S");
  }

  @Test
  void shouldRejectJsonPathFieldsOnAJsonataStateInOrder() {
    var errors = invalid(singleJsonata("{\"Type\":\"Pass\",\"ResultPath\":\"$.c\",\"InputPath\":\"$.a\",\"End\":true}"))
        .errors();

    assertThat(errors).extracting(Diagnostic::message).containsExactly(
        "The QueryLanguage is set to 'JSONata', but field 'InputPath' is only supported for the 'JSONPath' QueryLanguage",
        "The QueryLanguage is set to 'JSONata', but field 'ResultPath' is only supported for the 'JSONPath' QueryLanguage");
  }

  @Test
  void shouldRejectAJsonPathStateInAJsonataStateMachine() {
    assertThat(firstError(singleJsonata("{\"Type\":\"Pass\",\"QueryLanguage\":\"JSONPath\",\"Output\":1,\"End\":true}")))
        .isEqualTo("SCHEMA_VALIDATION_FAILED: "
            + "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine at /States/S");
  }

  @Test
  void shouldRejectAnUnknownQueryLanguage() {
    assertThat(firstError(single("{\"Type\":\"Pass\",\"QueryLanguage\":\"jsonata\",\"End\":true}"))).isEqualTo(
        "SCHEMA_VALIDATION_FAILED: Value should be one of the following: [JSONPath, JSONata] at /States/S/QueryLanguage");
  }

  @Test
  void shouldRejectAQueryLanguageOnAnItemProcessor() {
    assertThat(firstError("""
        {"StartAt":"M","States":{"M":{"Type":"Map","End":true,"ItemProcessor":{"QueryLanguage":"JSONata",
          "StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}}}}
        """)).isEqualTo("SCHEMA_VALIDATION_FAILED: Field 'QueryLanguage' is not supported at /States/M/ItemProcessor");
  }

  @Test
  void shouldAcceptJsonataExpressionsWhereJsonataStatesTakeThem() {
    valid(singleJsonata("""
        {"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Arguments":"{% $states.input %}",
         "TimeoutSeconds":"{% $t %}","HeartbeatSeconds":"{% $h %}","Output":"{% $states.result %}",
         "Assign":{"x":"{% 1 %}"},"Credentials":{"RoleArn":"{% $role %}"},"End":true}
        """));
    valid(singleJsonata("{\"Type\":\"Wait\",\"Timestamp\":\"{% $states.input.at %}\",\"End\":true}"));
    valid(singleJsonata("{\"Type\":\"Fail\",\"Error\":\"{% 'E' %}\",\"Cause\":\"{% 'C' %}\"}"));
  }

  @Test
  void shouldRejectAJsonataExpressionInAJsonPathTimestamp() {
    assertThat(firstError(single("{\"Type\":\"Wait\",\"Timestamp\":\"{% '2016-03-14T01:59:00Z' %}\",\"End\":true}")))
        .isEqualTo("SCHEMA_VALIDATION_FAILED: String does not match RFC3339 timestamp at /States/S/Timestamp");
  }
}
