package dev.stepfold.cli;

import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.codec.HistoryJson;
import dev.stepfold.redrive.RedrivePlan;
import java.io.PrintWriter;

/** A redrive plan for a person to read: one line a state, branch, iteration or child execution, indented by depth. */
final class RedrivePlanText {
  private static final String INDENT = "  ";

  private RedrivePlanText() {}

  static void print(ExecutionArn executionArn, RedrivePlan plan, PrintWriter out) {
    if (!plan.redrivable()) {
      out.println("Execution " + executionArn + " is not redrivable: " + plan.notRedrivableReason().orElseThrow());
      return;
    }
    if (plan.reruns().isEmpty()) {
      out.println("Execution " + executionArn + " is redrivable; a redrive would enter no state again.");
      return;
    }
    out.println("Execution " + executionArn + " is redrivable. A redrive would run again:");
    plan.reruns().forEach(rerun -> print(rerun, INDENT, out));
  }

  private static void print(RedrivePlan.Rerun rerun, String indent, PrintWriter out) {
    out.println(indent + rerun.stateType() + " state \"" + rerun.stateName() + "\" with input " + HistoryJson.compact(rerun.input()));
    var inner = indent + INDENT;
    if (rerun.mapRun().isPresent()) {
      print(rerun.mapRun().get(), inner, out);
      return;
    }
    boolean fansOut = rerun.stateType().equals("Parallel") || rerun.stateType().equals("Map");
    if (fansOut && rerun.branches().isEmpty()) {
      out.println(inner + "every " + itemName(rerun) + " starts again");
    }
    for (var branch : rerun.branches()) {
      var name = itemName(rerun) + " " + branch.index();
      if (branch.keepsResult()) {
        out.println(inner + name + ": keeps its result");
      } else if (branch.rerun().isPresent()) {
        out.println(inner + name + ": runs again");
        print(branch.rerun().get(), inner + INDENT, out);
      } else {
        out.println(inner + name + ": starts from its first state");
      }
    }
  }

  private static void print(RedrivePlan.MapRunRerun mapRun, String indent, PrintWriter out) {
    if (mapRun.startsNewMapRun()) {
      out.println(indent + "map run " + mapRun.mapRunArn() + ": a new map run starts over every item");
    } else if (!mapRun.mapRunKnown()) {
      out.println(indent + "map run " + mapRun.mapRunArn() + ": redriven; its failed child executions run again (not looked at here)");
    } else {
      int children = mapRun.children().size();
      out.println(indent + "map run " + mapRun.mapRunArn() + ": redriven; " + children + (children == 1 ? " child execution runs" : " child executions run")
          + " again");
      for (var child : mapRun.children()) {
        out.println(indent + INDENT + "child " + child.index() + " " + child.executionArn() + (child.redriven() ? " (redriven)" : " (started)")
            + " with input " + HistoryJson.compact(child.input()));
      }
    }
  }

  private static String itemName(RedrivePlan.Rerun rerun) {
    return rerun.stateType().equals("Parallel") ? "branch" : "iteration";
  }
}
