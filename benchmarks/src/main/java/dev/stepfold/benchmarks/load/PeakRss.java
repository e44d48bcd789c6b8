package dev.stepfold.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** The high-water mark of this process's resident set ({@code VmHWM} in {@code /proc/self/status}), on Linux. */
final class PeakRss {
  private PeakRss() {}

  static OptionalLong mebibytes() {
    try {
      for (var line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          long kibibytes = Long.parseLong(line.replaceAll("[^0-9]", ""));
          return OptionalLong.of(kibibytes / 1024);
        }
      }
    } catch (IOException | NumberFormatException e) {
      return OptionalLong.empty();
    }
    return OptionalLong.empty();
  }
}
