package dev.stepfold.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's table of the 37 operations says which ones are answered, as the registry does. */
class ReadmeOperationsTest {
  private static final Pattern NAME = Pattern.compile("`([A-Za-z]+)`");

  @Test
  void shouldListEveryOperationAndMarkExactlyThoseNotAnsweredYet() throws IOException {
    var readme = Files.readString(Path.of("..", "README.md"));
    var table = readme.substring(readme.indexOf("The 37 operations and what each does here"), readme.indexOf("`ExecutionLimitExceeded` is never answered"));
    var listed = new ArrayList<String>();
    var notYet = new ArrayList<String>();
    for (var row : table.lines().filter(line -> line.startsWith("| `")).toList()) {
      var cells = row.split("\\|");
      var names = NAME.matcher(cells[1]);
      while (names.find()) {
        listed.add(names.group(1));
        if (cells[2].trim().equals("✗")) {
          notYet.add(names.group(1));
        }
      }
    }
    assertThat(listed).containsExactlyInAnyOrderElementsOf(AwsOperations.ALL);
    var operations = Operations.load(null);   // groups only keep the services they are given
    assertThat(AwsOperations.ALL.stream().filter(operation -> !operations.answers(operation)).toList())
        .containsExactlyInAnyOrderElementsOf(notYet);
  }
}
