package dev.stepfold.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepfold.arn.ArnFormat;
import dev.stepfold.arn.MapRunArn;
import dev.stepfold.redrive.RedrivePlan;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RedrivePlanJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shouldWriteBranchesWithTheirRerunsAndInputsAsJsonValues() throws Exception {
    var execution = ArnFormat.DEFAULT.stateMachine("orders").execution("order-1");
    var charge = new RedrivePlan.Rerun("Charge", "Task", JSON.readTree("{\"order\": 42}"), List.of());
    var fulfil = new RedrivePlan.Rerun("Fulfil", "Parallel", JSON.readTree("{\"order\": 42}"), List.of(
        new RedrivePlan.Branch(0, true, false, Optional.empty()), new RedrivePlan.Branch(1, false, false, Optional.of(charge))));

    assertThat(RedrivePlanJson.toJson(execution, new RedrivePlan(Optional.empty(), List.of(fulfil)))).isEqualTo(JSON.readTree("""
        {"executionArn": "%s", "redrivable": true, "reruns": [
          {"stateName": "Fulfil", "stateType": "Parallel", "input": {"order": 42}, "branches": [
            {"index": 0, "keepsResult": true, "fromStart": false},
            {"index": 1, "keepsResult": false, "fromStart": false,
             "rerun": {"stateName": "Charge", "stateType": "Task", "input": {"order": 42}, "branches": []}}]}]}""".formatted(execution)));
  }

  @Test
  void shouldWriteTheReasonOfANotRedrivableExecutionAndTheChildrenOfAMapRun() throws Exception {
    var execution = ArnFormat.DEFAULT.stateMachine("orders").execution("order-1");
    var mapRunArn = MapRunArn.of(execution, "Items", 1);
    var child = new RedrivePlan.ChildRerun(2, mapRunArn.child(2, false), JSON.readTree("\"b\""), true);
    var items = new RedrivePlan.Rerun("Items", "Map", JSON.readTree("{}"), List.of(),
        Optional.of(new RedrivePlan.MapRunRerun(mapRunArn, false, true, List.of(child))));

    var refused = RedrivePlanJson.toJson(execution, new RedrivePlan(Optional.of("Execution is RUNNING and cannot be redriven"), List.of()));
    var mapRun = RedrivePlanJson.toJson(execution, new RedrivePlan(Optional.empty(), List.of(items))).at("/reruns/0/mapRun");

    assertThat(refused.path("redrivable").asBoolean()).isFalse();
    assertThat(refused.path("notRedrivableReason").asText()).isEqualTo("Execution is RUNNING and cannot be redriven");
    assertThat(mapRun).isEqualTo(JSON.readTree("""
        {"mapRunArn": "%s", "startsNewMapRun": false, "mapRunKnown": true,
         "children": [{"index": 2, "executionArn": "%s", "redriven": true, "input": "b"}]}""".formatted(mapRunArn, child.executionArn())));
  }
}
