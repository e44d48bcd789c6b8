package dev.stepfold.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.streams.StepfoldConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Random and mutated requests for every operation of the Step Functions API against a running stepfold (the real
 * operations, the broker behind them): a valid request for each operation with a member dropped, retyped, replaced by
 * random or oversized text, an unknown member added, the body cut or replaced by garbage. Never a 5xx, never a stack
 * trace in an answer, no request left hanging, and a valid request still answered after each one.
 */
class RealOperationsFuzzTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Duration HANG = Duration.ofSeconds(30);
  private static final String ROLE = "arn:aws:iam::123456789012:role/stepfold";
  private static final String ARNS = "arn:aws:states:us-east-1:123456789012:";
  private static final int MAX_BODY_BYTES = 2 * 1024 * 1024;
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(HANG).build();
  private static Path dataDir;
  private static RunningApi api;
  private static Map<String, String> seeds;

  @BeforeContainer
  static void start() throws Exception {
    dataDir = Files.createTempDirectory("fuzz");
    api = RunningApi.start(dataDir, Map.of(StepfoldConfig.API_ACTIVITY_POLL_MS, "300",
        StepfoldConfig.API_MAX_BODY_BYTES, Integer.toString(MAX_BODY_BYTES)));
    try (SfnClient sfn = api.syncClient()) {
      seeds = seeds(sfn);
    }
  }

  @AfterContainer
  static void stop() throws IOException {
    if (api != null) {
      api.close();
    }
    try (var files = Files.walk(dataDir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  /** A valid request body for each of the 37 operations, naming resources that exist (a real task token among them). */
  private static Map<String, String> seeds(SfnClient sfn) throws Exception {
    var activity = sfn.createActivity(r -> r.name("fuzz-work")).activityArn();
    var pass = "{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}";
    var work = "{\"StartAt\": \"W\", \"States\": {\"W\": {\"Type\": \"Task\", \"Resource\": \"" + activity + "\", \"End\": true}}}";
    var machine = sfn.createStateMachine(r -> r.name("fuzz").roleArn(ROLE).definition(work).publish(true)).stateMachineArn();
    var version = machine + ":1";
    var alias = sfn.createStateMachineAlias(r -> r.name("live").routingConfiguration(c -> c.stateMachineVersionArn(version).weight(100)))
        .stateMachineAliasArn();
    var express = sfn.createStateMachine(r -> r.name("fuzz-express").roleArn(ROLE).definition(pass).type("EXPRESS")).stateMachineArn();
    var doomed = sfn.createStateMachine(r -> r.name("fuzz-doomed").roleArn(ROLE).definition(pass)).stateMachineArn();
    var execution = sfn.startExecution(r -> r.stateMachineArn(machine).name("fuzz-1").input("{\"a\": 1}")).executionArn();
    var stoppable = sfn.startExecution(r -> r.stateMachineArn(machine).name("fuzz-2")).executionArn();
    String token = null;
    for (long deadline = System.nanoTime() + RunningApi.PATIENCE.toNanos(); token == null && System.nanoTime() < deadline; ) {
      token = sfn.getActivityTask(r -> r.activityArn(activity).workerName("fuzzer")).taskToken();
    }
    assertThat(token).as("a task for the fuzz's task-token operations").isNotNull();
    var mapRun = ARNS + "mapRun:fuzz/Items:0f0e8a6c-2f9e-4d9c-9a60-0d1e1f2a3b4c";
    var seeds = new LinkedHashMap<String, String>();
    seeds.put("CreateStateMachine", json("name", "fuzz-new", "definition", pass, "roleArn", ROLE, "type", "STANDARD"));
    seeds.put("DeleteStateMachine", json("stateMachineArn", doomed));
    seeds.put("DescribeStateMachine", json("stateMachineArn", machine, "includedData", "ALL_DATA"));
    seeds.put("ListStateMachines", json("maxResults", 2));
    seeds.put("TestState", json("definition", "{\"Type\": \"Pass\", \"Result\": {\"x\": 1}, \"End\": true}", "input", "{}",
        "inspectionLevel", "DEBUG"));
    seeds.put("UpdateStateMachine", json("stateMachineArn", machine, "definition", work, "publish", true, "versionDescription", "v"));
    seeds.put("ValidateStateMachineDefinition", json("definition", pass, "type", "STANDARD", "severity", "WARNING", "maxResults", 5));
    seeds.put("DeleteStateMachineVersion", json("stateMachineVersionArn", machine + ":99"));
    seeds.put("ListStateMachineVersions", json("stateMachineArn", machine, "maxResults", 1));
    seeds.put("PublishStateMachineVersion", json("stateMachineArn", machine, "description", "d"));
    seeds.put("CreateStateMachineAlias", "{\"name\": \"other\", \"description\": \"d\", \"routingConfiguration\": [{\"stateMachineVersionArn\": \""
        + version + "\", \"weight\": 100}]}");
    seeds.put("DeleteStateMachineAlias", json("stateMachineAliasArn", machine + ":gone"));
    seeds.put("DescribeStateMachineAlias", json("stateMachineAliasArn", alias));
    seeds.put("ListStateMachineAliases", json("stateMachineArn", machine));
    seeds.put("UpdateStateMachineAlias", "{\"stateMachineAliasArn\": \"" + alias + "\", \"routingConfiguration\": [{\"stateMachineVersionArn\": \""
        + version + "\", \"weight\": 100}]}");
    seeds.put("DescribeExecution", json("executionArn", execution));
    seeds.put("DescribeStateMachineForExecution", json("executionArn", execution));
    seeds.put("GetExecutionHistory", json("executionArn", execution, "maxResults", 3, "reverseOrder", true, "includeExecutionData", false));
    seeds.put("ListExecutions", json("stateMachineArn", machine, "statusFilter", "RUNNING", "redriveFilter", "NOT_REDRIVEN"));
    seeds.put("RedriveExecution", json("executionArn", execution, "clientToken", "fuzz-token"));
    seeds.put("StartExecution", json("stateMachineArn", machine, "name", "fuzz-run", "input", "{}"));
    seeds.put("StartSyncExecution", json("stateMachineArn", express, "input", "{\"b\": 2}"));
    seeds.put("StopExecution", json("executionArn", stoppable, "error", "Fuzz", "cause", "stopped by the fuzz"));
    seeds.put("DescribeMapRun", json("mapRunArn", mapRun));
    seeds.put("ListMapRuns", json("executionArn", execution, "maxResults", 1));
    seeds.put("UpdateMapRun", json("mapRunArn", mapRun, "maxConcurrency", 2, "toleratedFailurePercentage", 10.5));
    seeds.put("CreateActivity", json("name", "fuzz-other"));
    seeds.put("DeleteActivity", json("activityArn", ARNS + "activity:gone"));
    seeds.put("DescribeActivity", json("activityArn", activity));
    seeds.put("ListActivities", "{}");
    seeds.put("GetActivityTask", json("activityArn", activity, "workerName", "fuzzer"));
    seeds.put("SendTaskFailure", json("taskToken", token, "error", "E", "cause", "c"));
    seeds.put("SendTaskHeartbeat", json("taskToken", token));
    seeds.put("SendTaskSuccess", json("taskToken", token, "output", "{}"));
    seeds.put("ListTagsForResource", json("resourceArn", machine));
    seeds.put("TagResource", "{\"resourceArn\": \"" + machine + "\", \"tags\": [{\"key\": \"k\", \"value\": \"v\"}]}");
    seeds.put("UntagResource", "{\"resourceArn\": \"" + machine + "\", \"tagKeys\": [\"k\"]}");
    assertThat(seeds.keySet()).as("a seed for every operation").containsExactlyInAnyOrderElementsOf(AwsOperations.ALL);
    return seeds;
  }

  private static String json(Object... pairs) {
    var node = MAPPER.createObjectNode();
    for (int i = 0; i < pairs.length; i += 2) {
      node.set((String) pairs[i], MAPPER.valueToTree(pairs[i + 1]));
    }
    return node.toString();
  }

  @Property(tries = 300)
  void shouldAnswerEveryRandomOrMutatedRequestWithAnAwsAnswer(@ForAll("requests") Request request) throws Exception {
    var answer = send(request);
    assertThat(answer.statusCode()).as("%s %s -> %s", request.operation(), request.body(), answer.body()).isIn(200, 400, 403, 404, 409, 413);
    assertThat(answer.body()).as("%s %s", request.operation(), request.body()).doesNotContain("\tat ", "java.", "dev.stepfold.", "Exception:");
    JsonNode json = MAPPER.readTree(answer.body());
    assertThat(json.isObject()).as("an object for %s %s: %s", request.operation(), request.body(), answer.body()).isTrue();
    if (answer.statusCode() != 200) {
      assertThat(json.path("__type").asText()).as(answer.body()).isNotBlank()
          .isEqualTo(answer.headers().firstValue(AwsJsonServer.ERROR_TYPE_HEADER).orElse(null));
      assertThat(json.path("message").isTextual()).as(answer.body()).isTrue();
    }
    var after = send("ListStateMachines", "{}");
    assertThat(after.statusCode()).as("a valid request after %s %s: %s", request.operation(), request.body(), after.body()).isEqualTo(200);
  }

  @Example
  void shouldRefuseABodyOverTheLimitAndStillAnswer() throws Exception {
    var oversized = "{\"name\": \"" + "x".repeat(MAX_BODY_BYTES) + "\"}";
    var answer = send("CreateActivity", oversized);
    assertThat(answer.statusCode()).isEqualTo(413);
    assertThat(MAPPER.readTree(answer.body()).path("__type").asText()).isEqualTo("RequestEntityTooLargeException");
    assertThat(send("ListStateMachines", "{}").statusCode()).isEqualTo(200);
  }

  record Request(String operation, String body, String contentType) {
    Request(String operation, String body) {
      this(operation, body, AwsJsonServer.CONTENT_TYPE);
    }

    @Override
    public String toString() {
      return operation + " (" + contentType + ") " + (body.length() > 300 ? body.substring(0, 300) + "...(" + body.length() + " chars)" : body);
    }
  }

  private static HttpResponse<String> send(String operation, String body) throws Exception {
    return send(new Request(operation, body));
  }

  private static HttpResponse<String> send(Request sent) throws Exception {
    var operation = sent.operation();
    var body = sent.body();
    var request = HttpRequest.newBuilder(URI.create(api.endpoint() + "/")).timeout(HANG)
        .header("Content-Type", sent.contentType()).header("X-Amz-Target", operation.contains(".") ? operation : "AWSStepFunctions." + operation)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw new AssertionError("Expected an answer to " + operation + " " + body + " within " + HANG + ", but none came", e);
    }
  }

  @Provide
  Arbitrary<Request> requests() {
    var operation = Arbitraries.of(AwsOperations.ALL).withoutEdgeCases();
    var contentType = Arbitraries.frequency(Tuple.of(20, AwsJsonServer.CONTENT_TYPE), Tuple.of(1, "application/x-amz-json-1.1"),
        Tuple.of(1, "text/plain"), Tuple.of(1, "application/json; charset=utf-8"), Tuple.of(1, "application/x-amz-json-1.0; charset=UTF-8"));
    var target = Arbitraries.frequency(Tuple.of(20, ""), Tuple.of(1, "AWSStepFunctions."), Tuple.of(1, "Stepfold."), Tuple.of(1, "awsstepfunctions."));
    return Combinators.combine(operation, target, contentType).flatAs((name, prefix, type) -> bodies(seeds.get(name))
        .map(body -> new Request(prefix.isEmpty() ? name : prefix + name, body, type)));
  }

  private static Arbitrary<String> bodies(String seed) {
    ObjectNode valid;
    try {
      valid = (ObjectNode) MAPPER.readTree(seed);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    var members = new ArrayList<String>();
    valid.fieldNames().forEachRemaining(members::add);
    members.add("unknownMember");
    var member = Arbitraries.of(members);
    var replaced = Combinators.combine(member, values(), Arbitraries.integers().between(0, 2)).as((name, value, how) -> {
      var copy = valid.deepCopy();
      switch (how) {
        case 0 -> copy.set(name, value);
        case 1 -> copy.remove(name);
        default -> copy.set(name, mutatedText(valid.path(name).asText(), value));
      }
      return copy.toString();
    });
    var cut = Arbitraries.integers().between(0, seed.length()).map(end -> seed.substring(0, end));
    var garbage = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(80),
        Arbitraries.of("", "null", "[]", "\"text\"", "42", "{\"a\":", "{}", "{\"__proto__\": {}}", "[" + seed + "]",
            "[".repeat(5000), "{\"a\": ".repeat(3000), "{\"maxResults\": 1" + "0".repeat(2000) + "}", "{\"name\": \"\\ud800\"}",
            seed.replace("\"", "'"), seed + seed, "{\"a\": 1, \"a\": 2}", seed.replace("{", "{\"name\": \"dup\", ")));
    return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(seed)), Tuple.of(10, replaced), Tuple.of(2, cut), Tuple.of(2, garbage));
  }

  /** A member's text with something of the random value spliced in, so that ARNs, names and definitions are almost right. */
  private static JsonNode mutatedText(String text, JsonNode value) {
    var insert = value.isTextual() ? value.asText() : value.toString();
    int at = Math.floorMod(insert.hashCode(), text.length() + 1);
    return MAPPER.getNodeFactory().textNode(text.substring(0, at) + insert + text.substring(Math.min(text.length(), at + insert.length() % 3)));
  }

  private static Arbitrary<JsonNode> values() {
    var nodes = MAPPER.getNodeFactory();
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(30).map(nodes::textNode),
        Arbitraries.strings().withChars(":/*?<>{}[]\"\\$#%^|~`&,; \t\n\u0000\u007f\ud800\uffff").ofMaxLength(12).map(nodes::textNode),
        Arbitraries.integers().map(nodes::numberNode),
        Arbitraries.longs().map(nodes::numberNode),
        Arbitraries.doubles().map(nodes::numberNode),
        Arbitraries.of(nodes.nullNode(), nodes.booleanNode(true), nodes.booleanNode(false), nodes.arrayNode(), nodes.objectNode(),
            nodes.textNode(""), nodes.numberNode(-1), nodes.numberNode(0), nodes.numberNode(1001), nodes.numberNode(new java.math.BigDecimal("1e400")),
            nodes.textNode("x".repeat(300_000)), nodes.textNode("{\"StartAt\": 1}"), nodes.textNode("{}"), nodes.textNode("[]"),
            nodes.textNode(ARNS + "execution:fuzz:fuzz-1"), nodes.textNode(ARNS + "stateMachine:fuzz:1"),
            nodes.textNode(ARNS + "stateMachine:fuzz/Label"), nodes.textNode(ARNS + "activity:fuzz-work"), nodes.textNode("arn:aws:states:::"),
            nodes.arrayNode().add(nodes.objectNode().put("key", "k")), nodes.objectNode().set("nested", nodes.arrayNode().add(1))));
  }
}
