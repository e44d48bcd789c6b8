package dev.stepfold.engine;

import static dev.stepfold.engine.EngineTestKit.given;
import static dev.stepfold.engine.EngineTestKit.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stepfold.error.StatesError;
import dev.stepfold.history.EventDetails;
import dev.stepfold.history.HistoryEventType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Workflow variables (Assign and their scopes) and JSONata states, in the engine. */
class VariablesAndJsonataTest {

  @Test
  void shouldRecordAssignedVariablesAndLetLaterStatesReadThem() {
    var engine = given("""
        {"StartAt": "Remember", "States": {
          "Remember": {"Type": "Pass", "Assign": {"orderId.$": "$.id", "attempts": 0}, "Next": "Use"},
          "Use": {"Type": "Pass", "Parameters": {"order.$": "$orderId", "tries.$": "$attempts"}, "End": true}}}""");

    engine.start("{\"id\": \"o-7\"}");

    var exited = engine.history.get(2).details(EventDetails.StateExited.class);
    assertThat(exited.assignedVariables()).hasValueSatisfying(assigned -> assertThat(assigned).containsOnlyKeys("orderId", "attempts"));
    assertThat(engine.execution.output()).contains(json("{\"order\": \"o-7\", \"tries\": 0}"));
  }

  @Test
  void shouldEvaluateEveryAssignmentAgainstTheVariablesBeforeTheState() {
    var engine = given("""
        {"StartAt": "First", "States": {
          "First": {"Type": "Pass", "Assign": {"x": 1}, "Next": "Second"},
          "Second": {"Type": "Pass", "Assign": {"x": 2, "previous.$": "$x"}, "Next": "Third"},
          "Third": {"Type": "Pass", "Parameters": {"x.$": "$x", "previous.$": "$previous"}, "End": true}}}""");

    engine.start("{}");

    assertThat(engine.execution.output()).contains(json("{\"x\": 2, \"previous\": 1}"));
  }

  @Test
  void shouldLetABranchReadOuterVariablesButNotAssignThemOutward() {
    var engine = given("""
        {"StartAt": "Set", "States": {
          "Set": {"Type": "Pass", "Assign": {"tier": "gold"}, "Next": "Both"},
          "Both": {"Type": "Parallel", "Next": "After", "Branches": [
            {"StartAt": "Inner", "States": {"Inner": {"Type": "Pass", "Assign": {"tier": "silver"},
              "Parameters": {"seen.$": "$tier"}, "End": true}}}]},
          "After": {"Type": "Pass", "Parameters": {"branch.$": "$[0].seen", "tier.$": "$tier"}, "End": true}}}""");

    engine.start("{}");

    assertThat(engine.execution.output()).contains(json("{\"branch\": \"gold\", \"tier\": \"gold\"}"));
  }

  @Test
  void shouldRunAJsonataTaskWithArgumentsOutputAndAssign() {
    var engine = given("""
        {"QueryLanguage": "JSONata", "StartAt": "Charge", "States": {"Charge": {"Type": "Task",
          "Resource": "arn:aws:states:::lambda:invoke",
          "Arguments": {"FunctionName": "charge", "Payload": {"cents": "{% $states.input.amount * 100 %}"}},
          "Assign": {"chargeId": "{% $states.result.Payload.id %}"},
          "Output": {"charged": "{% $states.result.Payload.id %}", "input": "{% $states.input %}"},
          "End": true}}}""");
    engine.start("{\"amount\": 4.5}");
    assertThat(engine.lastTask().payload()).isEqualTo(json("{\"FunctionName\": \"charge\", \"Payload\": {\"cents\": 450}}"));

    engine.succeedTask("{\"Payload\": {\"id\": \"ch-9\"}}");

    assertThat(engine.execution.output()).contains(json("{\"charged\": \"ch-9\", \"input\": {\"amount\": 4.5}}"));
    var exited = engine.history.get(engine.history.size() - 2).details(EventDetails.StateExited.class);
    assertThat(exited.assignedVariables()).contains(Map.of("chargeId", json("\"ch-9\"")));
  }

  @Test
  void shouldRecordEvaluationFailedWhenAJsonataExpressionReturnsNothing() {
    var engine = given("""
        {"QueryLanguage": "JSONata", "StartAt": "Broken", "States": {"Broken": {"Type": "Pass",
          "Output": {"result": "{% $doesNotExist %}"}, "End": true}}}""");

    engine.start("{}");

    assertThat(engine.sequence()).containsExactly("1<-0 ExecutionStarted", "2<-0 PassStateEntered", "3<-0 EvaluationFailed",
        "4<-3 ExecutionFailed");
    var failed = engine.history.get(2).details(EventDetails.EvaluationFailed.class);
    assertThat(failed.location()).contains("Output/result");
    assertThat(failed.cause().orElseThrow()).isEqualTo("An error occurred while executing the state 'Broken' (entered at the event id #2)."
        + " The JSONata expression '$doesNotExist' specified for the field 'Output/result' returned nothing (undefined).");
    assertThat(engine.execution.error()).contains(StatesError.QUERY_EVALUATION_ERROR);
  }

  @Test
  void shouldChooseByJsonataConditionAndTakeTheRulesOutput() {
    var engine = given("""
        {"QueryLanguage": "JSONata", "StartAt": "Route", "States": {
          "Route": {"Type": "Choice", "Default": "Small", "Choices": [
            {"Condition": "{% $states.input.total > 100 %}", "Next": "Big", "Output": {"route": "big"}}]},
          "Big": {"Type": "Succeed"}, "Small": {"Type": "Succeed"}}}""");

    engine.start("{\"total\": 250}");

    assertThat(engine.types()).contains(HistoryEventType.SUCCEED_STATE_ENTERED);
    assertThat(engine.execution.output()).contains(json("{\"route\": \"big\"}"));
  }

  @Test
  void shouldMapOverJsonataItemsWithAnItemSelector() {
    var engine = given("""
        {"QueryLanguage": "JSONata", "StartAt": "Each", "States": {"Each": {"Type": "Map",
          "Items": "{% $states.input.skus %}",
          "ItemSelector": {"sku": "{% $states.context.Map.Item.Value %}", "at": "{% $states.context.Map.Item.Index %}"},
          "ItemProcessor": {"StartAt": "Echo", "States": {"Echo": {"Type": "Pass", "End": true}}}, "End": true}}}""");

    engine.start("{\"skus\": [\"a\", \"b\"]}");

    assertThat(engine.execution.output()).contains(json("[{\"sku\": \"a\", \"at\": 0}, {\"sku\": \"b\", \"at\": 1}]"));
  }
}
