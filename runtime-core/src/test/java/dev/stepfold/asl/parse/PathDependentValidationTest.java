package dev.stepfold.asl.parse;

import static dev.stepfold.asl.parse.Definitions.firstError;
import static dev.stepfold.asl.parse.Definitions.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Checks that rest on {@code dev.stepfold.paths} (through {@link PathSyntax}); skipped until that package is merged. */
class PathDependentValidationTest {
  @BeforeEach
  void needsPathSyntax() {
    assumeTrue(PathSyntax.available(), "dev.stepfold.paths is not built yet");
  }

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
}
