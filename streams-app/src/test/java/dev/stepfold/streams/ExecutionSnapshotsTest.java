package dev.stepfold.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.stepfold.engine.ExecutionState;
import dev.stepfold.engine.ExecutionStatus;
import dev.stepfold.engine.Scope;
import dev.stepfold.schemas.ExecutionSnapshotRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;
import org.pcollections.HashTreePMap;

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

  @Test
  void shouldReadSnapshotsWrittenWithTheEarlierSchemas() throws IOException {
    var inputs = HashTreePMap.<String, JsonNode>empty().plus("Charge", JsonNodeFactory.instance.textNode("in"));
    var execution = withOutput(Optional.of(JsonNodeFactory.instance.textNode("done"))).withTopLevelInputs(inputs);
    var arn = "arn:aws:states:us-east-1:123456789012:execution:orders:e";

    for (var earlier : ExecutionSnapshots.earlierSchemas("1-released-v4.avsc", "2-failed-child.avsc")) {
      var stored = writtenWith(earlier, execution);

      assertThat(snapshots.decode(arn, stored)).as("written with %s", earlier).isEqualTo(execution.withTopLevelInputs(HashTreePMap.empty()));
      assertThat(ExecutionSnapshots.header(arn, stored).lastEventId()).isEqualTo(4);
    }
  }

  /** The snapshot as a stepfold that wrote {@code schema} stored it: the current record read as that schema, and encoded with it. */
  private static byte[] writtenWith(Schema schema, ExecutionState execution) throws IOException {
    var current = ExecutionSnapshots.avro(execution);
    var raw = new ByteArrayOutputStream();
    var encoder = EncoderFactory.get().binaryEncoder(raw, null);
    new SpecificDatumWriter<ExecutionSnapshotRecord>(ExecutionSnapshotRecord.getClassSchema()).write(current, encoder);
    encoder.flush();
    var asWritten = new GenericDatumReader<GenericRecord>(ExecutionSnapshotRecord.getClassSchema(), schema)
        .read(null, DecoderFactory.get().binaryDecoder(raw.toByteArray(), null));
    var encoded = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), schema).encode(asWritten);
    var bytes = new byte[encoded.remaining()];
    encoded.get(bytes);
    return bytes;
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
