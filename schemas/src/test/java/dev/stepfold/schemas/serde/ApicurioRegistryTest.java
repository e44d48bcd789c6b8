package dev.stepfold.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepfold.schemas.CommandRecord;
import dev.stepfold.schemas.HistoryEventRecord;
import dev.stepfold.schemas.ReplyRecord;
import dev.stepfold.schemas.TaskDispatchRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.RandomData;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The REST client and the wire-format serde against a real registry: Apicurio Registry's Confluent-compatible API, run
 * in a child JVM (see {@link ApicurioRegistryProcess}). Records are random but seeded, so a failure repeats.
 */
class ApicurioRegistryTest {
  private static final int RECORDS_PER_SCHEMA = 20;
  private static final long SEED = 20261125L;

  private static ApicurioRegistryProcess apicurio;

  @BeforeAll
  static void startRegistry() throws Exception {
    apicurio = ApicurioRegistryProcess.start(Duration.ofSeconds(60));
  }

  @AfterAll
  static void stopRegistry() throws Exception {
    if (apicurio != null) {
      apicurio.close();
    }
  }

  /** Each topic record's schema, with the topic it is written to. */
  static Stream<Arguments> topicRecords() {
    return Stream.of(
        Arguments.of("stepfold.commands", CommandRecord.getClassSchema()),
        Arguments.of("stepfold.history", HistoryEventRecord.getClassSchema()),
        Arguments.of("stepfold.tasks", TaskDispatchRecord.getClassSchema()),
        Arguments.of("stepfold.replies", ReplyRecord.getClassSchema()));
  }

