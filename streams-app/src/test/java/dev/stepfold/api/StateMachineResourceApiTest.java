package dev.stepfold.api;

import static dev.stepfold.api.SdkAssertions.assertAwsError;
import static dev.stepfold.api.SdkAssertions.awaitStatus;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionNotRedrivableException;
import software.amazon.awssdk.services.sfn.model.ExecutionRedriveStatus;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sfn.model.RoutingConfigurationListItem;
import software.amazon.awssdk.services.sfn.model.StateMachineDeletingException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineStatus;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.Tag;
import software.amazon.awssdk.services.sfn.model.TooManyTagsException;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionDiagnostic;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionResultCode;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionSeverity;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/**
 * DeleteStateMachine, ValidateStateMachineDefinition and tags through the AWS SDK for Java v2, against a running
 * stepfold.
 */
@Timeout(300)
class StateMachineResourceApiTest {
  private static final String ROLE = "arn:aws:iam::123456789012:role/stepfold";
  private static final String PASS = "{\"StartAt\": \"Done\", \"States\": {\"Done\": {\"Type\": \"Pass\", \"End\": true}}}";
  /** Waits on a task until a worker answers it; with {@code "fail": true} in its input, fails at once. */
  private static final String WORKS_OR_FAILS = """
      {"StartAt": "Which", "States": {
        "Which": {"Type": "Choice", "Choices": [{"Variable": "$.fail", "IsPresent": true, "Next": "Boom"}], "Default": "Work"},
        "Work": {"Type": "Task", "Resource": "arn:aws:states:us-east-1:123456789012:activity:work", "End": true},
        "Boom": {"Type": "Fail", "Error": "Broken", "Cause": "on purpose"}}}""";

  @TempDir
  static Path dataDir;
  static RunningApi api;
  static SfnClient sfn;
  static TaskTopic tasks;

  @BeforeAll
  static void start() throws Exception {
    api = RunningApi.start(dataDir, Map.of());
    sfn = api.client();
    sfn.createActivity(r -> r.name("work"));   // a Task of an activity nobody created fails, as on AWS
    tasks = new TaskTopic(api.runtime());
  }

  @AfterAll
  static void stop() {
    if (tasks != null) {
      tasks.close();
    }
    if (sfn != null) {
      sfn.close();
    }
    if (api != null) {
      api.close();
    }
  }

  @Test
  void shouldKeepADeletedStateMachineDeletingWhileItsExecutionsRunAndThenDeleteIt() {
    var created = sfn.createStateMachine(r -> r.name("retired").roleArn(ROLE).definition(WORKS_OR_FAILS).publish(true));
    var arn = created.stateMachineArn();
    var alias = sfn.createStateMachineAlias(r -> r.name("live").routingConfiguration(RoutingConfigurationListItem.builder()
        .stateMachineVersionArn(created.stateMachineVersionArn()).weight(100).build())).stateMachineAliasArn();
    var running = sfn.startExecution(r -> r.stateMachineArn(alias).name("still-running")).executionArn();
    var failed = sfn.startExecution(r -> r.stateMachineArn(arn).name("failed").input("{\"fail\": true}")).executionArn();
    assertThat(awaitStatus(sfn, failed, ExecutionStatus.FAILED).redriveStatus()).isEqualTo(ExecutionRedriveStatus.REDRIVABLE);
    var task = tasks.take(running, "Work");

    sfn.deleteStateMachine(r -> r.stateMachineArn(arn));

    assertThat(sfn.describeStateMachine(r -> r.stateMachineArn(arn)).status()).isEqualTo(StateMachineStatus.DELETING);
    assertThat(sfn.listStateMachineVersions(r -> r.stateMachineArn(arn)).stateMachineVersions()).as("versions go with it").isEmpty();
    assertAwsError(() -> sfn.listStateMachineAliases(r -> r.stateMachineArn(arn)), StateMachineDeletingException.class, "StateMachineDeleting");
    assertAwsError(() -> sfn.describeStateMachineAlias(r -> r.stateMachineAliasArn(alias)), ResourceNotFoundException.class,
        "ResourceNotFound");
    assertAwsError(() -> sfn.startExecution(r -> r.stateMachineArn(arn).name("too-late")), StateMachineDeletingException.class,
        "StateMachineDeleting");
    assertAwsError(() -> sfn.updateStateMachine(r -> r.stateMachineArn(arn).definition(PASS)), StateMachineDeletingException.class,
        "StateMachineDeleting");
    assertAwsError(() -> sfn.createStateMachine(r -> r.name("retired").roleArn(ROLE).definition(WORKS_OR_FAILS)),
        StateMachineDeletingException.class, "StateMachineDeleting");
    assertAwsError(() -> sfn.publishStateMachineVersion(r -> r.stateMachineArn(arn)), StateMachineDeletingException.class,
        "StateMachineDeleting");
    sfn.deleteStateMachine(r -> r.stateMachineArn(arn));

    var refused = assertAwsError(() -> sfn.redriveExecution(r -> r.executionArn(failed)), ExecutionNotRedrivableException.class,
        "ExecutionNotRedrivable");
    assertThat(refused.awsErrorDetails().errorMessage()).contains("State machine is in DELETING status");
    var described = sfn.describeExecution(r -> r.executionArn(failed));
    assertThat(described.redriveStatus()).isEqualTo(ExecutionRedriveStatus.NOT_REDRIVABLE);
    assertThat(described.redriveStatusReason()).isEqualTo("State machine is in DELETING status");

    sfn.sendTaskSuccess(r -> r.taskToken(task.getTaskToken()).output("{\"done\": true}"));
    assertThat(awaitStatus(sfn, running, ExecutionStatus.SUCCEEDED).stateMachineAliasArn()).isEqualTo(alias);
    awaitGone(arn);
    var again = sfn.createStateMachine(r -> r.name("retired").roleArn(ROLE).definition(PASS));
    assertThat(again.stateMachineArn()).as("the name can be taken again").isEqualTo(arn);
    assertThat(sfn.describeStateMachine(r -> r.stateMachineArn(arn)).definition()).isEqualTo(PASS);
  }

