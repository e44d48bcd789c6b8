package dev.stepfold.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.stepfold.asl.TaskResource;
import dev.stepfold.codec.HistoryJson;
import dev.stepfold.engine.TaskDispatch;
import dev.stepfold.local.TaskAnswer;
import dev.stepfold.local.TaskAnswers;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plays the services of a recorded execution from its {@code tasks.json}: a dispatched task gets the first unused
 * recorded entry with the same type, resource type and resource, preferring one whose recorded parameters (or input)
 * match the engine's. Succeeded outcomes return their output, failures fail, time-outs are not answered (the engine's
 * own timer must fire); a recorded {@code TaskSubmitted} or {@code ActivityStarted} comes first.
 */
final class RecordedTaskAnswers implements TaskAnswers {
  private final List<JsonNode> unused;
  private final ValueMatcher matcher;

  /** @param matcher the case's tokens; only copies of it are used, so answering never binds a placeholder */
  RecordedTaskAnswers(JsonNode tasks, ValueMatcher matcher) {
    this.unused = new ArrayList<>();
    tasks.forEach(unused::add);
    this.matcher = matcher;
  }

  @Override
  public TaskAnswer answer(TaskDispatch task) {
    var type = scheduledType(task.resource());
    var candidates = unused.stream().filter(entry -> sameTask(entry, type, task)).toList();
    if (candidates.isEmpty()) {
      return TaskAnswer.noAnswer("tasks.json has no unused " + type + " for " + describe(task));
    }
    var chosen = candidates.stream().filter(entry -> matches(recordedPayload(entry, type), task.payload())).findFirst().orElse(candidates.get(0));
    unused.remove(chosen);
    return answerOf(chosen);
  }

  private boolean sameTask(JsonNode entry, String type, TaskDispatch task) {
    if (!entry.path("type").asText().equals(type)) {
      return false;
    }
    var resourceType = entry.path("resourceType");
    if (!resourceType.isNull() && !resourceType.isMissingNode() && !matches(resourceType, TextNode.valueOf(task.resource().resourceType()))) {
      return false;
    }
    return matches(entry.path("resource"), TextNode.valueOf(task.resource().resourceName()));
  }

  private boolean matches(JsonNode recorded, JsonNode actual) {
    return !recorded.isMissingNode() && matcher.copy().compare("", recorded, actual).isEmpty();
  }

  private static JsonNode recordedPayload(JsonNode entry, String type) {
    return entry.path("scheduled").path(type.equals("TaskScheduled") ? "parameters" : "input");
  }

  static TaskAnswer answerOf(JsonNode entry) {
    var outcome = entry.path("outcome");
    TaskAnswer answer;
    if (!outcome.isObject()) {
      answer = TaskAnswer.noAnswer("the recording has no outcome for this task");
    } else {
      var type = outcome.path("type").asText();
      var details = outcome.path("details");
      if (type.endsWith("Succeeded")) {
        answer = TaskAnswer.succeed(text(details.path("output")).orElse("null"));
      } else if (type.endsWith("TimedOut")) {
        answer = TaskAnswer.noAnswer("recorded as " + type + ": the engine's time-out must fire");
      } else {
        answer = new TaskAnswer.Fail(text(details.path("error")), text(details.path("cause")));
      }
    }
    var events = entry.path("events");
    for (var i = events.size() - 1; i >= 0; i--) {
      var event = events.get(i);
      var eventType = event.path("type").asText();
      if (eventType.equals("TaskSubmitted")) {
        answer = new TaskAnswer.Submitted(text(event.path("taskSubmittedEventDetails").path("output")).orElse("null"), answer);
      } else if (eventType.equals("ActivityStarted")) {
        answer = new TaskAnswer.Started(text(event.path("activityStartedEventDetails").path("workerName")), answer);
      }
    }
    return answer;
  }

  /** A recorded payload: JSON objects were text that AWS sent, so serialise them; strings are the text itself. */
  private static Optional<String> text(JsonNode value) {
    if (value.isMissingNode() || value.isNull()) {
      return Optional.empty();
    }
    return Optional.of(value.isTextual() ? value.asText() : HistoryJson.compact(value));
  }

  private static String scheduledType(TaskResource resource) {
    if (resource instanceof TaskResource.LambdaFunction) {
      return "LambdaFunctionScheduled";
    }
    return resource instanceof TaskResource.Activity ? "ActivityScheduled" : "TaskScheduled";
  }

  private static String describe(TaskDispatch task) {
    var resource = task.resource();
    return resource.resourceType().isEmpty() ? resource.resourceName() : resource.resourceType() + ":" + resource.resourceName();
  }
}
