package dev.stepfold.streams;

import dev.stepfold.schemas.CommandRecord;
import dev.stepfold.schemas.serde.AvroWireSerde;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads a record of the commands topic: the Confluent Avro wire format when the first byte is the magic byte 0, a
 * JSON command ({@link JsonCommands}) when the first non-blank byte is {@code '{'}. Anything else, or a record that
 * does not read, is refused with an {@link IllegalArgumentException} that says why.
 */
final class CommandDecoder {
  private final Deserializer<CommandRecord> avro;

  CommandDecoder(Deserializer<CommandRecord> avro) {
    this.avro = avro;
  }

  CommandRecord decode(String topic, byte[] value) {
    if (value == null || value.length == 0) {
      throw new IllegalArgumentException("Expected a command, but the record has no value");
    }
    if (value[0] == AvroWireSerde.MAGIC_BYTE) {
      try {
        return avro.deserialize(topic, value);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("Expected an Avro command, but " + e.getMessage(), e);
      }
    }
    for (byte b : value) {
      if (b == '{') {
        return JsonCommands.read(value);
      }
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        break;
      }
    }
    throw new IllegalArgumentException("Expected a command in the Avro wire format (first byte 0) or as a JSON object, "
        + "but the record's first byte is " + (value[0] & 0xff));
  }
}
