package dev.stepfold.codec;

import static dev.stepfold.codec.AvroValues.json;
import static dev.stepfold.codec.AvroValues.jsonText;
import static dev.stepfold.codec.AvroValues.optional;
import static dev.stepfold.codec.AvroValues.orNull;

import dev.stepfold.asl.ExecutionType;
import dev.stepfold.history.RedriveFix;
import dev.stepfold.schemas.RedriveExecutionCommand;
import dev.stepfold.schemas.RedriveFixDetails;
import dev.stepfold.schemas.RedriveOntoVersion;
import java.util.Optional;

/**
 * A redrive's fix ⇄ Avro, in the two records that carry it: the RedriveExecution command (the version as the caller
 * named it, and as the runtime resolved it) and the ExecutionRedriven event. Only STANDARD executions are redriven,
 * so a version's definition is read as STANDARD.
 */
final class RedriveFixAvro {
  private final DefinitionReader definitions;

  RedriveFixAvro(DefinitionReader definitions) {
    this.definitions = definitions;
  }

  static RedriveFixDetails details(RedriveFix fix) {
    return RedriveFixDetails.newBuilder()
        .setStateMachineVersionArn(orNull(fix.onto().map(RedriveFix.Version::stateMachineVersionArn)))
        .setStateMachineAliasArn(orNull(fix.onto().flatMap(RedriveFix.Version::stateMachineAliasArn)))
        .setDefinition(orNull(fix.onto().map(version -> jsonText(version.definition().document()))))
        .setFromState(orNull(fix.fromState()))
        .setInput(correctionText(fix, RedriveFix.InputCorrection.Replace.class))
        .setInputMerge(correctionText(fix, RedriveFix.InputCorrection.Merge.class))
        .build();
  }

  RedriveFix fix(RedriveFixDetails avro) {
    var onto = optional(avro.getStateMachineVersionArn()).map(versionArn -> new RedriveFix.Version(versionArn,
        optional(avro.getStateMachineAliasArn()), definitions.read(avro.getDefinition(), ExecutionType.STANDARD)));
    return new RedriveFix(onto, optional(avro.getFromState()), correction(avro.getInput(), avro.getInputMerge()));
  }

  /** The command's fix members; the version goes as the caller named it (its alias, if it named one) and as resolved. */
  static RedriveExecutionCommand.Builder command(RedriveExecutionCommand.Builder command, RedriveFix fix) {
    var onto = fix.onto();
    return command
        .setOntoVersion(orNull(onto.map(version -> version.stateMachineAliasArn().orElse(version.stateMachineVersionArn()))))
        .setOntoResolved(onto.map(version -> new RedriveOntoVersion(version.stateMachineVersionArn(), version.stateMachineAliasArn().orElse(null),
            jsonText(version.definition().document()))).orElse(null))
        .setFromState(orNull(fix.fromState()))
        .setInput(correctionText(fix, RedriveFix.InputCorrection.Replace.class))
        .setInputMerge(correctionText(fix, RedriveFix.InputCorrection.Merge.class));
  }

  /** The fix a command asks for; {@link IllegalArgumentException} when its version was not resolved or its input does not read. */
  RedriveFix fix(RedriveExecutionCommand command) {
    if (command.getOntoVersion() != null && command.getOntoResolved() == null) {
      throw new IllegalArgumentException("Expected the version '" + command.getOntoVersion() + "' to redrive onto to be looked up before the"
          + " engine decides, but it was not");
    }
    var onto = Optional.ofNullable(command.getOntoResolved()).map(resolved -> new RedriveFix.Version(resolved.getStateMachineVersionArn(),
        optional(resolved.getStateMachineAliasArn()), definitions.read(resolved.getDefinition(), ExecutionType.STANDARD)));
    return new RedriveFix(onto, optional(command.getFromState()), correction(command.getInput(), command.getInputMerge()));
  }

  /** The corrected input as JSON text when it is of {@code kind}, else null. */
  private static String correctionText(RedriveFix fix, Class<? extends RedriveFix.InputCorrection> kind) {
    return orNull(fix.input().filter(kind::isInstance).map(correction -> jsonText(correction.value())));
  }

  /** {@code input} or {@code inputMerge} (JSON text), not both. */
  private static Optional<RedriveFix.InputCorrection> correction(String input, String inputMerge) {
    return RedriveFix.InputCorrection.of(Optional.ofNullable(input).map(text -> json(text, "the redrive's input")),
        Optional.ofNullable(inputMerge).map(text -> json(text, "the redrive's inputMerge")));
  }
}
