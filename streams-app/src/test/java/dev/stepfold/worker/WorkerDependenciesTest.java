package dev.stepfold.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The worker client runs in any service: it uses Kafka's clients and the project's schemas, not Kafka Streams or the engine. */
class WorkerDependenciesTest {
  private static final Path SOURCES = Path.of("src/main/java/dev/stepfold/worker");
  private static final List<String> FORBIDDEN = List.of("org.apache.kafka.streams", "dev.stepfold.engine", "dev.stepfold.codec", "kafka.");

  @Test
  void shouldImportNeitherKafkaStreamsNorTheEngine() throws IOException {
    List<String> imports;
    try (Stream<Path> files = Files.walk(SOURCES)) {
      imports = files.filter(file -> file.toString().endsWith(".java") && !file.startsWith(SOURCES.resolve("example")))
          .flatMap(WorkerDependenciesTest::lines)
          .filter(line -> line.startsWith("import "))
          .toList();
    }
    assertThat(imports).isNotEmpty();
    assertThat(imports).noneMatch(line -> FORBIDDEN.stream().anyMatch(prefix -> line.startsWith("import " + prefix)));
  }

  private static Stream<String> lines(Path file) {
    try {
      return Files.readAllLines(file).stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
