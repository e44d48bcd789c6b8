package dev.stepfold.asl.parse;

import static dev.stepfold.asl.parse.Definitions.firstError;
import static dev.stepfold.asl.parse.Definitions.single;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Checks that rest on the syntax checks of {@code dev.stepfold.paths}. */
class PathDependentValidationTest {
  @Test
  void shouldRejectATemplateValueThatIsNeitherAPathNorAnIntrinsicCall() {
    assertThat(firstError(single("{\"Type\":\"Pass\",\"Parameters\":{\"x.$\":\"not a path\"},\"End\":true}")))
        .isEqualTo("SCHEMA_VALIDATION_FAILED: The value for the field 'x.$' must be a valid JSONPath or a valid "
            + "intrinsic function call at /States/S/Parameters");
  }

  @Test
  void shouldRejectAResultPathThatIsNotAReferencePath() {
    assertThat(firstError(single("{\"Type\":\"Pass\",\"ResultPath\":\"$.items[*]\",\"End\":true}")))
        .isEqualTo("SCHEMA_VALIDATION_FAILED: Value is not a Reference Path at /States/S/ResultPath");
  }

  @Test
  void shouldRejectAResultPathIntoTheContextObject() {
    assertThat(firstError(single("{\"Type\":\"Pass\",\"ResultPath\":\"$$.Execution.Input\",\"End\":true}")))
        .isEqualTo("SCHEMA_VALIDATION_FAILED: Value is not a Reference Path at /States/S/ResultPath");
  }

  @Test
  void shouldRejectACatcherResultPathIntoTheContextObject() {
    assertThat(firstError(single("{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\",\"End\":true,"
        + "\"Catch\":[{\"ErrorEquals\":[\"States.ALL\"],\"ResultPath\":\"$$.Map\",\"Next\":\"S\"}]}")))
        .isEqualTo("SCHEMA_VALIDATION_FAILED: Value is not a Reference Path at /States/S/Catch[0]/ResultPath");
  }
}
