package dev.stepfold.streams;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import dev.stepfold.schemas.CommandRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;

/**
 * Reads a command written as JSON, for producers without Avro (a console producer, kcat). The object has the fields of
 * {@link CommandRecord}, with the command as an object of one member named after its union branch, with or without the
 * {@code Command} suffix:
 *
 * <pre>{@code
 * {"requestId": "r-1", "executionArn": "arn:aws:states:us-east-1:123456789012:execution:orders:o-42",
 *  "command": {"StartExecution": {"stateMachineArn": "...", "roleArn": "...", "definition": {...}, "input": {"order": 42}}}}
 * }</pre>
 *
 * A field the schema types as a string takes a JSON string as its text and any other JSON value as that value's JSON
 * text, so {@code definition}, {@code input} and {@code output} may be written as JSON; an array of strings (a bulk
 * redrive's {@code statuses}) is a JSON array of strings, an array of records (tags, an alias's routing) a JSON array
 * of objects; a field that may be null or has
 * a default may be left out (a StartExecution without {@code definition} runs the state machine it names, as Avro's
 * does). {@code "reply": false} asks for no reply record, as a producer that reads none should. Conversion follows the
 * schema, so branches added to the union later are read with no change here.
 */
final class JsonCommands {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Schema SCHEMA = CommandRecord.getClassSchema();

  private JsonCommands() {}

  /** The command; {@link IllegalArgumentException} saying what is wrong when the JSON is not one. */
  static CommandRecord read(byte[] json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Expected a JSON command, but the record is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new IllegalArgumentException("Expected a JSON command, but the record does not read: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("Expected a JSON command to be an object");
    }
    var command = root.get("command");
    if (command == null || !command.isObject() || command.size() != 1) {
      throw new IllegalArgumentException(
          "Expected the JSON command's 'command' to be an object with one member, the command's type: one of " + branchNames());
    }
    var name = command.fieldNames().next();
    var branch = branch(name);
    var reply = root.get("reply");
    if (reply != null && !reply.isBoolean()) {
      throw new IllegalArgumentException("Expected the JSON command's 'reply' to be true or false, but got " + reply);
    }
    return CommandRecord.newBuilder()
        .setRequestId(requiredText(root, "requestId", SCHEMA.getName()))
        .setExecutionArn(requiredText(root, "executionArn", SCHEMA.getName()))
        .setCommand(record(branch, command.get(name)))
        .setReply(reply == null || reply.booleanValue())
        .build();
  }

  /** Who a JSON record says it comes from, even when it is not a command: its request id and the ARN it names. */
  record Address(String requestId, Optional<String> executionArn) {}

  /** The request id (and ARN) of a record that is a JSON object with a string {@code requestId}; empty for anything else. */
  static Optional<Address> address(byte[] json) {
    try {
      var root = MAPPER.readTree(json);
      if (root == null || !root.path("requestId").isTextual() || root.path("requestId").textValue().isEmpty()) {
        return Optional.empty();
      }
      var arn = root.path("executionArn");
      return Optional.of(new Address(root.get("requestId").textValue(), arn.isTextual() ? Optional.of(arn.textValue()) : Optional.empty()));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** AWS's wording for a required member that is missing. */
  static String missing(String member) {
    return "1 validation error detected: Value null at '" + member + "' failed to satisfy constraint: Member must not be null";
  }

  private static Schema branch(String name) {
    for (var branch : SCHEMA.getField("command").schema().getTypes()) {
      if (branch.getName().equals(name) || branch.getName().equals(name + "Command")) {
        return branch;
      }
    }
    throw new IllegalArgumentException("Expected a command type, one of " + branchNames() + ", but got '" + name + "'");
  }

  private static ArrayList<String> branchNames() {
    var names = new ArrayList<String>();
    for (var branch : SCHEMA.getField("command").schema().getTypes()) {
      names.add(branch.getName().replaceFirst("Command$", ""));
    }
    return names;
  }

  private static Object record(Schema schema, JsonNode fields) {
    if (!fields.isObject()) {
      throw new IllegalArgumentException("Expected the " + schema.getName() + "'s fields as an object");
    }
    for (Iterator<String> names = fields.fieldNames(); names.hasNext(); ) {
      var name = names.next();
      if (schema.getField(name) == null) {
        throw new IllegalArgumentException("Expected the fields of " + schema.getName() + ", but got '" + name + "'");
      }
    }
    var record = (org.apache.avro.generic.IndexedRecord) SpecificData.get().newRecord(null, schema);
    for (var field : schema.getFields()) {
      record.put(field.pos(), value(schema, field, fields.get(field.name())));
    }
    return record;
  }

  private static Object value(Schema owner, Schema.Field field, JsonNode node) {
    var type = field.schema();
    var nullable = false;
    if (type.getType() == Schema.Type.UNION) {
      nullable = type.getTypes().stream().anyMatch(t -> t.getType() == Schema.Type.NULL);
      type = type.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).findFirst().orElseThrow();
    }
    if (node == null || node.isNull()) {
      if (nullable) {
        return null;
      }
      if (field.hasDefaultValue()) {
        return SpecificData.get().getDefaultValue(field);
      }
      throw new IllegalArgumentException(missing(field.name()));
    }
    switch (type.getType()) {
      case STRING:
        return node.getNodeType() == JsonNodeType.STRING ? node.textValue() : node.toString();
      case LONG:
        if (node.canConvertToLong() && node.isIntegralNumber()) {
          return node.longValue();
        }
        break;
      case INT:
        if (node.canConvertToInt() && node.isIntegralNumber()) {
          return node.intValue();
        }
        break;
      case BOOLEAN:
        if (node.isBoolean()) {
          return node.booleanValue();
        }
        break;
      case ARRAY:
        if (node.isArray() && type.getElementType().getType() == Schema.Type.STRING) {
          var items = new ArrayList<String>();
          for (var item : node) {
            if (!item.isTextual()) {
              throw new IllegalArgumentException("Expected " + owner.getName() + "." + field.name() + " to be an array of strings, but it holds "
                  + item.getNodeType());
            }
            items.add(item.textValue());
          }
          return items;
        }
        if (node.isArray() && type.getElementType().getType() == Schema.Type.RECORD) {
          var items = new ArrayList<Object>();
          for (var item : node) {
            items.add(record(type.getElementType(), item));
          }
          return items;
        }
        break;
      case RECORD:
        return record(type, node);
      default:
        break;
    }
    throw new IllegalArgumentException("Expected " + owner.getName() + "." + field.name() + " to be a " + type.getType().getName()
        + ", but got " + node.getNodeType());
  }

  private static String requiredText(JsonNode root, String field, String owner) {
    var node = root.get(field);
    if (node == null || node.isNull()) {
      throw new IllegalArgumentException(missing(field));
    }
    if (!node.isTextual()) {
      throw new IllegalArgumentException("Expected " + owner + "." + field + " to be a string");
    }
    return node.textValue();
  }
}