  @Test
  void shouldRegisterEveryTopicRecordWithAnIdThatStaysTheSame() {
    var client = client();
    var schemas = topicRecords().map(arguments -> (Schema) arguments.get()[1]).toList();
    var ids = schemas.stream().map(schema -> client.register("ids." + schema.getName() + "-value", schema)).toList();

    assertThat(ids).as("one id per schema").doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).isPositive());
    for (int i = 0; i < schemas.size(); i++) {
      var schema = schemas.get(i);
      var subject = "ids." + schema.getName() + "-value";
      assertThat(client().register(subject, schema)).as("%s registered again", subject).isEqualTo(ids.get(i));
      assertThat(client().register("other-" + subject, schema)).as("%s under another subject", subject).isEqualTo(ids.get(i));
      assertThat(client().schemaById(ids.get(i))).as("schema %d", ids.get(i)).isEqualTo(schema);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("topicRecords")
  void shouldWriteAndReadTheWireFormatThroughTheRegistry(String topic, Schema schema) {
    var writer = AvroWireSerde.<SpecificRecord>forValues(client(), schema);
    var reader = AvroWireSerde.<SpecificRecord>forValues(client(), schema);

    for (var record : randomRecords(schema)) {
      var bytes = writer.serialize(topic, record);

      assertThat(bytes[0]).isEqualTo(AvroWireSerde.MAGIC_BYTE);
      assertThat(schemaId(bytes)).isEqualTo(client().register(writer.subject(topic), schema));
      assertThat(reader.deserialize(topic, bytes)).isEqualTo(record);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("topicRecords")
  void shouldReadRecordsWrittenWithTheReleasedV1Schema(String topic, Schema current) throws IOException {
    var v1 = releasedSchema("v1", current.getName());
    var writerClient = client();
    var subject = "compat." + topic + "-value";
    int currentId = writerClient.register(subject, current);
    int v1Id = writerClient.register(subject, v1);
    var reader = AvroWireSerde.<SpecificRecord>forValues(client(), current);

    assertThat(v1Id == currentId).as("v1 and the current schema share an id exactly when they are the same schema")
        .isEqualTo(v1.equals(current));
    for (var v1Record : new RandomData(v1, RECORDS_PER_SCHEMA, SEED)) {
      var body = avroBinary(v1, v1Record);

      var read = reader.deserialize(topic, wire(v1Id, body));

      assertThat(read).isEqualTo(resolve(v1, current, body));
    }
  }

  @Test
  void shouldSayWhenASchemaIdIsUnknown() {
    int unknown = 987_654;

    assertThatThrownBy(() -> client().schemaById(unknown))
        .isInstanceOfSatisfying(SchemaRegistryException.class,
            e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND))
        .hasMessageContaining("schemas/ids/" + unknown)
        .hasMessageContaining("404");
    var serde = AvroWireSerde.<ReplyRecord>forValues(client(), ReplyRecord.getClassSchema());
    assertThatThrownBy(() -> serde.deserialize("stepfold.replies", wire(unknown, new byte[] {0})))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("Could not fetch schema " + unknown + " to read a dev.stepfold.schemas.ReplyRecord");
  }

  @Test
  void shouldServeTheSameSchemasOverTheV6Api() {
    int id = client().register("v6.stepfold.replies-value", ReplyRecord.getClassSchema());

    var v6 = new RestSchemaRegistryClient(apicurio.url() + "/apis/ccompat/v6");

    assertThat(v6.schemaById(id)).isEqualTo(ReplyRecord.getClassSchema());
    assertThat(v6.register("v6.stepfold.replies-value", ReplyRecord.getClassSchema())).isEqualTo(id);
  }

  @Test
  void shouldSayWhenTheUrlIsNotTheConfluentCompatibleApi() {
    var registryRoot = new RestSchemaRegistryClient(apicurio.url());

    assertThatThrownBy(() -> registryRoot.register("stepfold.replies-value", ReplyRecord.getClassSchema()))
        .isInstanceOf(SchemaRegistryException.class)
        .hasMessageContaining("answered 404")
        .hasMessageContaining(apicurio.url() + "/ does not serve the Confluent Schema Registry API")
        .hasMessageContaining("/apis/ccompat/v7");
  }

  private static RestSchemaRegistryClient client() {
    return new RestSchemaRegistryClient(apicurio.ccompatUrl());
  }

  /** Random records of the generated class, made by reading random data written with its schema. */
  private static List<SpecificRecord> randomRecords(Schema schema) {
    var records = new ArrayList<SpecificRecord>();
    for (var datum : new RandomData(schema, RECORDS_PER_SCHEMA, SEED)) {
      records.add(resolve(schema, schema, avroBinary(schema, datum)));
    }
    return records;
  }

  private static SpecificRecord resolve(Schema writer, Schema reader, byte[] body) {
    try {
      return new SpecificDatumReader<SpecificRecord>(writer, reader).read(null, DecoderFactory.get().binaryDecoder(body, null));
    } catch (IOException e) {
      throw new AssertionError("Expected Avro to resolve " + writer.getName() + " data, but it failed", e);
    }
  }

  private static byte[] avroBinary(Schema schema, Object datum) {
    var out = new ByteArrayOutputStream();
    var encoder = EncoderFactory.get().binaryEncoder(out, null);
    try {
      new GenericDatumWriter<>(schema).write(datum, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return out.toByteArray();
  }

  private static byte[] wire(int schemaId, byte[] body) {
    var out = new ByteArrayOutputStream();
    out.write(AvroWireSerde.MAGIC_BYTE);
    out.write(schemaId >>> 24);
    out.write(schemaId >>> 16);
    out.write(schemaId >>> 8);
    out.write(schemaId);
    out.writeBytes(body);
    return out.toByteArray();
  }

  private static int schemaId(byte[] wire) {
    return ByteBuffer.wrap(wire, 1, 4).getInt();
  }

  private static Schema releasedSchema(String version, String name) throws IOException {
    try (InputStream in = ApicurioRegistryTest.class.getResourceAsStream("/compat/" + version + "/" + name + ".avsc")) {
      assertThat(in).as("released schema %s of %s", version, name).isNotNull();
      return new Schema.Parser().parse(in);
    }
  }
}
