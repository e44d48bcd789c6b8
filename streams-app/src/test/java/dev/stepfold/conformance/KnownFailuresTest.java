package dev.stepfold.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KnownFailuresTest {
  private static final ConformanceReport REPORT = new ConformanceReport(List.of(
      new CaseResult("a.pass", List.of("Pass"), Optional.empty()),
      new CaseResult("b.map", List.of("Map", "Pass"), Optional.of("events[3](MapStateStarted): missing\nsecond line")),
      new CaseResult("c.task", List.of("Task"), Optional.of("status: expected SUCCEEDED, but got FAILED"))));

  @Test
  void shouldParseIdsAndReasonsSkippingComments() {
    var known = KnownFailures.parse("# header\n\nb.map # [composite] events differ\nc.task\n");

    assertThat(known).containsEntry("b.map", "[composite] events differ").containsEntry("c.task", "").hasSize(2);
  }

  @Test
  void shouldRenderEveryFailureOnOneLineAndMarkCompositeFeatures() {
    var text = KnownFailures.render(REPORT);

    assertThat(text.lines().filter(line -> !line.startsWith("#")))
        .containsExactly("b.map # [composite] events[3](MapStateStarted): missing second line", "c.task # status: expected SUCCEEDED, but got FAILED");
    assertThat(KnownFailures.parse(text).keySet()).containsExactly("b.map", "c.task");
  }

  @Test
  void shouldFindRegressionsAndCasesThatPassNow() {
    var verdict = KnownFailures.judge(REPORT, KnownFailures.parse("a.pass # was broken\nb.map # known\n"));

    assertThat(verdict.regressions()).extracting(CaseResult::id).containsExactly("c.task");
    assertThat(verdict.nowPassing()).containsExactly("a.pass");
    assertThat(verdict.describe()).contains("1 case(s) fail that are not on the known-failure list", "c.task # status",
        "1 case(s) on the known-failure list pass now", "  a.pass");
  }

  @Test
  void shouldBeCleanWhenTheListMatchesTheRun() {
    assertThat(KnownFailures.judge(REPORT, KnownFailures.parse(KnownFailures.render(REPORT))).clean()).isTrue();
  }

  @Test
  void shouldPrintAScoreboardByFeature() {
    assertThat(REPORT.scoreboard().lines()).anySatisfy(line -> assertThat(line).matches("Pass\\s+1\\s+2\\s+50.0%"))
        .anySatisfy(line -> assertThat(line).matches("all cases\\s+1\\s+3\\s+33.3%"));
    assertThat(REPORT.toJson().toString()).isEqualTo("{\"total\":3,\"passed\":1,\"failed\":[{\"id\":\"b.map\",\"features\":[\"Map\",\"Pass\"],"
        + "\"reason\":\"events[3](MapStateStarted): missing\\nsecond line\"},{\"id\":\"c.task\",\"features\":[\"Task\"],"
        + "\"reason\":\"status: expected SUCCEEDED, but got FAILED\"}]}");
  }
}