  @Test
  void shouldDeleteAStateMachineWithoutRunningExecutionsRightAway() {
    var arn = sfn.createStateMachine(r -> r.name("short-lived").roleArn(ROLE).definition(PASS)).stateMachineArn();
    awaitStatus(sfn, sfn.startExecution(r -> r.stateMachineArn(arn)).executionArn(), ExecutionStatus.SUCCEEDED);

    sfn.deleteStateMachine(r -> r.stateMachineArn(arn));

    awaitGone(arn);
    assertThat(sfn.listStateMachines().stateMachines()).extracting(item -> item.stateMachineArn()).doesNotContain(arn);
    sfn.createStateMachine(r -> r.name("short-lived").roleArn(ROLE).definition(PASS));
  }

  @Test
  void shouldAnswerDeletesOfNothingAndOfArnsThatCannotBeDeleted() {
    sfn.deleteStateMachine(r -> r.stateMachineArn("arn:aws:states:us-east-1:123456789012:stateMachine:never-created"));
    assertAwsError(() -> sfn.deleteStateMachine(r -> r.stateMachineArn("arn:aws:states:us-east-1:123456789012:stateMachine:m/Each")),
        ValidationException.class, "ValidationException");
    assertAwsError(() -> sfn.deleteStateMachine(r -> r.stateMachineArn("arn:aws:states:us-east-1:123456789012:activity:a")),
        InvalidArnException.class, "InvalidArn");
  }

