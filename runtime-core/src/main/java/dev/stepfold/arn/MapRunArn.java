package dev.stepfold.arn;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * {@code arn:<partition>:states:<region>:<account>:mapRun:<state machine name>/<label>:<id>}: one run of a Distributed
 * Map. Its children are executions named {@code <state machine name>/<label>:<child id>}.
 */
public record MapRunArn(String value) {
  public MapRunArn {
    Arns.requireResource(value, "mapRun");
  }

  /**
   * The map run a Map state starts in an execution; the id is derived from the execution and the attempt, so deciding
   * again on the same history names the same map run.
   */
  public static MapRunArn of(ExecutionArn execution, String label, long attempt) {
    var parts = execution.value().split(":");
    var id = UUID.nameUUIDFromBytes((execution.value() + "#" + label + "#" + attempt).getBytes(StandardCharsets.UTF_8));
    return new MapRunArn(String.join(":", parts[0], parts[1], parts[2], parts[3], parts[4], "mapRun", parts[6] + "/" + label, id.toString()));
  }

  /** The child execution that runs item {@code index}; Express children are {@code express:} executions. */
  public ExecutionArn child(int index, boolean express) {
    var parts = value.split(":");
    var id = UUID.nameUUIDFromBytes((value + "#" + index).getBytes(StandardCharsets.UTF_8));
    return new ExecutionArn(String.join(":", parts[0], parts[1], parts[2], parts[3], parts[4], express ? "express" : "execution", parts[6], id.toString()));
  }

  /** The state machine the children run: the parent's name and the label. */
  public StateMachineArn childStateMachine() {
    var parts = value.split(":");
    return new StateMachineArn(String.join(":", parts[0], parts[1], parts[2], parts[3], parts[4], "stateMachine", parts[6]));
  }

  @Override
  public String toString() {
    return value;
  }
}
