package dev.stepfold.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.api.executions.DescribeExecutionOutput;
import dev.stepfold.codec.AvroCodec;
import dev.stepfold.codec.HistoryFold;
import dev.stepfold.codec.HistoryJson;
import dev.stepfold.engine.ExecutionSummary;
import dev.stepfold.engine.StepfoldDecider;
import dev.stepfold.redrive.RedriveStatus;
import dev.stepfold.schemas.HistoryEventRecord;
import dev.stepfold.streams.ExecutionDescription;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every instance ready (its topology RUNNING: no stream thread died of what it read), and what every instance answers
 * for an execution, against its history on the topic: DescribeExecution (read from the snapshot in the executions store
 * of the instance that owns it) must be the engine's fold of the history, rendered as DescribeExecution renders it, and
 * GetExecutionHistory (read from the history store) must be the events on the topic; and every instance must give the
 * same answers, whichever owns the execution.
 */
final class StoredStateCheck {
  /** {@code stateNotFold}: executions for which some instance answered otherwise than the fold; {@code readsDiffering}: those the instances answered differently. */
  record Result(int executions, int instances, int stateNotFold, int readsDiffering, List<String> problems) {}

  private static final Duration UNAVAILABLE_PATIENCE = Duration.ofSeconds(60);

  private final List<AwsApi> instances;
  private final HistoryFold history = new HistoryFold(AvroCodec.parsingDefinitions(), new StepfoldDecider());

  StoredStateCheck(List<String> apiUrls) {
    this.instances = apiUrls.stream().map(AwsApi::new).toList();
  }

  Result check(Map<String, List<HistoryEventRecord>> histories) throws InterruptedException {
    int stateNotFold = 0;
    int readsDiffering = 0;
    var problems = new ArrayList<String>();
    for (var instance : instances) {
      if (!ready(instance)) {
        problems.add(instance.endpoint() + " is not ready (/health/ready): its stream thread stopped, or it did not come back");
      }
    }
    for (var execution : histories.entrySet()) {
      var arn = execution.getKey();
      var folded = history.fold(execution.getValue());
      if (folded.started().isEmpty()) {
        stateNotFold++;
        problems.add(arn + ": its history on the topic does not start it");
        continue;
      }
      var description = normalized(DescribeExecutionOutput.of(
          new ExecutionDescription(ExecutionSummary.of(folded), RedriveStatus.of(folded, Instant.now())), true));
      var events = normalized(HistoryJson.toJson(history.lastRun(execution.getValue())));
      var described = new LinkedHashMap<String, JsonNode>();
      var historyAnswers = new LinkedHashMap<String, JsonNode>();
      for (var instance : instances) {
        described.put(instance.endpoint(), read(instance, arn, api -> api.call("DescribeExecution", request(arn))));
        historyAnswers.put(instance.endpoint(), read(instance, arn, api -> wholeHistory(api, arn)));
      }
      var notFold = new ArrayList<String>();
      described.forEach((endpoint, answer) -> {
        if (!answer.equals(description)) {
          notFold.add("DescribeExecution from " + endpoint + " is " + answer + ", the fold of its history " + description);
        }
      });
      historyAnswers.forEach((endpoint, answer) -> {
        if (!answer.equals(events)) {
          notFold.add("GetExecutionHistory from " + endpoint + " has " + answer.size() + " events, not the " + events.size() + " on the topic");
        }
      });
      if (!notFold.isEmpty()) {
        stateNotFold++;
        problems.add(arn + ": " + notFold.get(0));
      }
      if (described.values().stream().distinct().count() > 1 || historyAnswers.values().stream().distinct().count() > 1) {
        readsDiffering++;
        problems.add(arn + ": the instances answer differently: " + described.values());
      }
    }
    return new Result(histories.size(), instances.size(), stateNotFold, readsDiffering, problems);
  }

  private interface Read {
    JsonNode from(AwsApi api) throws IOException, InterruptedException;
  }

  /** The answer, asked again while the instance is unavailable (just restarted, rebalancing); an error answer as its {@code __type}. */
  private static JsonNode read(AwsApi instance, String arn, Read read) throws InterruptedException {
    long deadline = System.nanoTime() + UNAVAILABLE_PATIENCE.toNanos();
    while (true) {
      try {
        return normalized(read.from(instance));
      } catch (AwsApi.Refused refused) {
        if (!refused.errorType().equals("ServiceUnavailable") || System.nanoTime() > deadline) {
          return AwsApi.JSON.createObjectNode().put("__type", refused.errorType());
        }
      } catch (IOException unreachable) {
        if (System.nanoTime() > deadline) {
          return AwsApi.JSON.createObjectNode().put("unreachable", String.valueOf(unreachable.getMessage()));
        }
      }
      Thread.sleep(200);
    }
  }

  private static boolean ready(AwsApi instance) throws InterruptedException {
    long deadline = System.nanoTime() + UNAVAILABLE_PATIENCE.toNanos();
    while (!instance.ready()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(200);
    }
    return true;
  }

  private static ArrayNode wholeHistory(AwsApi api, String arn) throws IOException, InterruptedException {
    var events = AwsApi.JSON.createArrayNode();
    var page = request(arn).put("maxResults", 1000);
    while (true) {
      var answer = api.call("GetExecutionHistory", page);
      events.addAll((ArrayNode) answer.path("events"));
      if (!answer.hasNonNull("nextToken")) {
        return events;
      }
      page.put("nextToken", answer.get("nextToken").asText());
    }
  }

  private static ObjectNode request(String arn) {
    return AwsApi.JSON.createObjectNode().put("executionArn", arn);
  }

  /** As a client reads it off the wire, so that numbers compare as the same JSON whatever Java type held them. */
  private static JsonNode normalized(JsonNode json) {
    try {
      return AwsApi.JSON.readTree(json.toString());
    } catch (IOException e) {
      throw new IllegalStateException("Expected JSON to read back, but: " + e.getMessage(), e);
    }
  }
}
