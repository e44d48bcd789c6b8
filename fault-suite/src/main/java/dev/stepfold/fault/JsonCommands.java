package dev.stepfold.fault;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/** The JSON commands a producer outside stepfold writes (see "Commands as JSON" in the README). */
public final class JsonCommands {
  public static final String ACCOUNT = "123456789012";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonCommands() {}

  public static String stateMachineArn(String name) {
    return "arn:aws:states:us-east-1:" + ACCOUNT + ":stateMachine:" + name;
  }

  public static String executionArn(String stateMachine, String name) {
    return "arn:aws:states:us-east-1:" + ACCOUNT + ":execution:" + stateMachine + ":" + name;
  }

  /** A StartExecution that carries its own definition. */
  public static String startExecution(String requestId, String executionArn, String stateMachine, String definition, String input) {
    var root = envelope(requestId, executionArn);
    var start = root.putObject("command").putObject("StartExecution");
    start.put("stateMachineArn", stateMachineArn(stateMachine)).put("roleArn", "arn:aws:iam::" + ACCOUNT + ":role/stepfold");
    start.set("definition", json(definition));
    start.set("input", json(input));
    return root.toString();
  }

  public static String redriveExecution(String requestId, String executionArn, String clientToken) {
    var root = envelope(requestId, executionArn);
    root.putObject("command").putObject("RedriveExecution").put("clientToken", clientToken);
    return root.toString();
  }

  private static ObjectNode envelope(String requestId, String executionArn) {
    return MAPPER.createObjectNode().put("requestId", requestId).put("executionArn", executionArn);
  }

  private static com.fasterxml.jackson.databind.JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (java.io.IOException e) {
      throw new UncheckedIOException("Expected JSON, but got " + text, e);
    }
  }
}
