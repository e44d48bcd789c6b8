package dev.stepfold.asl.parse;

import static dev.stepfold.asl.parse.Definitions.firstError;
import static dev.stepfold.asl.parse.Definitions.invalid;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TransitionValidationTest {
  @Test
  void shouldReportAMissingNextTargetAndTheStateItStrands() {
    var definition = """
        {"StartAt":"pass1","States":{"pass1":{"Type":"Pass","Next":"pass3"},"pass2":{"Type":"Pass","End":true}}}
        """;

    assertThat(invalid(definition).errors()).extracting(Diagnostic::code, Diagnostic::message, Diagnostic::location)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("MISSING_TRANSITION_TARGET", "Missing 'Next' target: pass3", "/States/pass1/Next"),
            org.assertj.core.groups.Tuple.tuple("MISSING_TRANSITION_TARGET", "State \"pass2\" is not reachable.", "/States/pass2"));
  }

  @Test
  void shouldReportAMissingStartAtTarget() {
    assertThat(firstError("{\"StartAt\":\"Nope\",\"States\":{\"A\":{\"Type\":\"Pass\",\"End\":true}}}"))
        .isEqualTo("MISSING_TRANSITION_TARGET: Missing 'Next' target: Nope at /StartAt");
  }

  @Test
  void shouldReportMissingChoiceDefaultAndCatchTargetsAtTheirFields() {
    assertThat(firstError("""
        {"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.x","IsPresent":true,"Next":"Ghost"}],
          "Default":"Z"},"Z":{"Type":"Pass","End":true}}}
        """)).isEqualTo("MISSING_TRANSITION_TARGET: Missing 'Next' target: Ghost at /States/C/Choices[0]/Next");
    assertThat(firstError("""
        {"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.x","IsPresent":true,"Next":"Z"}],
          "Default":"Ghost"},"Z":{"Type":"Pass","End":true}}}
        """)).isEqualTo("MISSING_TRANSITION_TARGET: Missing 'Next' target: Ghost at /States/C/Default");
    assertThat(firstError("""
        {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
          "Catch":[{"ErrorEquals":["States.ALL"],"Next":"Ghost"}],"End":true}}}
        """)).isEqualTo("MISSING_TRANSITION_TARGET: Missing 'Next' target: Ghost at /States/T/Catch[0]/Next");
  }

  @Test
  void shouldReportAWorkflowWithoutTerminalStateAtNull() {
    var definition = "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"Next\":\"B\"},\"B\":{\"Type\":\"Pass\",\"Next\":\"A\"}}}";

    assertThat(invalid(definition).message())
        .isEqualTo("Invalid State Machine Definition: 'MISSING_END_STATE: Workflow has no terminal state at null'");
  }

  @Test
  void shouldReportAnUnreachableStateInsideAnItemProcessor() {
    assertThat(firstError("""
        {"StartAt":"M","States":{"M":{"Type":"Map","End":true,"ItemProcessor":{"StartAt":"W","States":{
          "W":{"Type":"Pass","End":true},"Ghost":{"Type":"Pass","End":true}}}}}}
        """)).isEqualTo("MISSING_TRANSITION_TARGET: State \"Ghost\" is not reachable. at /States/M/ItemProcessor/States/Ghost");
  }

  @Test
  void shouldAcceptALoopWithoutTerminalStateInsideAMap() {
    Definitions.valid("""
        {"StartAt":"M","States":{"M":{"Type":"Map","End":true,"ItemProcessor":{"StartAt":"A","States":{
          "A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","Next":"A"}}}}}}
        """);
  }
}
