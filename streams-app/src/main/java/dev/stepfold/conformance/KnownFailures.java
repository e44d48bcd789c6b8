package dev.stepfold.conformance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The cases expected to fail, one id per line with {@code  # reason}; blank lines and lines starting with {@code #} are
 * comments. A case that fails outside the list is a regression; a listed case that passes must leave the list.
 */
public final class KnownFailures {
  private static final int MAX_REASON = 240;

  private KnownFailures() {}

  /** Case id to reason. */
  public static Map<String, String> parse(String text) {
    var known = new LinkedHashMap<String, String>();
    for (var line : text.split("\n")) {
      var trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      var hash = trimmed.indexOf(" #");
      var id = (hash < 0 ? trimmed : trimmed.substring(0, hash)).strip();
      known.put(id, hash < 0 ? "" : trimmed.substring(hash + 2).strip());
    }
    return known;
  }

  /** The list for a run: every failed case, reasons from its first difference; composite features marked. */
  public static String render(ConformanceReport report) {
    var text = new StringBuilder();
    text.append("# Conformance cases that fail today, one id per line with its first difference.\n");
    text.append("# Regenerate: ./mvnw -B -pl streams-app -am test -Dtest=ConformanceCorpusTest"
        + " -Dsurefire.failIfNoSpecifiedTests=false -Dstepfold.conformance.updateKnownFailures=true\n");
    for (var result : report.failed()) {
      var composite = result.features().stream().anyMatch(CorpusCase.COMPOSITE_FEATURES::contains);
      text.append(result.id()).append(" # ").append(composite ? "[composite] " : "").append(oneLine(result.failure().orElseThrow())).append('\n');
    }
    return text.toString();
  }

  /** What a run says about the list: the regressions and the listed cases that now pass, each sorted. */
  public record Verdict(List<CaseResult> regressions, List<String> nowPassing) {
    public Verdict {
      regressions = List.copyOf(regressions);
      nowPassing = List.copyOf(nowPassing);
    }

    public boolean clean() {
      return regressions.isEmpty() && nowPassing.isEmpty();
    }

    public String describe() {
      var text = new StringBuilder();
      if (!regressions.isEmpty()) {
        text.append(regressions.size()).append(" case(s) fail that are not on the known-failure list:\n");
        regressions.forEach(result -> text.append("  ").append(result.id()).append(" # ").append(oneLine(result.failure().orElseThrow())).append('\n'));
      }
      if (!nowPassing.isEmpty()) {
        text.append(nowPassing.size()).append(" case(s) on the known-failure list pass now; take them off the list:\n");
        nowPassing.forEach(id -> text.append("  ").append(id).append('\n'));
      }
      return text.toString();
    }
  }

  public static Verdict judge(ConformanceReport report, Map<String, String> known) {
    var regressions = new ArrayList<CaseResult>();
    var nowPassing = new TreeSet<String>();
    for (var result : report.results()) {
      if (!result.passed() && !known.containsKey(result.id())) {
        regressions.add(result);
      }
      if (result.passed() && known.containsKey(result.id())) {
        nowPassing.add(result.id());
      }
    }
    return new Verdict(regressions, new ArrayList<>(nowPassing));
  }

  static String oneLine(String reason) {
    var line = reason.replaceAll("\\s+", " ").strip();
    return line.length() <= MAX_REASON ? line : line.substring(0, MAX_REASON) + "...";
  }
}
