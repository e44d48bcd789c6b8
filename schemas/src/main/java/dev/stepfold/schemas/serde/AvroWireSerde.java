package dev.stepfold.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A serde for a generated Avro class in the Confluent wire format: magic byte {@code 0}, the writer schema's registry
 * id as a 4-byte big-endian int, then the Avro binary body. Serializing registers the class's schema under the
 * subject {@code <topic>-value} (or {@code -key}), Confluent's TopicNameStrategy, once per topic. Deserializing reads
 * with the writer schema the id names, resolved to the class's schema, so records written with an older or newer
 * compatible schema are read. Safe for concurrent use.
 */
public final class AvroWireSerde<T extends SpecificRecord> implements Serde<T> {
  public static final byte MAGIC_BYTE = 0;
  public static final int HEADER_LENGTH = 5;

  private final SchemaRegistryClient registry;
  private final Schema readerSchema;
  private final boolean isKey;
  private final SpecificDatumWriter<T> writer;
  private final Map<String, Integer> idByTopic = new ConcurrentHashMap<>();
  private final Map<Integer, SpecificDatumReader<T>> readers = new ConcurrentHashMap<>();

  private AvroWireSerde(SchemaRegistryClient registry, Schema schema, boolean isKey) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.readerSchema = Objects.requireNonNull(schema, "schema");
    this.isKey = isKey;
    this.writer = new SpecificDatumWriter<>(schema);
  }

  /** A serde for record values of the class whose schema is {@code schema} (its {@code getClassSchema()}). */
  public static <T extends SpecificRecord> AvroWireSerde<T> forValues(SchemaRegistryClient registry, Schema schema) {
    return new AvroWireSerde<>(registry, schema, false);
  }

  public static <T extends SpecificRecord> AvroWireSerde<T> forKeys(SchemaRegistryClient registry, Schema schema) {
    return new AvroWireSerde<>(registry, schema, true);
  }

  public String subject(String topic) {
    return topic + (isKey ? "-key" : "-value");
  }

  public byte[] serialize(String topic, T record) {
    if (record == null) {
      return null;
    }
    int id = idByTopic.computeIfAbsent(topic, t -> registry.register(subject(t), readerSchema));
    var out = new ByteArrayOutputStream(256);
    out.write(MAGIC_BYTE);
    out.write(id >>> 24);
    out.write(id >>> 16);
    out.write(id >>> 8);
    out.write(id);
    // Direct: the stream is in memory already, a buffer in front of it would be copied once more.
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    try {
      writer.write(record, encoder);
      encoder.flush();
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("Could not write a " + readerSchema.getFullName() + " for topic " + topic + ": " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    if (data.length < HEADER_LENGTH || data[0] != MAGIC_BYTE) {
      throw new SerializationException("Expected the Confluent wire format (magic byte 0 and a schema id), but the record "
          + (data.length == 0 ? "is empty" : "starts with byte " + data[0] + " and has " + data.length + " bytes"));
    }
    int id = ByteBuffer.wrap(data, 1, 4).getInt();
    try {
      var reader = readers.computeIfAbsent(id, i -> new SpecificDatumReader<>(registry.schemaById(i), readerSchema));
      var decoder = DecoderFactory.get().binaryDecoder(data, HEADER_LENGTH, data.length - HEADER_LENGTH, null);
      return reader.read(null, decoder);
    } catch (SchemaRegistryException e) {
      throw new SerializationException("Could not fetch schema " + id + " to read a " + readerSchema.getFullName() + ": " + e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("Could not read a " + readerSchema.getFullName() + " written with schema " + id + ": " + e, e);
    }
  }

  @Override
  public Serializer<T> serializer() {
    return this::serialize;
  }

  @Override
  public Deserializer<T> deserializer() {
    return this::deserialize;
  }
}
