package dev.stepfold.streams;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.jsontype.TypeDeserializer;
import com.fasterxml.jackson.databind.module.SimpleDeserializers;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.type.ReferenceType;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.arn.StateMachineArn;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Function;

/**
 * The JSON of the read side: the summaries in the executions store and the bodies of the internal read endpoint.
 * Records as their components, {@code Optional}s as the value or nothing, instants as epoch seconds with their
 * fraction, ARNs as their text.
 */
final class ReadJson {
  static final ObjectMapper MAPPER = new ObjectMapper()
      .registerModule(new Jdk8Module())
      .registerModule(new JavaTimeModule())
      .registerModule(new SimpleModule("stepfold-arns")
          .addSerializer(ExecutionArn.class, text(ExecutionArn.class, ExecutionArn::value))
          .addDeserializer(ExecutionArn.class, fromText(ExecutionArn.class, ExecutionArn::new))
          .addSerializer(StateMachineArn.class, text(StateMachineArn.class, StateMachineArn::value))
          .addDeserializer(StateMachineArn.class, fromText(StateMachineArn.class, StateMachineArn::new)))
      .registerModule(payloads())
      .setSerializationInclusion(JsonInclude.Include.NON_ABSENT)   // an empty Optional<JsonNode> must not come back as JSON null
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private ReadJson() {}

  /**
   * {@code Optional<JsonNode>}: an empty one is left out, a JSON {@code null} payload is written as {@code null}; so,
   * reading, a missing member is empty and {@code null} is the JSON null (Jackson would read both as the latter).
   */
  private static SimpleModule payloads() {
    var module = new SimpleModule("stepfold-optional-payloads");
    module.setDeserializers(new OptionalPayloads());
    return module;
  }

  private static final class OptionalPayloads extends SimpleDeserializers {
    @Override
    public JsonDeserializer<?> findReferenceDeserializer(ReferenceType type, DeserializationConfig config, BeanDescription bean,
        TypeDeserializer typeDeserializer, JsonDeserializer<?> contentDeserializer) {
      if (type.getRawClass() != Optional.class || !type.getContentType().isTypeOrSubTypeOf(JsonNode.class)) {
        return null;
      }
      return new StdDeserializer<Optional<JsonNode>>(type) {
        @Override
        public Optional<JsonNode> deserialize(JsonParser in, DeserializationContext context) throws IOException {
          return Optional.of(context.readTree(in));
        }

        @Override
        public Optional<JsonNode> getNullValue(DeserializationContext context) {
          return Optional.of(NullNode.getInstance());
        }

        @Override
        public Object getAbsentValue(DeserializationContext context) {
          return Optional.empty();
        }
      };
    }
  }

  private static <T> StdSerializer<T> text(Class<T> type, Function<T, String> value) {
    return new StdSerializer<>(type) {
      @Override
      public void serialize(T arn, JsonGenerator out, SerializerProvider provider) throws IOException {
        out.writeString(value.apply(arn));
      }
    };
  }

  private static <T> StdDeserializer<T> fromText(Class<T> type, Function<String, T> parse) {
    return new StdDeserializer<>(type) {
      @Override
      public T deserialize(JsonParser in, DeserializationContext context) throws IOException {
        return parse.apply(in.getValueAsString());
      }
    };
  }
}
