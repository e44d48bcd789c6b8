package dev.stepfold.asl.parse;

import static dev.stepfold.asl.parse.Definitions.firstError;
import static dev.stepfold.asl.parse.Definitions.invalid;
import static dev.stepfold.asl.parse.Definitions.single;
import static dev.stepfold.asl.parse.Definitions.valid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stepfold.asl.ExecutionType;
import org.junit.jupiter.api.Test;

class StructureValidationTest {
  @Test
  void shouldReportTextThatIsNotJsonAsJacksonDoes() {
    var error = invalid("{\"StartAt\": }").errors().get(0);

    assertThat(error.code()).isEqualTo("INVALID_JSON_DESCRIPTION");
    assertThat(error.location()).isEqualTo("[Source: (String)\"{\"StartAt\": }\"; line: 1, column: 13]");
    assertThat(error.message()).isEqualTo("Unexpected character ('}' (code 125)): expected a valid value "
        + "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')\n at " + error.location());
  }

  @Test
  void shouldReportBlankTextAndJsonThatIsNotAnObjectAsNoDefinitionPointingNowhere() {
    for (var text : new String[] {" ", "[1, 2]", "\"a string\"", "42"}) {
      assertThat(DefinitionParser.diagnostics(text, ExecutionType.STANDARD)).as(text).containsExactly(new Diagnostic(Diagnostic.Severity.ERROR,
          Diagnostic.SCHEMA_VALIDATION_FAILED, "Definition must be a valid JSON object", Diagnostic.NO_LOCATION));
    }
  }

  @Test
  void shouldReportEveryErrorOfADefinitionAndNoneOfAValidOne() {
    var twoTargetsMissing = """
        {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Nowhere"}, "B": {"Type": "Pass", "Next": "Elsewhere"}}}""";

    assertThat(DefinitionParser.diagnostics(twoTargetsMissing, ExecutionType.STANDARD)).extracting(Diagnostic::code)
        .containsExactly(Diagnostic.MISSING_TRANSITION_TARGET, Diagnostic.MISSING_TRANSITION_TARGET, Diagnostic.MISSING_END_STATE);
    assertThat(DefinitionParser.diagnostics("{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Succeed\"}}}", ExecutionType.EXPRESS))
        .isEmpty();
  }

  @Test
  void shouldRequireStatesAndStartAt() {
    assertThat(invalid("{\"StartAt\":\"A\"}").message())
        .isEqualTo("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: These fields are required: [States] at /'");
  }

  @Test
  void shouldRejectAnUnknownTopLevelField() {
    assertThat(firstError("{\"StartAt\":\"S\",\"Coment\":\"x\",\"States\":{\"S\":{\"Type\":\"Pass\",\"End\":true}}}"))
        .isEqualTo("SCHEMA_VALIDATION_FAILED: Field 'Coment' is not supported at /");
  }

  @Test
  void shouldRejectAVersionOtherThanOnePointZero() {
    assertThat(firstError("{\"Version\":\"2.0\",\"StartAt\":\"S\",\"States\":{\"S\":{\"Type\":\"Pass\",\"End\":true}}}"))
        .isEqualTo("SCHEMA_VALIDATION_FAILED: Value should be one of the following: [1.0] at /Version");
  }

  @Test
  void shouldRequireAStateType() {
    assertThat(firstError(single("{\"End\":true}")))
        .isEqualTo("SCHEMA_VALIDATION_FAILED: These fields are required: [Type] at /States/S");
  }

  @Test
  void shouldRejectAnUnknownStateType() {
    assertThat(firstError(single("{\"Type\":\"Sleep\",\"End\":true}"))).isEqualTo("SCHEMA_VALIDATION_FAILED: "
        + "Value should be one of the following: [Task, Pass, Choice, Wait, Succeed, Fail, Parallel, Map] at /States/S/Type");
  }

  @Test
  void shouldRejectAFieldTheStateTypeDoesNotSupport() {
    assertThat(firstError(single("{\"Type\":\"Pass\",\"TimeoutSeconds\":5,\"End\":true}")))
        .isEqualTo("SCHEMA_VALIDATION_FAILED: Field 'TimeoutSeconds' is not supported at /States/S");
    assertThat(firstError(single("{\"Type\":\"Pass\",\"End\":true,\"Catch\":[{\"ErrorEquals\":[\"States.ALL\"],\"Next\":\"S\"}]}")))
        .isEqualTo("SCHEMA_VALIDATION_FAILED: Field 'Catch' is not supported at /States/S");
  }

