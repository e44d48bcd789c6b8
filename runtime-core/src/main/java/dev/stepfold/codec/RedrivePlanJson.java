package dev.stepfold.codec;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.redrive.RedrivePlan;

/**
 * A redrive plan as JSON, in the AWS style of member names, for the CLI, the API and the console alike:
 * {@code {"executionArn", "redrivable", "notRedrivableReason"?, "stateMachineVersionArn"?, "reruns": [rerun]}}; a rerun is
 * {@code {"stateName", "stateType", "input", "branches": [branch], "mapRun"?, "childExecution"?}}, a branch
 * {@code {"index", "keepsResult", "fromStart", "rerun"?}}, a map run
 * {@code {"mapRunArn", "startsNewMapRun", "mapRunKnown", "children": [{"index", "executionArn", "input", "redriven"}]}}, a
 * child execution {@code {"executionArn", "redriven"}}.
 * Inputs are JSON values, not text.
 */
public final class RedrivePlanJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private RedrivePlanJson() {}

  public static ObjectNode toJson(ExecutionArn executionArn, RedrivePlan plan) {
    var json = NODES.objectNode();
    json.put("executionArn", executionArn.value());
    json.put("redrivable", plan.redrivable());
    plan.notRedrivableReason().ifPresent(reason -> json.put("notRedrivableReason", reason));
    plan.stateMachineVersionArn().ifPresent(version -> json.put("stateMachineVersionArn", version));
    var reruns = json.putArray("reruns");
    plan.reruns().forEach(rerun -> reruns.add(rerun(rerun)));
    return json;
  }

  private static ObjectNode rerun(RedrivePlan.Rerun rerun) {
    var json = NODES.objectNode();
    json.put("stateName", rerun.stateName());
    json.put("stateType", rerun.stateType());
    json.set("input", rerun.input());
    var branches = json.putArray("branches");
    for (var branch : rerun.branches()) {
      var branchJson = branches.addObject();
      branchJson.put("index", branch.index());
      branchJson.put("keepsResult", branch.keepsResult());
      branchJson.put("fromStart", branch.fromStart());
      branch.rerun().ifPresent(inner -> branchJson.set("rerun", rerun(inner)));
    }
    rerun.mapRun().ifPresent(mapRun -> {
      var mapRunJson = json.putObject("mapRun");
      mapRunJson.put("mapRunArn", mapRun.mapRunArn().value());
      mapRunJson.put("startsNewMapRun", mapRun.startsNewMapRun());
      mapRunJson.put("mapRunKnown", mapRun.mapRunKnown());
      var children = mapRunJson.putArray("children");
      for (var child : mapRun.children()) {
        children.addObject()
            .put("index", child.index())
            .put("executionArn", child.executionArn().value())
            .put("redriven", child.redriven())
            .set("input", child.input());
      }
    });
    rerun.childExecution().ifPresent(child -> json.putObject("childExecution")
        .put("executionArn", child.executionArn().value())
        .put("redriven", child.redriven()));
    return json;
  }
}
