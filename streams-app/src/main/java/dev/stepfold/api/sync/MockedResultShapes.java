package dev.stepfold.api.sync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepfold.api.ApiException;
import java.util.List;
import java.util.Map;

/**
 * TestState's {@code fieldValidationMode} for the service integrations whose answers stepfold knows the shape of: a
 * mocked result must have the members the service's answer has, typed as it types them ({@code PRESENT}: those it
 * has; {@code STRICT}: also every required one). Members the service does not answer are let through, as AWS does.
 * Results of other resources are not checked: stepfold has no model of every AWS service.
 */
final class MockedResultShapes {
  private static final String MESSAGE = "Mock result schema validation error: ";

  /** The type a member must have. */
  private enum Type { STRING, NUMBER, BOOLEAN, ARRAY, OBJECT }

  private record Member(String name, Type type, boolean required) {}

  private record Shape(List<Member> members, Map<String, Shape> items) {}

  private static final Shape PUT_EVENTS_ENTRY = new Shape(List.of(
      new Member("EventId", Type.STRING, false), new Member("ErrorCode", Type.STRING, false), new Member("ErrorMessage", Type.STRING, false)), Map.of());

  private static final Map<String, Shape> SHAPES = Map.of(
      "arn:aws:states:::lambda:invoke", new Shape(List.of(
          new Member("StatusCode", Type.NUMBER, false), new Member("FunctionError", Type.STRING, false), new Member("LogResult", Type.STRING, false),
          new Member("ExecutedVersion", Type.STRING, false)), Map.of()),
      "arn:aws:states:::states:startExecution", new Shape(List.of(
          new Member("ExecutionArn", Type.STRING, true), new Member("StartDate", Type.STRING, true)), Map.of()),
      "arn:aws:states:::sqs:sendMessage", new Shape(List.of(
          new Member("MessageId", Type.STRING, false), new Member("MD5OfMessageBody", Type.STRING, false),
          new Member("SequenceNumber", Type.STRING, false)), Map.of()),
      "arn:aws:states:::sns:publish", new Shape(List.of(new Member("MessageId", Type.STRING, false), new Member("SequenceNumber", Type.STRING, false)),
          Map.of()),
      "arn:aws:states:::events:putEvents", new Shape(List.of(
          new Member("Entries", Type.ARRAY, false), new Member("FailedEntryCount", Type.NUMBER, false)), Map.of("Entries", PUT_EVENTS_ENTRY)),
      "arn:aws:states:::http:invoke", new Shape(List.of(
          new Member("StatusCode", Type.NUMBER, false), new Member("StatusText", Type.STRING, false), new Member("Headers", Type.OBJECT, false)),
          Map.of()));

  private MockedResultShapes() {}

  /** A {@code ValidationException} in AWS's words when the mocked result does not have the shape of the service's answer. */
  static void check(String resource, JsonNode result, TestState.TestStateMembers.Mode mode) {
    var shape = SHAPES.get(resource.endsWith(".waitForTaskToken") ? resource.substring(0, resource.length() - ".waitForTaskToken".length()) : resource);
    if (shape == null || !result.isObject()) {
      return;
    }
    check(shape, result, mode);
  }

  private static void check(Shape shape, JsonNode value, TestState.TestStateMembers.Mode mode) {
    for (var member : shape.members()) {
      var present = value.get(member.name());
      if (present == null || present.isNull()) {
        if (member.required() && mode == TestState.TestStateMembers.Mode.STRICT) {
          throw ApiException.validation(MESSAGE + "Required field '" + member.name() + "' is missing");
        }
        continue;
      }
      if (!has(present, member.type())) {
        throw ApiException.validation(MESSAGE + "Field '" + member.name() + "' must be " + article(member.type()));
      }
      var items = shape.items().get(member.name());
      if (items != null) {
        for (var item : present) {
          if (item.isObject()) {
            check(items, item, mode);
          }
        }
      }
    }
  }

  private static boolean has(JsonNode value, Type type) {
    return switch (type) {
      case STRING -> value.isTextual();
      case NUMBER -> value.isNumber();
      case BOOLEAN -> value.isBoolean();
      case ARRAY -> value.isArray();
      case OBJECT -> value.isObject();
    };
  }

  private static String article(Type type) {
    return switch (type) {
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case ARRAY -> "an array";
      case OBJECT -> "an object";
    };
  }
}
