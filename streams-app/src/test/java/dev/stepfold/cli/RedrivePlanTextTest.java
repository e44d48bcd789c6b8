package dev.stepfold.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepfold.arn.ArnFormat;
import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.arn.MapRunArn;
import dev.stepfold.codec.RedrivePlanJson;
import dev.stepfold.redrive.RedrivePlan;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RedrivePlanTextTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ExecutionArn EXECUTION = ArnFormat.DEFAULT.stateMachine("orders").execution("order-1");

  @Test
  void shouldSayWhyAnExecutionIsNotRedrivable() {
    var plan = new RedrivePlan(Optional.of("Execution is SUCCEEDED and cannot be redriven"), List.of());

    assertThat(text(plan)).isEqualTo("Execution " + EXECUTION + " is not redrivable: Execution is SUCCEEDED and cannot be redriven\n");
  }

  @Test
  void shouldListTheIterationsOfAMapByWhatTheyWouldDo() throws Exception {
    var item = JSON.readTree("{\"sku\": \"a\"}");
    var failedTask = new RedrivePlan.Rerun("Pick", "Task", item, List.of());
    var map = new RedrivePlan.Rerun("Items", "Map", JSON.readTree("{\"items\": [1, 2, 3]}"), List.of(
        new RedrivePlan.Branch(0, true, false, Optional.empty()),
        new RedrivePlan.Branch(1, false, false, Optional.of(failedTask)),
        new RedrivePlan.Branch(2, false, true, Optional.empty())));

    assertThat(text(new RedrivePlan(Optional.empty(), List.of(map)))).isEqualTo("""
        Execution %s is redrivable. A redrive would run again:
          Map state "Items" with input {"items":[1,2,3]}
            iteration 0: keeps its result
            iteration 1: runs again
              Task state "Pick" with input {"sku":"a"}
            iteration 2: starts from its first state
        """.formatted(EXECUTION));
  }

  @Test
  void shouldSayWhenEveryBranchStartsAgain() throws Exception {
    var parallel = new RedrivePlan.Rerun("Fulfil", "Parallel", JSON.readTree("{}"), List.of());

    assertThat(text(new RedrivePlan(Optional.empty(), List.of(parallel)))).contains("Parallel state \"Fulfil\" with input {}\n    every branch starts again");
  }

  @Test
  void shouldListTheChildExecutionsADistributedMapWouldRunAgain() throws Exception {
    var mapRunArn = MapRunArn.of(EXECUTION, "Items", 1);
    var child = mapRunArn.child(3, false);
    var mapRun = new RedrivePlan.MapRunRerun(mapRunArn, false, true, List.of(new RedrivePlan.ChildRerun(3, child, JSON.readTree("7"), true)));
    var map = new RedrivePlan.Rerun("Items", "Map", JSON.readTree("{}"), List.of(), Optional.of(mapRun));
    var newMapRun = new RedrivePlan.Rerun("Items", "Map", JSON.readTree("{}"), List.of(),
        Optional.of(new RedrivePlan.MapRunRerun(mapRunArn, true, true, List.of())));

    assertThat(text(new RedrivePlan(Optional.empty(), List.of(map)))).contains(
        "    map run " + mapRunArn + ": redriven; 1 child execution runs again\n",
        "      child 3 " + child + " (redriven) with input 7\n");
    assertThat(text(new RedrivePlan(Optional.empty(), List.of(newMapRun)))).contains("map run " + mapRunArn + ": a new map run starts over every item");
  }

  private static String text(RedrivePlan plan) {
    var out = new StringWriter();
    RedrivePlanText.print(RedrivePlanJson.toJson(EXECUTION, plan), new PrintWriter(out));
    return out.toString().replace(System.lineSeparator(), "\n");
  }
}
