package dev.stepfold.codec;

import static dev.stepfold.codec.CodecFixtures.DEFINITION_TEXT;
import static dev.stepfold.codec.CodecFixtures.STATE_MACHINE;
import static dev.stepfold.codec.CodecFixtures.throughBytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stepfold.asl.ExecutionType;
import dev.stepfold.statemachine.StateMachine;
import dev.stepfold.statemachine.StateMachineAlias;
import dev.stepfold.statemachine.StateMachineCommand;
import dev.stepfold.statemachine.StateMachineStatus;
import dev.stepfold.tags.Tag;
import dev.stepfold.tags.Tags;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StateMachineAvroTest {
  private static final Instant CREATED = Instant.parse("2026-01-05T10:00:00.123Z");
  private static final String ROLE = "arn:aws:iam::111111111111:role/stepfold";

  static Stream<StateMachine> stateMachines() {
    return Stream.of(
        new StateMachine(STATE_MACHINE, Optional.empty(), "orders", ExecutionType.STANDARD, DEFINITION_TEXT, ROLE, "rev-1", CREATED,
            CREATED.plusSeconds(60), Optional.empty(), 3, Optional.of("rev-0")),
        new StateMachine(STATE_MACHINE, Optional.of(3L), "orders", ExecutionType.EXPRESS, DEFINITION_TEXT, ROLE, "rev-0", CREATED, CREATED,
            Optional.of("third"), 0, Optional.empty()),
        new StateMachine(STATE_MACHINE, Optional.empty(), "orders", ExecutionType.STANDARD, DEFINITION_TEXT, ROLE, "rev-2", CREATED, CREATED,
            Optional.empty(), 2, Optional.empty(), StateMachineStatus.DELETING,
            List.of(new StateMachineAlias("live", Optional.of("prod"), List.of(new StateMachineAlias.Route(STATE_MACHINE + ":1", 90),
                new StateMachineAlias.Route(STATE_MACHINE + ":2", 10)), CREATED, CREATED.plusSeconds(5)),
                new StateMachineAlias("next", Optional.empty(), List.of(new StateMachineAlias.Route(STATE_MACHINE + ":2", 100)), CREATED, CREATED)),
            new Tags(List.of(new Tag("team", "orders"), new Tag("empty", ""))), List.of(0, 2)));
  }

  @ParameterizedTest
  @MethodSource("stateMachines")
  void shouldRoundTripAStateMachineAndItsVersions(StateMachine stateMachine) {
    assertThat(StateMachineAvro.stateMachine(throughBytes(StateMachineAvro.avro(stateMachine)))).isEqualTo(stateMachine);
  }

  static Stream<StateMachineCommand> commands() {
    return Stream.of(
        new StateMachineCommand.CreateStateMachine("r-1", STATE_MACHINE, "orders", DEFINITION_TEXT, ROLE, ExecutionType.EXPRESS, true,
            Optional.of("first")),
        new StateMachineCommand.UpdateStateMachine("r-2", STATE_MACHINE, Optional.of(DEFINITION_TEXT), Optional.empty(), false,
            Optional.empty()),
        new StateMachineCommand.UpdateStateMachine("r-3", STATE_MACHINE, Optional.empty(), Optional.of(ROLE), true, Optional.of("v")),
        new StateMachineCommand.CreateStateMachine("r-4", STATE_MACHINE, "orders", DEFINITION_TEXT, ROLE, ExecutionType.STANDARD, false,
            Optional.empty(), List.of(new Tag("team", "orders"))),
        new StateMachineCommand.DeleteStateMachine("r-5", STATE_MACHINE),
        new StateMachineCommand.PublishStateMachineVersion("r-6", STATE_MACHINE, Optional.of("INITIAL"), Optional.of("first")),
        new StateMachineCommand.PublishStateMachineVersion("r-7", STATE_MACHINE, Optional.empty(), Optional.empty()),
        new StateMachineCommand.DeleteStateMachineVersion("r-8", STATE_MACHINE, STATE_MACHINE + ":1"),
        new StateMachineCommand.CreateStateMachineAlias("r-9", STATE_MACHINE, "live", Optional.of("prod"),
            List.of(new StateMachineAlias.Route(STATE_MACHINE + ":1", 100))),
        new StateMachineCommand.UpdateStateMachineAlias("r-10", STATE_MACHINE, STATE_MACHINE + ":live", Optional.empty(),
            Optional.of(List.of(new StateMachineAlias.Route(STATE_MACHINE + ":1", 50), new StateMachineAlias.Route(STATE_MACHINE + ":2", 50)))),
        new StateMachineCommand.UpdateStateMachineAlias("r-11", STATE_MACHINE, STATE_MACHINE + ":live", Optional.of("d"), Optional.empty()),
        new StateMachineCommand.DeleteStateMachineAlias("r-12", STATE_MACHINE, STATE_MACHINE + ":live"),
        new StateMachineCommand.TagStateMachine("r-13", STATE_MACHINE, List.of(new Tag("a", "b"))),
        new StateMachineCommand.UntagStateMachine("r-14", STATE_MACHINE, List.of("a", "c")),
        new StateMachineCommand.StateMachineExecutionsEnded("r-15", STATE_MACHINE, 3));
  }

  @ParameterizedTest
  @MethodSource("commands")
  void shouldRoundTripStateMachineCommandsKeyedByTheStateMachine(StateMachineCommand command) {
    var record = throughBytes(StateMachineAvro.avro(command));

    assertThat(record.getExecutionArn()).isEqualTo(STATE_MACHINE.value());
    assertThat(StateMachineAvro.isStateMachineCommand(record)).isTrue();
    assertThat(StateMachineAvro.command(record)).isEqualTo(command);
  }
}
