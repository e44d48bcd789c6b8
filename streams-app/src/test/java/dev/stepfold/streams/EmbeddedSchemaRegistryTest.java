package dev.stepfold.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepfold.schemas.AcceptedReply;
import dev.stepfold.schemas.CommandRecord;
import dev.stepfold.schemas.ReplyRecord;
import dev.stepfold.schemas.serde.AvroWireSerde;
import dev.stepfold.schemas.serde.RestSchemaRegistryClient;
import dev.stepfold.schemas.serde.SchemaRegistryException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EmbeddedSchemaRegistryTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private EmbeddedSchemaRegistry registry;
  private RestSchemaRegistryClient client;

  @BeforeEach
  void start() throws Exception {
    registry = EmbeddedSchemaRegistry.start(0);
    client = new RestSchemaRegistryClient(registry.url());
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void shouldGiveOneSchemaTheSameIdUnderEverySubject() {
    int replies = client.register("stepfold.replies-value", ReplyRecord.getClassSchema());
    int commands = client.register("stepfold.commands-value", CommandRecord.getClassSchema());
    int again = new RestSchemaRegistryClient(registry.url()).register("other-value", ReplyRecord.getClassSchema());

    assertThat(replies).isEqualTo(1);
    assertThat(commands).isEqualTo(2);
    assertThat(again).isEqualTo(replies);
    assertThat(new RestSchemaRegistryClient(registry.url()).schemaById(commands)).isEqualTo(CommandRecord.getClassSchema());
  }

  @Test
  void shouldAnswerTheConfluentRestSubset() throws Exception {
    client.register("stepfold.replies-value", ReplyRecord.getClassSchema());

    assertThat(get("/subjects")).isEqualTo("[\"stepfold.replies-value\"]");
    assertThat(get("/subjects/stepfold.replies-value/versions")).isEqualTo("[1]");
    var latest = JSON.readTree(get("/subjects/stepfold.replies-value/versions/latest"));
    assertThat(latest.get("id").asInt()).isEqualTo(1);
    assertThat(latest.get("version").asInt()).isEqualTo(1);
    assertThat(latest.get("subject").asText()).isEqualTo("stepfold.replies-value");
    var lookup = post("/subjects/stepfold.replies-value", JSON.createObjectNode().put("schema", ReplyRecord.getClassSchema().toString()).toString());
    assertThat(lookup.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(lookup.body()).get("id").asInt()).isEqualTo(1);
    var unknown = JSON.readTree(get("/subjects/nobody/versions"));
    assertThat(unknown.get("error_code").asInt()).isEqualTo(40401);
  }

  @Test
  void shouldRefuseASchemaThatIsNotAvro() throws Exception {
    var response = post("/subjects/s-value/versions", "{\"schema\": \"{not avro\"}");

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(JSON.readTree(response.body()).get("error_code").asInt()).isEqualTo(42201);
  }

  @Test
  void shouldKeepIdsAcrossARestartWithAJournal(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    var journal = java.util.Optional.of(dir.resolve("registry.jsonl"));
    int replies;
    int commands;
    try (var first = EmbeddedSchemaRegistry.start(0, journal)) {
      var firstClient = new RestSchemaRegistryClient(first.url());
      replies = firstClient.register("stepfold.replies-value", ReplyRecord.getClassSchema());
      commands = firstClient.register("stepfold.commands-value", CommandRecord.getClassSchema());
      firstClient.register("again-value", ReplyRecord.getClassSchema());
    }

    try (var second = EmbeddedSchemaRegistry.start(0, journal)) {
      var secondClient = new RestSchemaRegistryClient(second.url());
      assertThat(secondClient.schemaById(commands)).isEqualTo(CommandRecord.getClassSchema());
      assertThat(secondClient.register("stepfold.commands-value", CommandRecord.getClassSchema())).isEqualTo(commands);
      assertThat(secondClient.schemaById(replies)).isEqualTo(ReplyRecord.getClassSchema());
      assertThat(second.registry().versions("again-value")).containsExactly(1);
    }
  }

  @Test
  void shouldSayWhenAnIdIsUnknown() {
    assertThatThrownBy(() -> client.schemaById(42))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40403));
  }

  @Test
  void shouldWriteAndReadTheConfluentWireFormat() {
    AvroWireSerde<ReplyRecord> serde = AvroWireSerde.forValues(client, ReplyRecord.getClassSchema());
    var reply = ReplyRecord.newBuilder().setRequestId("r-1").setExecutionArn("arn").setOutcome(new AcceptedReply("{}")).build();

    byte[] bytes = serde.serializer().serialize("stepfold.replies", reply);

    assertThat(bytes[0]).isEqualTo((byte) 0);
    assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(registry.registry().version("stepfold.replies-value", -1).id());
    var reader = AvroWireSerde.<ReplyRecord>forValues(new RestSchemaRegistryClient(registry.url()), ReplyRecord.getClassSchema());
    assertThat(reader.deserializer().deserialize("stepfold.replies", bytes)).isEqualTo(reply);
  }

  @Test
  void shouldServeCachedAnswersWithoutTheRegistry() {
    int id = client.register("stepfold.replies-value", ReplyRecord.getClassSchema());
    client.schemaById(id);
    registry.close();

    assertThat(client.register("stepfold.replies-value", ReplyRecord.getClassSchema())).isEqualTo(id);
    assertThat(client.schemaById(id)).isEqualTo(ReplyRecord.getClassSchema());
  }

  @Test
  void shouldRefuseBytesThatAreNotTheWireFormat() {
    var serde = AvroWireSerde.<ReplyRecord>forValues(client, ReplyRecord.getClassSchema());

    assertThatThrownBy(() -> serde.deserializer().deserialize("t", "{}".getBytes()))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("magic byte 0");
  }

  private String get(String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(URI.create(registry.url() + path)).build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(registry.url() + path))
        .header("Content-Type", "application/vnd.schemaregistry.v1+json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
