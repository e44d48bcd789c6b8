package dev.stepfold.codec;

import static dev.stepfold.codec.CodecFixtures.DEFINITION_TEXT;
import static dev.stepfold.codec.CodecFixtures.EXECUTION;
import static dev.stepfold.codec.CodecFixtures.FAKE_DEFINITIONS;
import static dev.stepfold.codec.CodecFixtures.STATE_MACHINE;
import static dev.stepfold.codec.CodecFixtures.definition;
import static dev.stepfold.codec.CodecFixtures.throughBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.stepfold.arn.MapRunArn;
import dev.stepfold.asl.ExecutionType;
import dev.stepfold.engine.Command;
import dev.stepfold.engine.Origin;
import dev.stepfold.engine.TaskToken;
import dev.stepfold.engine.TimerId;
import dev.stepfold.history.RedriveFix;
import dev.stepfold.schemas.RedriveExecutionCommand;
import dev.stepfold.schemas.StartExecutionCommand;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AvroCodecCommandTest {
  private static final TaskToken TOKEN = TaskToken.of(EXECUTION, 3);

  private final AvroCodec codec = new AvroCodec(FAKE_DEFINITIONS);

  static Stream<Command> commands() {
    return Stream.of(
        new Command.StartExecution("req-1", EXECUTION, STATE_MACHINE, ExecutionType.STANDARD,
            definition(DEFINITION_TEXT, ExecutionType.STANDARD), "{\"order\": 42}", "arn:aws:iam::111111111111:role/stepfold"),
        new Command.StartExecution("req-2", EXECUTION, STATE_MACHINE, ExecutionType.EXPRESS,
            definition(DEFINITION_TEXT, ExecutionType.EXPRESS), "not json, kept as sent", "arn:aws:iam::111111111111:role/stepfold"),
        new Command.StartExecution("req-2b", EXECUTION, STATE_MACHINE, ExecutionType.STANDARD,
            definition(DEFINITION_TEXT, ExecutionType.STANDARD), "{}", "arn:aws:iam::111111111111:role/stepfold",
            Optional.of(STATE_MACHINE + ":2"), Optional.of(STATE_MACHINE + ":live"), Optional.empty()),
        new Command.StartExecution("req-2s", EXECUTION, STATE_MACHINE, ExecutionType.EXPRESS,
            definition(DEFINITION_TEXT, ExecutionType.EXPRESS), "{}", "arn:aws:iam::111111111111:role/stepfold", Optional.empty(),
            Optional.empty(), Optional.of("req-2s/closed")),
        new Command.StopExecution("req-3", EXECUTION, Optional.of("Operator"), Optional.of("stuck on a bad address")),
        new Command.StopExecution("req-4", EXECUTION, Optional.empty(), Optional.empty()),
        new Command.SendTaskSuccess("req-5", EXECUTION, TOKEN, "{\"shipped\":true}"),
        new Command.SendTaskFailure("req-6", EXECUTION, TOKEN, Optional.of("Carrier.Down"), Optional.of("503 from the carrier")),
        new Command.SendTaskFailure("req-7", EXECUTION, TOKEN, Optional.empty(), Optional.empty()),
        new Command.SendTaskHeartbeat("req-8", EXECUTION, TOKEN),
        new Command.ReportTaskStarted("req-9", EXECUTION, TOKEN, Optional.of("packer-7")),
        new Command.ReportTaskStarted("req-10", EXECUTION, TOKEN, Optional.empty()),
        new Command.ReportTaskSubmitted("req-11", EXECUTION, TOKEN, "{\"MessageId\":\"m-1\"}"),
        new Command.FireTimer("req-12", EXECUTION, new TimerId("wait:Ship:4")),
        new Command.RedriveExecution("req-15", EXECUTION, Optional.of("token-1")),
        new Command.RedriveExecution("req-16", EXECUTION, Optional.empty()),
        new Command.RedriveExecution("req-17", EXECUTION, Optional.of("fix-1"), Origin.CLIENT, new RedriveFix(
            Optional.of(new RedriveFix.Version(STATE_MACHINE.value() + ":2", Optional.empty(), definition(DEFINITION_TEXT, ExecutionType.STANDARD))),
            Optional.of("Reserve"), Optional.of(new RedriveFix.InputCorrection.Replace(CodecFixtures.json("{\"card\": \"4242\"}"))))),
        new Command.CompleteMapRun("req-13", EXECUTION, MapRunArn.of(EXECUTION, "Items", 7), true,
            JsonNodeFactory.instance.arrayNode().add(1).add("two"), Optional.empty(), Optional.empty()),
        new Command.CompleteMapRun("req-14", EXECUTION, MapRunArn.of(EXECUTION, "Items", 9), false,
            JsonNodeFactory.instance.arrayNode(), Optional.of("States.ExceedToleratedFailureThreshold"),
            Optional.of("too many failures")));
  }

  @ParameterizedTest
  @MethodSource("commands")
  void shouldRoundTripEveryCommand(Command command) {
    var record = codec.avro(command);

    assertThat(codec.command(record)).isEqualTo(command);
    assertThat(codec.command(throughBytes(record))).isEqualTo(command);
  }

  @Test
  void shouldCoverEveryCommandType() {
    assertThat(commands().map(Object::getClass).distinct())
        .containsExactlyInAnyOrder(Command.class.getPermittedSubclasses());
  }

  @Test
  void shouldCarryTheDefinitionAsItsJsonDocument() {
    var start = (Command.StartExecution) commands().findFirst().orElseThrow();

    var record = codec.avro(start);

    assertThat(record.getRequestId()).isEqualTo("req-1");
    assertThat(record.getExecutionArn()).isEqualTo(EXECUTION.value());
    assertThat(((StartExecutionCommand) record.getCommand()).getDefinition())
        .isEqualTo("{\"Comment\":\"ships an order\",\"StartAt\":\"Ship\",\"States\":{\"Ship\":{\"Type\":\"Pass\",\"End\":true}}}");
    assertThat(((StartExecutionCommand) record.getCommand()).getExecutionType()).isEqualTo("STANDARD");
  }

  @Test
  void shouldRefuseAnExecutionTypeAwsDoesNotHave() {
    var record = codec.avro(commands().findFirst().orElseThrow());
    ((StartExecutionCommand) record.getCommand()).setExecutionType("BATCH");

    assertThatThrownBy(() -> codec.command(record))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Expected an execution type STANDARD or EXPRESS, but got 'BATCH'");
  }

  @Test
  void shouldRefuseARedriveOntoAVersionNotLookedUp() {
    var record = codec.avro(new Command.RedriveExecution("req-18", EXECUTION, Optional.empty()));
    record.setCommand(RedriveExecutionCommand.newBuilder().setOntoVersion(STATE_MACHINE.value() + ":2").build());

    assertThatThrownBy(() -> codec.command(record)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(":2");
  }

  @Test
  void shouldRefuseARedriveWithBothAnInputAndAnInputMerge() {
    var record = codec.avro(new Command.RedriveExecution("req-19", EXECUTION, Optional.empty()));
    record.setCommand(RedriveExecutionCommand.newBuilder().setInput("{}").setInputMerge("{}").build());

    assertThatThrownBy(() -> codec.command(record)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("both");
  }
}
