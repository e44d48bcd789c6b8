package dev.stepfold.asl.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every definition AWS accepted parses as valid; every one it rejected is rejected with AWS's exact message. */
class ConformanceCorpusTest {
  static List<String> acceptedCases() {
    return ConformanceCorpus.caseIds("cases");
  }

  static List<String> rejectedCases() {
    return ConformanceCorpus.caseIds("cases-invalid");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("acceptedCases")
  void shouldAcceptEveryDefinitionAwsAccepted(String id) {
    var corpusCase = ConformanceCorpus.load("cases", id);

    var parsed = DefinitionParser.parse(corpusCase.definitionText(), corpusCase.type());

    assertThat(parsed).isInstanceOf(ParsedDefinition.Valid.class);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rejectedCases")
  void shouldRejectEveryDefinitionAwsRejectedWithItsMessage(String id) {
    var corpusCase = ConformanceCorpus.load("cases-invalid", id);
    var expected = corpusCase.expected();

    var parsed = DefinitionParser.parse(corpusCase.definitionText(), corpusCase.type());

    assertThat(parsed).isInstanceOf(ParsedDefinition.Invalid.class);
    var invalid = (ParsedDefinition.Invalid) parsed;
    if (expected.get("api").asText().equals("CreateStateMachine")) {
      assertThat(invalid.message()).isEqualTo(withPartition(expected.get("message").asText()));
    } else {
      assertThat(invalid.errors()).containsExactlyElementsOf(diagnostics(expected));
    }
  }

  private static List<Diagnostic> diagnostics(com.fasterxml.jackson.databind.JsonNode expected) {
    var diagnostics = new ArrayList<Diagnostic>();
    expected.get("diagnostics").forEach(d -> diagnostics.add(new Diagnostic(
        Diagnostic.Severity.valueOf(d.get("severity").asText()), d.get("code").asText(), d.get("message").asText(),
        d.get("location").asText())));
    return diagnostics;
  }

  /** The recorder replaced the partition of ARNs with a placeholder; the corpus runs in partition {@code aws}. */
  private static String withPartition(String message) {
    return message.replace("<partition>", "aws");
  }
}
