package dev.stepfold.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Reads a corpus laid out as {@code shared/conformance}: {@code cases/<id>/} and {@code cases-invalid/<id>/}. */
public final class Corpus {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Corpus() {}

  /** The cases, sorted by id; an {@link IllegalArgumentException} when {@code dir} is not a corpus. */
  public static List<CorpusCase> load(Path dir) {
    var executions = dir.resolve("cases");
    var invalid = dir.resolve("cases-invalid");
    if (!Files.isDirectory(executions) && !Files.isDirectory(invalid)) {
      throw new IllegalArgumentException(dir + " is not a conformance corpus: it has neither cases/ nor cases-invalid/");
    }
    var cases = new ArrayList<CorpusCase>();
    cases.addAll(casesIn(executions, CorpusCase.Kind.EXECUTION));
    cases.addAll(casesIn(invalid, CorpusCase.Kind.INVALID_DEFINITION));
    cases.sort(Comparator.comparing(CorpusCase::id));
    return cases;
  }

  private static List<CorpusCase> casesIn(Path dir, CorpusCase.Kind kind) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> children = Files.list(dir)) {
      return children.filter(Files::isDirectory)
          .map(caseDir -> new CorpusCase(caseDir.getFileName().toString(), caseDir, kind, features(caseDir)))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> features(Path caseDir) {
    var meta = caseDir.resolve("meta.json");
    if (!Files.isRegularFile(meta)) {
      return List.of();
    }
    var features = new ArrayList<String>();
    readJson(meta).path("features").forEach(feature -> features.add(feature.asText()));
    return features;
  }

  static JsonNode readJson(Path file) {
    try {
      return MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  static String readText(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
