package dev.stepfold.conformance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The verdicts of a conformance run: the JSON report, and a scoreboard by feature. */
public record ConformanceReport(List<CaseResult> results) {
  public ConformanceReport {
    results = List.copyOf(results);
  }

  public int total() {
    return results.size();
  }

  public int passed() {
    return (int) results.stream().filter(CaseResult::passed).count();
  }

  public List<CaseResult> failed() {
    return results.stream().filter(result -> !result.passed()).toList();
  }

  /** {@code {"total": N, "passed": N, "failed": [{"id": ..., "features": [...], "reason": ...}]}}. */
  public ObjectNode toJson() {
    var json = Corpus.MAPPER.createObjectNode();
    json.put("total", total());
    json.put("passed", passed());
    var failed = json.putArray("failed");
    for (var result : failed()) {
      var entry = failed.addObject();
      entry.put("id", result.id());
      var features = entry.putArray("features");
      result.features().forEach(features::add);
      entry.put("reason", result.failure().orElseThrow());
    }
    return json;
  }

  /** Passed and total cases per feature, one feature per line, then all cases. */
  public String scoreboard() {
    var byFeature = new TreeMap<String, int[]>();
    for (var result : results) {
      for (var feature : result.features()) {
        var counts = byFeature.computeIfAbsent(feature, name -> new int[2]);
        counts[0] += result.passed() ? 1 : 0;
        counts[1]++;
      }
    }
    var text = new StringBuilder(String.format("%-20s %8s %8s %7s%n", "feature", "passed", "total", "%"));
    for (Map.Entry<String, int[]> feature : byFeature.entrySet()) {
      text.append(line(feature.getKey(), feature.getValue()[0], feature.getValue()[1]));
    }
    text.append(line("all cases", passed(), total()));
    return text.toString();
  }

  private static String line(String name, int passed, int total) {
    var percent = total == 0 ? 0.0 : 100.0 * passed / total;
    return String.format("%-20s %8d %8d %6.1f%%%n", name, passed, total, percent);
  }
}
