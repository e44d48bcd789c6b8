package dev.stepfold.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Records written with any released schema stay readable with the current one. Every released version of every
 * top-level schema is kept under {@code src/test/resources/compat/v<n>/}, copied there when it was released, and never
 * edited: a change to {@code src/main/avro} that current readers cannot read old records with fails this test.
 */
class SchemaCompatibilityTest {
  private static final Path MAIN_SCHEMAS = Path.of("src/main/avro");
  private static final Path RELEASED = Path.of("src/test/resources/compat");

  static Stream<Path> releasedSchemas() {
    return files(RELEASED).stream();
  }

  @ParameterizedTest
  @MethodSource("releasedSchemas")
  void shouldReadRecordsWrittenWithEveryReleasedSchema(Path released) {
    var writer = parse(released);
    var reader = current(writer.getFullName());

    var compatibility = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);

    assertThat(compatibility.getResult().getIncompatibilities())
        .as("what keeps the current schema from reading records written with %s", RELEASED.relativize(released))
        .extracting(problem -> problem.getType() + " at " + problem.getLocation() + ": " + problem.getMessage())
        .isEmpty();
  }

  @Test
  void shouldKeepAReleasedCopyOfEveryTopLevelSchema() {
    var released = releasedSchemas().map(SchemaCompatibilityTest::parse).map(Schema::getFullName).distinct().toList();

    assertThat(files(MAIN_SCHEMAS)).map(SchemaCompatibilityTest::parse).map(Schema::getFullName)
        .as("schemas in src/main/avro without a copy under %s", RELEASED)
        .isSubsetOf(released);
  }

  /** The schema the generated class of that name was made from. */
  private static Schema current(String fullName) {
    try {
      return SpecificData.get().getSchema(Class.forName(fullName));
    } catch (ClassNotFoundException e) {
      throw new AssertionError("Expected the released schema " + fullName + " to still exist, but there is no class for it", e);
    }
  }

  private static Schema parse(Path file) {
    try {
      return new Schema.Parser().parse(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> files(Path directory) {
    try (var paths = Files.walk(directory)) {
      return paths.filter(path -> path.toString().endsWith(".avsc")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
