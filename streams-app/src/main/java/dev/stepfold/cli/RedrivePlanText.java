package dev.stepfold.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;

/**
 * A redrive plan (Stepfold.GetRedrivePlan's answer, {@code RedrivePlanJson}'s shape) for a person to read: one line a
 * state, branch, iteration or child execution, indented by depth.
 */
final class RedrivePlanText {
  private static final String INDENT = "  ";

  private RedrivePlanText() {}

  static void print(JsonNode plan, PrintWriter out) {
    var executionArn = plan.path("executionArn").asText();
    if (!plan.path("redrivable").asBoolean()) {
      out.println("Execution " + executionArn + " is not redrivable: " + plan.path("notRedrivableReason").asText());
    } else if (plan.path("reruns").isEmpty()) {
      out.println("Execution " + executionArn + " is redrivable; a redrive would enter no state again.");
    } else {
      var version = plan.has("stateMachineVersionArn") ? ", in version " + plan.path("stateMachineVersionArn").asText() : "";
      out.println("Execution " + executionArn + " is redrivable. A redrive would run again" + version + ":");
      plan.path("reruns").forEach(rerun -> printRerun(rerun, INDENT, out));
    }
    out.flush();
  }

  private static void printRerun(JsonNode rerun, String indent, PrintWriter out) {
    var stateType = rerun.path("stateType").asText();
    out.println(indent + stateType + " state \"" + rerun.path("stateName").asText() + "\" with input " + CliJson.compact(rerun.path("input")));
    var inner = indent + INDENT;
    if (rerun.hasNonNull("mapRun")) {
      printMapRun(rerun.get("mapRun"), inner, out);
      return;
    }
    boolean fansOut = stateType.equals("Parallel") || stateType.equals("Map");
    var itemName = stateType.equals("Parallel") ? "branch" : "iteration";
    if (fansOut && rerun.path("branches").isEmpty()) {
      out.println(inner + "every " + itemName + " starts again");
    }
    for (var branch : rerun.path("branches")) {
      var name = itemName + " " + branch.path("index").asInt();
      if (branch.path("keepsResult").asBoolean()) {
        out.println(inner + name + ": keeps its result");
      } else if (branch.hasNonNull("rerun")) {
        out.println(inner + name + ": runs again");
        printRerun(branch.get("rerun"), inner + INDENT, out);
      } else {
        out.println(inner + name + ": starts from its first state");
      }
    }
  }

  private static void printMapRun(JsonNode mapRun, String indent, PrintWriter out) {
    var mapRunArn = mapRun.path("mapRunArn").asText();
    if (mapRun.path("startsNewMapRun").asBoolean()) {
      out.println(indent + "map run " + mapRunArn + ": a new map run starts over every item");
    } else if (!mapRun.path("mapRunKnown").asBoolean()) {
      out.println(indent + "map run " + mapRunArn + ": redriven; its failed child executions run again (not looked at here)");
    } else {
      int children = mapRun.path("children").size();
      out.println(indent + "map run " + mapRunArn + ": redriven; " + children + (children == 1 ? " child execution runs" : " child executions run")
          + " again");
      for (var child : mapRun.path("children")) {
        out.println(indent + INDENT + "child " + child.path("index").asInt() + " " + child.path("executionArn").asText()
            + (child.path("redriven").asBoolean() ? " (redriven)" : " (started)") + " with input " + CliJson.compact(child.path("input")));
      }
    }
  }
}
