package dev.stepfold.codec;

import static dev.stepfold.codec.CodecFixtures.EXECUTION;
import static dev.stepfold.codec.CodecFixtures.FAKE_DEFINITIONS;
import static dev.stepfold.codec.CodecFixtures.json;
import static dev.stepfold.codec.CodecFixtures.throughBytes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.stepfold.history.EventDetails;
import dev.stepfold.history.HistoryEvent;
import dev.stepfold.history.HistoryEventType;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

class AvroCodecPayloadProperties {
  private static final Comparator<JsonNode> NUMERICALLY = (a, b) ->
      a.isNumber() && b.isNumber() ? a.decimalValue().compareTo(b.decimalValue()) : a.equals(b) ? 0 : 1;

  private final AvroCodec codec = new AvroCodec(FAKE_DEFINITIONS);

  @Property(tries = 200)
  void anyTextAndNumbersSurviveTheBinaryRoundTrip(
      @ForAll String name, @ForAll String text, @ForAll long number, @ForAll double fraction,
      @ForAll @LongRange(min = 1) long id, @ForAll @LongRange(min = 0, max = 4_102_444_800_000L) long epochMilli) {
    var built = JsonNodeFactory.instance.objectNode()
        .put("text", text)
        .put("number", number)
        .put("fraction", Double.isFinite(fraction) ? fraction : 0.5);
    var payload = json(built.toString());   // as Jackson reads JSON text: a small long is an IntNode, see below
    var event = new HistoryEvent(id, id - 1, Instant.ofEpochMilli(epochMilli), HistoryEventType.PASS_STATE_EXITED,
        new EventDetails.StateExited(name, payload, Optional.of(Map.of(name, payload.get("text")))));

    assertThat(codec.event(throughBytes(codec.avro(EXECUTION, event)))).isEqualTo(event);
  }

  /**
   * JSON text does not say which Java type held a number, so values come back as Jackson reads text: a {@code LongNode}
   * holding a number that fits an int comes back as an {@code IntNode}. Equal as JSON, not by {@code equals}.
   */
  @Example
  void numbersComeBackAsJacksonReadsTheirText() {
    var built = JsonNodeFactory.instance.objectNode().put("count", 3L);
    var event = new HistoryEvent(1, 0, Instant.EPOCH, HistoryEventType.EXECUTION_SUCCEEDED, new EventDetails.Output(built));

    var output = codec.event(codec.avro(EXECUTION, event)).details(EventDetails.Output.class).output();

    assertThat(output.get("count")).isInstanceOf(IntNode.class);
    assertThat(output).isNotEqualTo(built);
    assertThat(output.equals(NUMERICALLY, built)).isTrue();
  }
}