  @Test
  void shouldValidateADefinitionWithAwsDiagnostics() {
    var ok = sfn.validateStateMachineDefinition(r -> r.definition(PASS));
    assertThat(ok.result()).isEqualTo(ValidateStateMachineDefinitionResultCode.OK);
    assertThat(ok.diagnostics()).isEmpty();
    assertThat(ok.truncated()).isFalse();

    var empty = sfn.validateStateMachineDefinition(r -> r.definition("{}"));
    assertThat(empty.result()).isEqualTo(ValidateStateMachineDefinitionResultCode.FAIL);
    assertThat(empty.diagnostics()).containsExactly(diagnostic("SCHEMA_VALIDATION_FAILED", "These fields are required: [States, StartAt]", "/"));

    assertThat(sfn.validateStateMachineDefinition(r -> r.definition(" ")).diagnostics())
        .containsExactly(diagnostic("SCHEMA_VALIDATION_FAILED", "Definition must be a valid JSON object", null));
    assertThat(sfn.validateStateMachineDefinition(r -> r.definition("[1, 2]")).diagnostics())
        .containsExactly(diagnostic("SCHEMA_VALIDATION_FAILED", "Definition must be a valid JSON object", null));
    var notJson = sfn.validateStateMachineDefinition(r -> r.definition("not a definition")).diagnostics();
    assertThat(notJson).extracting(ValidateStateMachineDefinitionDiagnostic::code).containsExactly("INVALID_JSON_DESCRIPTION");
    assertThat(notJson.get(0).location()).isEqualTo("[Source: (String)\"not a definition\"; line: 1, column: 4]");

    var express = sfn.validateStateMachineDefinition(r -> r.type(StateMachineType.EXPRESS).definition("""
        {"StartAt": "Send", "States": {"Send": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
          "Parameters": {"QueueUrl": "q", "MessageBody.$": "$$.Task.Token"}, "End": true}}}"""));
    assertThat(express.result()).isEqualTo(ValidateStateMachineDefinitionResultCode.FAIL);
    assertThat(express.diagnostics()).extracting(ValidateStateMachineDefinitionDiagnostic::location).containsExactly("/States/Send/Resource");

    var twoErrors = """
        {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Nowhere"}, "B": {"Type": "Pass", "Next": "Elsewhere"}}}""";
    var all = sfn.validateStateMachineDefinition(r -> r.definition(twoErrors));
    assertThat(all.diagnostics()).hasSizeGreaterThan(1);
    assertThat(all.truncated()).isFalse();
    var one = sfn.validateStateMachineDefinition(r -> r.definition(twoErrors).maxResults(1).severity(ValidateStateMachineDefinitionSeverity.WARNING));
    assertThat(one.diagnostics()).containsExactly(all.diagnostics().get(0));
    assertThat(one.truncated()).isTrue();
    assertThat(one.result()).isEqualTo(ValidateStateMachineDefinitionResultCode.FAIL);

    assertAwsError(() -> sfn.validateStateMachineDefinition(r -> r.definition("")), ValidationException.class, "ValidationException");
    assertAwsError(() -> sfn.validateStateMachineDefinition(r -> r.definition(PASS).maxResults(101)), ValidationException.class,
        "ValidationException");
  }

  @Test
  void shouldKeepTagsWithTheActivity() {
    var arn = sfn.createActivity(r -> r.name("tagged-activity").tags(tag("team", "orders"))).activityArn();
    assertThat(sfn.listTagsForResource(r -> r.resourceArn(arn)).tags()).containsExactly(tag("team", "orders"));

    sfn.tagResource(r -> r.resourceArn(arn).tags(tag("team", "billing"), tag("tier", "1")));
    assertThat(sfn.listTagsForResource(r -> r.resourceArn(arn)).tags()).containsExactlyInAnyOrder(tag("team", "billing"), tag("tier", "1"));
    sfn.untagResource(r -> r.resourceArn(arn).tagKeys("team", "not-there"));
    assertThat(sfn.listTagsForResource(r -> r.resourceArn(arn)).tags()).containsExactly(tag("tier", "1"));
    assertThat(sfn.describeActivity(r -> r.activityArn(arn)).name()).as("still the same activity").isEqualTo("tagged-activity");

    var many = new ArrayList<Tag>();
    IntStream.range(0, 50).forEach(i -> many.add(tag("key-" + i, "v")));
    var tooMany = assertAwsError(() -> sfn.tagResource(r -> r.resourceArn(arn).tags(many)), TooManyTagsException.class, "TooManyTags");
    assertThat(((TooManyTagsException) tooMany).resourceName()).isEqualTo(arn);

    sfn.deleteActivity(r -> r.activityArn(arn));
    var deleted = assertAwsError(() -> sfn.tagResource(r -> r.resourceArn(arn).tags(tag("a", "b"))), ResourceNotFoundException.class,
        "ResourceNotFound");
    assertThat(((ResourceNotFoundException) deleted).resourceName()).isEqualTo(arn);
    assertAwsError(() -> sfn.untagResource(r -> r.resourceArn(arn).tagKeys("tier")), ResourceNotFoundException.class, "ResourceNotFound");
  }

