package dev.stepfold.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepfold.conformance.ConformanceRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stepfold conformance}: replays a corpus of AWS recordings and reports the differences. */
@CommandLine.Command(
    name = "conformance",
    description = {
        "Replays every case of a conformance corpus (cases/ and cases-invalid/) through the parser and the engine,",
        "compares with what AWS recorded, prints a scoreboard by feature and writes a JSON report.",
        "Exits 0 whatever the verdicts; non-zero only when DIR is not a corpus."},
    mixinStandardHelpOptions = true)
final class ConformanceCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR", description = "the corpus directory")
  Path dir;

  @Option(names = "--report", paramLabel = "FILE", description = "where to write the JSON report")
  Path report;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    var out = spec.commandLine().getOut();
    if (!Files.isDirectory(dir.resolve("cases")) && !Files.isDirectory(dir.resolve("cases-invalid"))) {
      throw new CommandLine.ParameterException(spec.commandLine(), dir + " is not a conformance corpus: it has neither cases/ nor cases-invalid/");
    }
    var result = new ConformanceRunner().run(dir);
    out.print(result.scoreboard());
    if (report != null) {
      var parent = report.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(report.toFile(), result.toJson());
      out.println("report: " + report);
    }
    out.flush();
    return 0;
  }
}
