package dev.stepfold.conformance;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** One case of a conformance corpus: a recorded execution ({@code cases/}) or a rejected definition ({@code cases-invalid/}). */
public record CorpusCase(String id, Path dir, Kind kind, List<String> features) {
  public enum Kind { EXECUTION, INVALID_DEFINITION }

  /** Features whose cases the first engine release leaves to later work; their known failures are marked. */
  public static final List<String> COMPOSITE_FEATURES = List.of("Parallel", "Map", "DistributedMap", "JSONata", "Variables");

  public CorpusCase {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(kind, "kind");
    features = List.copyOf(features);
  }

  public boolean composite() {
    return features.stream().anyMatch(COMPOSITE_FEATURES::contains);
  }
}
