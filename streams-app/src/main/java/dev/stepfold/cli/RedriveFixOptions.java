package dev.stepfold.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.arn.StateMachineArn;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The options of a redrive after a fix, for {@code redrive} and {@code redrive-plan}: they become the members of
 * {@code Stepfold.RedriveExecution} and {@code Stepfold.GetRedrivePlan}.
 */
final class RedriveFixOptions {
  @Option(names = "--onto-version", paramLabel = "VERSION",
      description = "continue in this version of the execution's state machine: its number, an alias's name, or its ARN")
  String ontoVersion;

  @Option(names = "--from-state", paramLabel = "NAME", description = "continue from this state of the top level, which ran before, with the input it had")
  String fromState;

  @Option(names = "--input", paramLabel = "FILE", description = "the JSON input the states that run again get instead of theirs")
  Path input;

  @Option(names = "--input-merge", paramLabel = "FILE", description = "a JSON object merged into the input of the states that run again (RFC 7386)")
  Path inputMerge;

  boolean any() {
    return ontoVersion != null || fromState != null || input != null || inputMerge != null;
  }

  /** Adds the members to {@code request}; a version's number or alias name is qualified with the state machine's ARN. */
  ObjectNode addTo(ObjectNode request, StateMachineArn stateMachineArn, CommandLine commandLine) {
    if (ontoVersion != null) {
      request.put("ontoVersion", qualified(stateMachineArn, ontoVersion));
    }
    if (fromState != null) {
      request.put("fromState", fromState);
    }
    if (input != null) {
      request.put("input", read(input, "--input", commandLine));
    }
    if (inputMerge != null) {
      request.put("inputMerge", read(inputMerge, "--input-merge", commandLine));
    }
    return request;
  }

  /** A version's number or an alias's name as the ARN of the state machine's version or alias; an ARN (or null) as it is. */
  static String qualified(StateMachineArn stateMachineArn, String version) {
    if (version == null || version.startsWith("arn:")) {
      return version;
    }
    return stateMachineArn.value() + ":" + version;
  }

  private static String read(Path file, String option, CommandLine commandLine) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CommandLine.ParameterException(commandLine, "Cannot read the " + option + " file " + file + ": " + e.getMessage());
    }
  }
}
