package dev.stepfold.asl.parse;

import static dev.stepfold.asl.parse.Definitions.firstError;
import static dev.stepfold.asl.parse.Definitions.invalid;
import static dev.stepfold.asl.parse.Definitions.single;
import static dev.stepfold.asl.parse.Definitions.valid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stepfold.asl.ExecutionType;
import org.junit.jupiter.api.Test;

class TaskResourceValidationTest {
  private static String task(String resource) {
    return single("{\"Type\":\"Task\",\"Resource\":\"" + resource + "\",\"End\":true}");
  }

  @Test
  void shouldRequireAResource() {
    assertThat(firstError(single("{\"Type\":\"Task\",\"End\":true}")))
        .isEqualTo("SCHEMA_VALIDATION_FAILED: These fields are required: [Resource] at /States/S");
  }

  @Test
  void shouldRejectAResourceThatIsNotAnArn() {
    assertThat(firstError(task("${MyFunctionArn}")))
        .isEqualTo("SCHEMA_VALIDATION_FAILED: Value is not a valid resource ARN at /States/S/Resource");
  }

  @Test
  void shouldRejectAnActionTheOptimizedIntegrationDoesNotOffer() {
    assertThat(firstError(task("arn:aws:states:::dynamodb:query"))).isEqualTo("SCHEMA_VALIDATION_FAILED: "
        + "The resource provided arn:aws:states:::dynamodb:query is not recognized. The value is not a valid resource ARN, "
        + "or the resource is not available in this region. at /States/S/Resource");
  }

  @Test
  void shouldRejectAPatternTheActionDoesNotOffer() {
    assertThat(firstError(task("arn:aws:states:::lambda:invoke.sync"))).startsWith(
        "SCHEMA_VALIDATION_FAILED: The resource provided arn:aws:states:::lambda:invoke.sync is not recognized.");
    assertThat(firstError(task("arn:aws:states:::aws-sdk:s3:listBuckets.sync"))).startsWith(
        "SCHEMA_VALIDATION_FAILED: The resource provided arn:aws:states:::aws-sdk:s3:listBuckets.sync is not recognized.");
  }

  @Test
  void shouldAcceptFunctionsActivitiesAndIntegrations() {
    valid(task("arn:aws:lambda:us-east-1:111111111111:function:fn:live"));
    valid(task("arn:aws:states:us-east-1:111111111111:activity:work"));
    valid(task("arn:aws:states:::aws-sdk:dynamodb:query"));
    valid(task("arn:aws:states:::aws-sdk:s3:listBuckets.waitForTaskToken"));
    valid(task("arn:aws:states:::states:startExecution.sync:2"));
    valid(task("arn:aws:states:::ecs:runTask.waitForTaskToken"));
    valid(task("arn:aws:states:::http:invoke"));
  }

  @Test
  void shouldRejectActivitiesAndWaitingPatternsInExpressStateMachines() {
    assertThat(firstError(task("arn:aws:states:us-east-1:111111111111:activity:work"), ExecutionType.EXPRESS))
        .isEqualTo("SCHEMA_VALIDATION_FAILED: Express state machine does not support Activity ARN at /States/S/Resource");
    assertThat(firstError(task("arn:aws:states:::states:startExecution.sync:2"), ExecutionType.EXPRESS))
        .isEqualTo("SCHEMA_VALIDATION_FAILED: Express state machine does not support '.sync' service integration at /States/S/Resource");
    assertThat(invalid(task("arn:aws:states:::lambda:invoke.waitForTaskToken"), ExecutionType.EXPRESS).message())
        .isEqualTo("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: "
            + "Express state machine does not support '.waitForTaskToken' service integration  at /States/S/Resource'");
  }

  @Test
  void shouldApplyExpressRulesToTheChildrenOfAnExpressDistributedMap() {
    var definition = """
        {"StartAt":"M","States":{"M":{"Type":"Map","End":true,"ItemProcessor":{
          "ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"EXPRESS"},"StartAt":"T","States":{
            "T":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","End":true}}}}}}
        """;

    assertThat(firstError(definition)).isEqualTo("SCHEMA_VALIDATION_FAILED: "
        + "Express state machine does not support '.waitForTaskToken' service integration  at /States/M/ItemProcessor/States/T/Resource");
    valid(definition.replace("EXPRESS", "STANDARD"));
  }
}