  @Test
  void shouldRejectNextTogetherWithEnd() {
    assertThat(firstError(single("{\"Type\":\"Pass\",\"Next\":\"S\",\"End\":true}")))
        .isEqualTo("SCHEMA_VALIDATION_FAILED: There should only be one of the following fields: [Next, End] at /States/S");
  }

  @Test
  void shouldRequireNextOrEnd() {
    assertThat(firstError(single("{\"Type\":\"Pass\"}"))).isEqualTo(
        "SCHEMA_VALIDATION_FAILED: This object should have only one of the following fields: [Next, End] at /States/S");
  }

  @Test
  void shouldRejectATimestampThatIsNotRfc3339() {
    for (var timestamp : new String[] {"2016-13-05T21:29:29Z", "2016-12-05 21:29:29Z", "2016-12-05T21:29:29"}) {
      assertThat(firstError(single("{\"Type\":\"Wait\",\"Timestamp\":\"" + timestamp + "\",\"End\":true}")))
          .isEqualTo("SCHEMA_VALIDATION_FAILED: String does not match RFC3339 timestamp at /States/S/Timestamp");
    }
    valid(single("{\"Type\":\"Wait\",\"Timestamp\":\"2016-03-14T01:59:00.123+02:00\",\"End\":true}"));
  }

  @Test
  void shouldRequireExactlyOneWaitDuration() {
    assertThat(firstError(single("{\"Type\":\"Wait\",\"Seconds\":1,\"SecondsPath\":\"$.s\",\"End\":true}")))
        .isEqualTo("SCHEMA_VALIDATION_FAILED: There should only be one of the following fields: "
            + "[Seconds, Timestamp, SecondsPath, TimestampPath] at /States/S/Seconds");
  }

  @Test
  void shouldRejectBothErrorAndErrorPath() {
    assertThat(firstError(single("{\"Type\":\"Fail\",\"Error\":\"E\",\"ErrorPath\":\"$.e\"}"))).isEqualTo(
        "SCHEMA_VALIDATION_FAILED: There should only be one of the following fields: [Error, ErrorPath] at /States/S/Error");
  }

  @Test
  void shouldRequireAPositiveTimeoutAndAHeartbeatBelowIt() {
    var task = "{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\",\"End\":true,";
    assertThat(firstError(single(task + "\"TimeoutSeconds\":0}")))
        .isEqualTo("SCHEMA_VALIDATION_FAILED: Minimum value is 1 at /States/S/TimeoutSeconds");
    assertThat(firstError(single(task + "\"TimeoutSeconds\":\"10\"}")))
        .isEqualTo("SCHEMA_VALIDATION_FAILED: Expected value of type [INTEGER] at /States/S/TimeoutSeconds");
    assertThat(firstError(single(task + "\"TimeoutSeconds\":10,\"HeartbeatSeconds\":10}")))
        .isEqualTo("SCHEMA_VALIDATION_FAILED: HeartbeatSeconds must be smaller than TimeoutSeconds at /States/S/HeartbeatSeconds");
  }

  @Test
  void shouldRequireARoleArnInCredentials() {
    assertThat(invalid(single("{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\","
        + "\"Credentials\":{\"Role\":\"x\"},\"End\":true}")).message())
        .isEqualTo("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: "
            + "The field 'RoleArn' is required but was missing at /States/S/Credentials'");
  }

  @Test
  void shouldValidateNestedStatesAtTheirOwnLocation() {
    var definition = "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Parallel\",\"End\":true,\"Branches\":["
        + "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\"}}}]}}}";

    assertThat(firstError(definition)).isEqualTo("SCHEMA_VALIDATION_FAILED: "
        + "This object should have only one of the following fields: [Next, End] at /States/P/Branches[0]/States/A");
  }

  @Test
  void shouldAcceptEveryStateTypeInItsPlainestForm() {
    valid("""
        {"StartAt":"P","States":{
          "P":{"Type":"Pass","Next":"C"},
          "C":{"Type":"Choice","Choices":[{"Variable":"$.x","IsPresent":true,"Next":"W"}],"Default":"F"},
          "W":{"Type":"Wait","Seconds":1,"Next":"T"},
          "T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:111111111111:function:f","Next":"Par"},
          "Par":{"Type":"Parallel","Branches":[{"StartAt":"B","States":{"B":{"Type":"Succeed"}}}],"Next":"M"},
          "M":{"Type":"Map","ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},"Next":"Done"},
          "Done":{"Type":"Succeed"},
          "F":{"Type":"Fail","Error":"E","Cause":"C"}}}
        """, ExecutionType.EXPRESS);
  }
}
