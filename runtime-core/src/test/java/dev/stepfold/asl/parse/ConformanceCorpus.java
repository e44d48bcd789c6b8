package dev.stepfold.asl.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepfold.asl.ExecutionType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The shared conformance corpus: definitions AWS accepted ({@code cases}) and rejected ({@code cases-invalid}). */
public final class ConformanceCorpus {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ConformanceCorpus() {}

  /** {@code -Dstepfold.conformance.dir}, else {@code ../shared/conformance} beside the repository. */
  public static Path root() {
    var configured = System.getProperty("stepfold.conformance.dir");
    if (configured != null) {
      return Path.of(configured);
    }
    return Stream.of("../shared/conformance", "../../shared/conformance")
        .map(Path::of)
        .filter(Files::isDirectory)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("Expected the conformance corpus beside the repository"));
  }

  public static List<String> caseIds(String folder) {
    try (var dirs = Files.list(root().resolve(folder))) {
      return dirs.filter(Files::isDirectory).map(dir -> dir.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  record Case(String id, String definitionText, ExecutionType type, JsonNode expected) {}

  static Case load(String folder, String id) {
    var dir = root().resolve(folder).resolve(id);
    var text = read(dir.resolve("definition.json"));
    var definition = parse(text);
    // A rejected definition that is not JSON at all is stored as a JSON string holding its text.
    var definitionText = definition.isTextual() ? definition.textValue() : text;
    var meta = parse(read(dir.resolve("meta.json")));
    var type = ExecutionType.valueOf(meta.path("stateMachineType").asText("STANDARD"));
    var expected = Files.exists(dir.resolve("expected.json")) ? parse(read(dir.resolve("expected.json"))) : null;
    return new Case(id, definitionText, type, expected);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
