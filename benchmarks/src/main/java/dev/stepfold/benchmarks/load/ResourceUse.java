package dev.stepfold.benchmarks.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * What the run holds at one moment: this process's resident set ({@code VmRSS} in {@code /proc/self/status}, Linux
 * only), its heap in use right after a full collection (the live data, which RSS hides once the heap has grown), and
 * the bytes of the Kafka Streams state directory (the stores' files) and of the embedded broker's log segments (the
 * topics' records; its index files, preallocated sparse at 10 MiB each, are left out).
 */
record ResourceUse(OptionalLong rssMebibytes, long liveHeapMebibytes, long stateDirectoryBytes, long brokerDataBytes) {
  private static final long MEBIBYTE = 1024 * 1024;

  /** Measures now; {@code dataDir} is the runtime's data directory ({@code streams/} and {@code kafka/} under it). Runs a full GC. */
  static ResourceUse now(Path dataDir) {
    System.gc();
    var runtime = Runtime.getRuntime();
    return new ResourceUse(status("VmRSS:"), (runtime.totalMemory() - runtime.freeMemory()) / MEBIBYTE, bytesUnder(dataDir.resolve("streams"), ""),
        bytesUnder(dataDir.resolve("kafka"), ".log"));
  }

  /** The high-water mark of this process's resident set ({@code VmHWM}). */
  static OptionalLong peakRssMebibytes() {
    return status("VmHWM:");
  }

  String text() {
    return "RSS %s, live heap %d MiB, state directory %s, broker log segments %s".formatted(
        rssMebibytes.isPresent() ? rssMebibytes.getAsLong() + " MiB" : "unknown", liveHeapMebibytes, mebibytes(stateDirectoryBytes),
        mebibytes(brokerDataBytes));
  }

  String json() {
    return "{\"rssMebibytes\": %s, \"liveHeapMebibytes\": %d, \"stateDirectoryBytes\": %d, \"brokerDataBytes\": %d}".formatted(
        rssMebibytes.isPresent() ? Long.toString(rssMebibytes.getAsLong()) : "null", liveHeapMebibytes, stateDirectoryBytes, brokerDataBytes);
  }

  static String mebibytes(long bytes) {
    return LoadDriver.format(bytes / (double) MEBIBYTE) + " MiB";
  }

  private static OptionalLong status(String field) {
    try {
      for (var line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(field)) {
          return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024);
        }
      }
    } catch (IOException | NumberFormatException e) {
      return OptionalLong.empty();
    }
    return OptionalLong.empty();
  }

  /**
   * The sizes of the regular files under {@code dir} whose names end with {@code suffix}; files that go while it is walked (RocksDB compacts, segments are
   * deleted) are skipped, and a directory that goes makes it walk again.
   */
  private static long bytesUnder(Path dir, String suffix) {
    for (int attempt = 1; ; attempt++) {
      if (!Files.isDirectory(dir)) {
        return 0;
      }
      try (Stream<Path> paths = Files.walk(dir)) {
        return paths.filter(path -> path.getFileName().toString().endsWith(suffix)).mapToLong(ResourceUse::sizeIfThere).sum();
      } catch (IOException | UncheckedIOException e) {
        if (attempt == 5) {
          throw new IllegalStateException("Expected to measure " + dir + ", but " + e.getMessage(), e);
        }
      }
    }
  }

  private static long sizeIfThere(Path path) {
    try {
      return Files.isRegularFile(path) ? Files.size(path) : 0;
    } catch (NoSuchFileException e) {
      return 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
