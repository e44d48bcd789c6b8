package dev.stepfold.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.arn.StateMachineArn;
import dev.stepfold.asl.ExecutionType;
import dev.stepfold.asl.QueryLanguage;
import dev.stepfold.asl.StateGraph;
import dev.stepfold.asl.StateMachineDefinition;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/** What the codec tests share: an execution, hand-made definitions and a binary Avro round trip. */
final class CodecFixtures {
  static final ExecutionArn EXECUTION = new ExecutionArn("arn:aws:states:us-east-1:111111111111:execution:orders:order-42");
  static final StateMachineArn STATE_MACHINE = EXECUTION.stateMachine();
  static final String DEFINITION_TEXT = """
      {"Comment":"ships an order","StartAt":"Ship","States":{"Ship":{"Type":"Pass","End":true}}}""";

  /**
   * Reads definitions without the ASL parser: the definition is a hand-made one around the document, and its comment
   * says which execution type it was read for, so a round trip shows that the type reached the reader.
   */
  static final DefinitionReader FAKE_DEFINITIONS = CodecFixtures::definition;

  private static final ObjectMapper JSON = new ObjectMapper();

  private CodecFixtures() {}

  static StateMachineDefinition definition(String document, ExecutionType executionType) {
    return new StateMachineDefinition(
        new StateGraph("Ship", Map.of()),
        QueryLanguage.JSONPATH,
        OptionalLong.empty(),
        Optional.of("read for " + executionType),
        json(document));
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  /** The record written with its class's schema and read back with it, as a Kafka serde would. */
  @SuppressWarnings("unchecked")
  static <R extends SpecificRecord> R throughBytes(R record) {
    try {
      var bytes = new ByteArrayOutputStream();
      var encoder = EncoderFactory.get().binaryEncoder(bytes, null);
      new SpecificDatumWriter<R>(record.getSchema()).write(record, encoder);
      encoder.flush();
      var decoder = DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null);
      return new SpecificDatumReader<R>((Class<R>) record.getClass()).read(null, decoder);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
