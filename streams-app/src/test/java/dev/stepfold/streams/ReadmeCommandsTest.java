package dev.stepfold.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The JSON commands the README shows operators read as commands, each keyed as the processor requires. */
class ReadmeCommandsTest {
  private static final Pattern KCAT_EXAMPLE = Pattern.compile("^echo '([^|']+)\\|(\\{.*\\})' \\\\$", Pattern.MULTILINE);

  @Test
  void shouldReadEveryJsonCommandOfTheReadme() throws IOException {
    var readme = Files.readString(Path.of("..", "README.md"));
    var examples = KCAT_EXAMPLE.matcher(readme);
    int count = 0;
    while (examples.find()) {
      var key = examples.group(1);
      var command = JsonCommands.read(examples.group(2).getBytes(StandardCharsets.UTF_8));
      assertThat(command.getExecutionArn()).as("the key of %s", examples.group(2)).isEqualTo(key);
      count++;
    }
    assertThat(count).as("JSON command examples in the README").isGreaterThanOrEqualTo(4);
  }
}
