package dev.stepfold.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.stepfold.engine.ExecutionState;
import dev.stepfold.engine.ExecutionStatus;
import dev.stepfold.engine.Scope;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Snapshots read back as the state they were written from. Executions of every kind are round-tripped by
 * {@code StoredHistoryFoldPropertyTest}, after every command; these are the corners a generated workflow does not reach.
 */
class ExecutionSnapshotsTest {
  private final ExecutionSnapshots snapshots = ExecutionSnapshots.parsingDefinitions();

  @Test
  void shouldKeepAJsonNullOutputApartFromNoOutput() {
    var nullOutput = withOutput(Optional.of(NullNode.getInstance()));
    var noOutput = withOutput(Optional.empty());

    assertThat(roundTrip(nullOutput)).isEqualTo(nullOutput);
    assertThat(roundTrip(noOutput)).isEqualTo(noOutput);
  }

  @Test
  void shouldKeepVariablesInTheOrderTheyWereAssigned() {
    var variables = new LinkedHashMap<String, JsonNode>();
    for (var name : new String[] {"zeta", "alpha", "mid"}) {
      variables.put(name, JsonNodeFactory.instance.textNode(name));
    }
    var execution = ExecutionState.NOT_STARTED.withRoot(Scope.EMPTY.withVariables(variables));

    assertThat(roundTrip(execution).root().variables().keySet()).containsExactly("zeta", "alpha", "mid");
  }

  @Test
  void shouldReadTheHeaderAloneWithTheStatesSkipped() {
    var execution = withOutput(Optional.of(JsonNodeFactory.instance.textNode("done")));

    var header = ExecutionSnapshots.header("arn:aws:states:us-east-1:123456789012:execution:orders:e", snapshots.encode(execution));

    assertThat(header).isEqualTo(new ExecutionSnapshots.Header(ExecutionStatus.SUCCEEDED, 4, execution.stopDate()));
  }

  @Test
  void shouldSayWhichExecutionsSnapshotCannotBeRead() {
    assertThatThrownBy(() -> snapshots.decode("arn:aws:states:us-east-1:123456789012:execution:orders:broken", new byte[] {1, 2, 3}))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("execution:orders:broken");
  }

  private ExecutionState roundTrip(ExecutionState execution) {
    return snapshots.decode("arn:aws:states:us-east-1:123456789012:execution:orders:e", snapshots.encode(execution));
  }

  private static ExecutionState withOutput(Optional<JsonNode> output) {
    var closed = Instant.parse("2026-12-01T10:00:00.123Z");
    return new ExecutionState(ExecutionStatus.SUCCEEDED, Optional.empty(), Optional.of(closed.minusSeconds(5)), 4,
        new Scope(Optional.empty(), 4, Scope.ScopeStatus.SUCCEEDED, output, Map.of()), output, Optional.empty(), Optional.of(closed));
  }
}
