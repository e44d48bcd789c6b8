package dev.stepfold.conformance;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The verdict on one case: passed, or the first difference found. */
public record CaseResult(String id, List<String> features, Optional<String> failure) {
  public CaseResult {
    Objects.requireNonNull(id, "id");
    features = List.copyOf(features);
    Objects.requireNonNull(failure, "failure");
  }

  public static CaseResult passed(CorpusCase corpusCase) {
    return new CaseResult(corpusCase.id(), corpusCase.features(), Optional.empty());
  }

  public static CaseResult failed(CorpusCase corpusCase, String reason) {
    return new CaseResult(corpusCase.id(), corpusCase.features(), Optional.of(reason));
  }

  public boolean passed() {
    return failure.isEmpty();
  }
}