  @Test
  void shouldKeepTagsWithTheStateMachine() {
    var arn = sfn.createStateMachine(r -> r.name("tagged").roleArn(ROLE).definition(PASS).publish(true)
        .tags(tag("team", "orders"), tag("tier", "1"))).stateMachineArn();
    assertThat(sfn.listTagsForResource(r -> r.resourceArn(arn)).tags()).containsExactly(tag("team", "orders"), tag("tier", "1"));

    sfn.tagResource(r -> r.resourceArn(arn).tags(tag("tier", "2"), tag("cost", ""), tag("owner", "me")));
    assertThat(sfn.listTagsForResource(r -> r.resourceArn(arn)).tags())
        .containsExactly(tag("team", "orders"), tag("tier", "2"), tag("cost", ""), tag("owner", "me"));
    sfn.untagResource(r -> r.resourceArn(arn).tagKeys("team", "not-there"));
    assertThat(sfn.listTagsForResource(r -> r.resourceArn(arn)).tags()).containsExactly(tag("tier", "2"), tag("cost", ""), tag("owner", "me"));

    var many = new ArrayList<Tag>();
    IntStream.range(0, 48).forEach(i -> many.add(tag("key-" + i, "v")));
    var tooMany = assertAwsError(() -> sfn.tagResource(r -> r.resourceArn(arn).tags(many)), TooManyTagsException.class, "TooManyTags");
    assertThat(((TooManyTagsException) tooMany).resourceName()).isEqualTo(arn);
    sfn.tagResource(r -> r.resourceArn(arn).tags(many.subList(0, 47)));
    assertThat(sfn.listTagsForResource(r -> r.resourceArn(arn)).tags()).hasSize(50);

    var version = assertAwsError(() -> sfn.tagResource(r -> r.resourceArn(arn + ":1").tags(tag("a", "b"))), ResourceNotFoundException.class,
        "ResourceNotFound");
    assertThat(version.awsErrorDetails().errorMessage()).isEqualTo("Resource not found: '" + arn + ":1'");
    assertThat(((ResourceNotFoundException) version).resourceName()).isEqualTo(arn + ":1");
    assertAwsError(() -> sfn.listTagsForResource(r -> r.resourceArn(arn + "-nobody")), ResourceNotFoundException.class, "ResourceNotFound");
    assertAwsError(() -> sfn.untagResource(r -> r.resourceArn(arn + "-nobody").tagKeys("a")), ResourceNotFoundException.class,
        "ResourceNotFound");
    var activity = "arn:aws:states:us-east-1:123456789012:activity:no-such-activity";
    assertAwsError(() -> sfn.tagResource(r -> r.resourceArn(activity).tags(tag("a", "b"))), ResourceNotFoundException.class,
        "ResourceNotFound");
    assertAwsError(() -> sfn.listTagsForResource(r -> r.resourceArn(activity)), ResourceNotFoundException.class, "ResourceNotFound");
    assertAwsError(() -> sfn.tagResource(r -> r.resourceArn("arn:aws:states:us-east-1:123456789012:execution:tagged:e").tags(tag("a", "b"))),
        InvalidArnException.class, "InvalidArn");
    var longKey = assertAwsError(() -> sfn.tagResource(r -> r.resourceArn(arn).tags(tag("k".repeat(129), "v"))), ValidationException.class,
        "ValidationException");
    assertThat(longKey.awsErrorDetails().errorMessage()).contains("at 'tags.1.member.key' failed to satisfy constraint: "
        + "Member must have length less than or equal to 128");

    var fiftyOne = IntStream.range(0, 51).mapToObj(i -> tag("k" + i, "v")).toList();
    assertAwsError(() -> sfn.createStateMachine(r -> r.name("overtagged").roleArn(ROLE).definition(PASS).tags(fiftyOne)),
        TooManyTagsException.class, "TooManyTags");
  }

  /** Waits until DescribeStateMachine answers that the state machine does not exist. */
  private static void awaitGone(String arn) {
    long deadline = System.nanoTime() + RunningApi.PATIENCE.toNanos();
    while (true) {
      try {
        var status = sfn.describeStateMachine(r -> r.stateMachineArn(arn)).status();
        if (System.nanoTime() > deadline) {
          throw new AssertionError("Expected " + arn + " to be deleted, but it is " + status);
        }
        SdkAssertions.pause();
      } catch (StateMachineDoesNotExistException e) {
        return;
      }
    }
  }

  private static Tag tag(String key, String value) {
    return Tag.builder().key(key).value(value).build();
  }

  private static ValidateStateMachineDefinitionDiagnostic diagnostic(String code, String message, String location) {
    return ValidateStateMachineDefinitionDiagnostic.builder().severity(ValidateStateMachineDefinitionSeverity.ERROR).code(code)
        .message(message).location(location).build();
  }
}
