package dev.stepfold.api;

import static dev.stepfold.api.SdkAssertions.assertAwsError;
import static dev.stepfold.api.SdkAssertions.awaitStatus;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ConflictException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sfn.model.RoutingConfigurationListItem;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ValidationException;
import software.amazon.awssdk.services.sfn.model.ValidationExceptionReason;

/**
 * Versions and aliases through the AWS SDK for Java v2: publishing (idempotent, guarded by {@code revisionId}), listing
 * newest first in pages, describing and deleting versions; aliases with one or two weighted versions, and starts
 * through versions and aliases, which the execution records.
 */
@Timeout(300)
class VersionAndAliasApiTest {
  private static final String ROLE = "arn:aws:iam::123456789012:role/stepfold";

  @TempDir
  static Path dataDir;
  static RunningApi api;
  static SfnClient sfn;

  @BeforeAll
  static void start() throws Exception {
    api = RunningApi.start(dataDir, Map.of());
    sfn = api.client();
  }

  @AfterAll
  static void stop() {
    if (sfn != null) {
      sfn.close();
    }
    if (api != null) {
      api.close();
    }
  }

  @Test
  void shouldPublishEachRevisionOnceAndListTheVersionsNewestFirst() {
    var arn = sfn.createStateMachine(r -> r.name("published").roleArn(ROLE).definition(making("one"))).stateMachineArn();

    var first = sfn.publishStateMachineVersion(r -> r.stateMachineArn(arn).revisionId("INITIAL").description("first"));
    assertThat(first.stateMachineVersionArn()).isEqualTo(arn + ":1");
    var again = sfn.publishStateMachineVersion(r -> r.stateMachineArn(arn));
    assertThat(again.stateMachineVersionArn()).as("an unchanged revision is published once").isEqualTo(arn + ":1");
    assertThat(again.creationDate()).isEqualTo(first.creationDate());

    var updated = sfn.updateStateMachine(r -> r.stateMachineArn(arn).definition(making("two")));
    assertAwsError(() -> sfn.publishStateMachineVersion(r -> r.stateMachineArn(arn).revisionId("INITIAL")), ConflictException.class,
        "ConflictException", 409);
    var second = sfn.publishStateMachineVersion(r -> r.stateMachineArn(arn).revisionId(updated.revisionId()));
    assertThat(second.stateMachineVersionArn()).isEqualTo(arn + ":2");
    sfn.updateStateMachine(r -> r.stateMachineArn(arn).definition(making("three")).publish(true));

    var listed = sfn.listStateMachineVersions(r -> r.stateMachineArn(arn));
    assertThat(listed.stateMachineVersions()).extracting(item -> item.stateMachineVersionArn()).containsExactly(arn + ":3", arn + ":2", arn + ":1");
    assertThat(listed.nextToken()).isNull();
    var paged = new ArrayList<String>();
    String token = null;
    do {
      var from = token;
      var page = sfn.listStateMachineVersions(r -> r.stateMachineArn(arn).maxResults(2).nextToken(from));
      page.stateMachineVersions().forEach(item -> paged.add(item.stateMachineVersionArn()));
      token = page.nextToken();
    } while (token != null);
    assertThat(paged).containsExactly(arn + ":3", arn + ":2", arn + ":1");
    assertAwsError(() -> sfn.listStateMachineVersions(r -> r.stateMachineArn(arn).nextToken("not-ours")), InvalidTokenException.class,
        "InvalidToken");

    var version = sfn.describeStateMachine(r -> r.stateMachineArn(arn + ":1"));
    assertThat(version.stateMachineArn()).isEqualTo(arn + ":1");
    assertThat(version.description()).isEqualTo("first");
    assertThat(version.definition()).isEqualTo(making("one"));
    assertAwsError(() -> sfn.describeStateMachine(r -> r.stateMachineArn(arn + ":9")), StateMachineDoesNotExistException.class,
        "StateMachineDoesNotExist");
    assertAwsError(() -> sfn.publishStateMachineVersion(r -> r.stateMachineArn(arn + "-nobody")), StateMachineDoesNotExistException.class,
        "StateMachineDoesNotExist");
  }

  @Test
  void shouldStartAVersionAndRecordItOnTheExecution() throws Exception {
    var created = sfn.createStateMachine(r -> r.name("versioned").roleArn(ROLE).definition(making("one")).publish(true));
    sfn.updateStateMachine(r -> r.stateMachineArn(created.stateMachineArn()).definition(making("two")));

    var started = sfn.startExecution(r -> r.stateMachineArn(created.stateMachineVersionArn()).name("through-version"));

    assertThat(started.executionArn()).isEqualTo(api.runtime().config().arnFormat().stateMachine("versioned").execution("through-version").value());
    var described = awaitStatus(sfn, started.executionArn(), ExecutionStatus.SUCCEEDED);
    assertThat(described.stateMachineArn()).isEqualTo(created.stateMachineArn());
    assertThat(described.stateMachineVersionArn()).isEqualTo(created.stateMachineVersionArn());
    assertThat(described.stateMachineAliasArn()).isNull();
    assertThat(described.output()).contains("\"made\":\"one\"");
    var startedEvent = sfn.getExecutionHistory(r -> r.executionArn(started.executionArn())).events().get(0);
    assertThat(startedEvent.type()).isEqualTo(HistoryEventType.EXECUTION_STARTED);
    assertThat(startedEvent.executionStartedEventDetails().stateMachineVersionArn()).isEqualTo(created.stateMachineVersionArn());
  }

  @Test
  void shouldDeleteAVersionOnlyWhenNoAliasRoutesToIt() {
    var arn = sfn.createStateMachine(r -> r.name("pruned").roleArn(ROLE).definition(making("one")).publish(true)).stateMachineArn();
    var two = sfn.updateStateMachine(r -> r.stateMachineArn(arn).definition(making("two")).publish(true)).stateMachineVersionArn();
    var alias = sfn.createStateMachineAlias(r -> r.name("live").routingConfiguration(route(two, 100))).stateMachineAliasArn();

    var refused = assertAwsError(() -> sfn.deleteStateMachineVersion(r -> r.stateMachineVersionArn(two)), ConflictException.class,
        "ConflictException", 409);
    assertThat(refused.awsErrorDetails().errorMessage())
        .isEqualTo("Version to be deleted must not be referenced by an alias. Current list of aliases referencing this version: [live]");

    sfn.deleteStateMachineVersion(r -> r.stateMachineVersionArn(arn + ":1"));
    sfn.deleteStateMachineVersion(r -> r.stateMachineVersionArn(arn + ":1"));
    assertThat(sfn.listStateMachineVersions(r -> r.stateMachineArn(arn)).stateMachineVersions())
        .extracting(item -> item.stateMachineVersionArn()).containsExactly(two);
    assertAwsError(() -> sfn.describeStateMachine(r -> r.stateMachineArn(arn + ":1")), StateMachineDoesNotExistException.class,
        "StateMachineDoesNotExist");
    sfn.deleteStateMachineAlias(r -> r.stateMachineAliasArn(alias));
    sfn.deleteStateMachineVersion(r -> r.stateMachineVersionArn(two));
    assertThat(sfn.listStateMachineVersions(r -> r.stateMachineArn(arn)).stateMachineVersions()).isEmpty();

    var third = sfn.updateStateMachine(r -> r.stateMachineArn(arn).definition(making("three")).publish(true));
    assertThat(third.stateMachineVersionArn()).as("version numbers are never given twice").isEqualTo(arn + ":3");
    assertAwsError(() -> sfn.deleteStateMachineVersion(r -> r.stateMachineVersionArn(arn)), InvalidArnException.class, "InvalidArn");
  }

  @Test
  void shouldCreateDescribeUpdateListAndDeleteAliases() {
    var arn = sfn.createStateMachine(r -> r.name("aliased").roleArn(ROLE).definition(making("one")).publish(true)).stateMachineArn();
    var two = sfn.updateStateMachine(r -> r.stateMachineArn(arn).definition(making("two")).publish(true)).stateMachineVersionArn();

    var created = sfn.createStateMachineAlias(r -> r.name("prod").description("production").routingConfiguration(route(arn + ":1", 100)));
    assertThat(created.stateMachineAliasArn()).isEqualTo(arn + ":prod");
    var repeated = sfn.createStateMachineAlias(r -> r.name("prod").description("production").routingConfiguration(route(arn + ":1", 100)));
    assertThat(repeated.creationDate()).as("the same create again is answered as the first").isEqualTo(created.creationDate());
    assertAwsError(() -> sfn.createStateMachineAlias(r -> r.name("prod").routingConfiguration(route(two, 100))), ConflictException.class,
        "ConflictException", 409);

    var described = sfn.describeStateMachineAlias(r -> r.stateMachineAliasArn(created.stateMachineAliasArn()));
    assertThat(described.name()).isEqualTo("prod");
    assertThat(described.description()).isEqualTo("production");
    assertThat(described.routingConfiguration()).containsExactly(route(arn + ":1", 100));
    assertThat(described.creationDate()).isEqualTo(created.creationDate());

    var updated = sfn.updateStateMachineAlias(r -> r.stateMachineAliasArn(created.stateMachineAliasArn())
        .routingConfiguration(route(arn + ":1", 30), route(two, 70)));
    var afterUpdate = sfn.describeStateMachineAlias(r -> r.stateMachineAliasArn(created.stateMachineAliasArn()));
    assertThat(afterUpdate.routingConfiguration()).containsExactly(route(arn + ":1", 30), route(two, 70));
    assertThat(afterUpdate.description()).isEqualTo("production");
    assertThat(afterUpdate.updateDate()).isEqualTo(updated.updateDate());

    sfn.createStateMachineAlias(r -> r.name("next").routingConfiguration(route(two, 100)));
    assertThat(sfn.listStateMachineAliases(r -> r.stateMachineArn(arn)).stateMachineAliases())
        .extracting(item -> item.stateMachineAliasArn()).containsExactly(arn + ":prod", arn + ":next");
    var first = sfn.listStateMachineAliases(r -> r.stateMachineArn(arn).maxResults(1));
    assertThat(first.stateMachineAliases()).extracting(item -> item.stateMachineAliasArn()).containsExactly(arn + ":prod");
    var rest = sfn.listStateMachineAliases(r -> r.stateMachineArn(arn).maxResults(1).nextToken(first.nextToken()));
    assertThat(rest.stateMachineAliases()).extracting(item -> item.stateMachineAliasArn()).containsExactly(arn + ":next");
    assertThat(rest.nextToken()).isNull();
    assertThat(sfn.listStateMachineAliases(r -> r.stateMachineArn(arn + ":1")).stateMachineAliases())
        .as("the aliases of version 1").extracting(item -> item.stateMachineAliasArn()).containsExactly(arn + ":prod");

    sfn.deleteStateMachineAlias(r -> r.stateMachineAliasArn(arn + ":next"));
    sfn.deleteStateMachineAlias(r -> r.stateMachineAliasArn(arn + ":next"));
    assertThat(sfn.listStateMachineAliases(r -> r.stateMachineArn(arn)).stateMachineAliases())
        .extracting(item -> item.stateMachineAliasArn()).containsExactly(arn + ":prod");
    var missing = assertAwsError(() -> sfn.describeStateMachineAlias(r -> r.stateMachineAliasArn(arn + ":next")),
        ResourceNotFoundException.class, "ResourceNotFound");
    assertThat(((ResourceNotFoundException) missing).resourceName()).isEqualTo(arn + ":next");
    assertAwsError(() -> sfn.updateStateMachineAlias(r -> r.stateMachineAliasArn(arn + ":next").description("gone")),
        ResourceNotFoundException.class, "ResourceNotFound");
    assertAwsError(() -> sfn.listStateMachineAliases(r -> r.stateMachineArn(arn + "-nobody")), StateMachineDoesNotExistException.class,
        "StateMachineDoesNotExist");
    assertAwsError(() -> sfn.describeStateMachineAlias(r -> r.stateMachineAliasArn(arn + ":1")), InvalidArnException.class, "InvalidArn");
  }

  @Test
  void shouldRefuseRoutingsAwsRefuses() {
    var arn = sfn.createStateMachine(r -> r.name("routed").roleArn(ROLE).definition(making("one")).publish(true)).stateMachineArn();
    var two = sfn.updateStateMachine(r -> r.stateMachineArn(arn).definition(making("two")).publish(true)).stateMachineVersionArn();
    var one = arn + ":1";
    var other = sfn.createStateMachine(r -> r.name("other").roleArn(ROLE).definition(making("x")).publish(true)).stateMachineVersionArn();

    var cases = Map.of(
        "Sum of routing configuration weights must equal 100. Received: [70, 29]", List.of(route(one, 70), route(two, 29)),
        "Routing configuration must contain distinct state machine version ARNs. Received: [" + one + ", " + one + "]",
        List.of(route(one, 50), route(one, 50)),
        "Routing configuration must contain state machine version ARNs. Received: [" + arn + "]", List.of(route(arn, 100)),
        "Routing configuration must contain state machine version ARNs. Received: [" + one + ", " + other + "]",
        List.of(route(one, 50), route(other, 50)));
    cases.forEach((message, routing) -> {
      var refused = assertAwsError(() -> sfn.createStateMachineAlias(r -> r.name("bad").routingConfiguration(routing)),
          ValidationException.class, "ValidationException");
      assertThat(refused.awsErrorDetails().errorMessage()).isEqualTo(message);
      assertThat(((ValidationException) refused).reason()).isEqualTo(ValidationExceptionReason.INVALID_ROUTING_CONFIGURATION);
    });
    var tooMany = assertAwsError(() -> sfn.createStateMachineAlias(r -> r.name("bad")
        .routingConfiguration(route(one, 50), route(two, 30), route(arn + ":3", 20))), ValidationException.class, "ValidationException");
    assertThat(tooMany.awsErrorDetails().errorMessage()).endsWith("at 'routingConfiguration' failed to satisfy constraint: "
        + "Member must have length less than or equal to 2");
    var heavy = assertAwsError(() -> sfn.createStateMachineAlias(r -> r.name("bad").routingConfiguration(route(one, 101))),
        ValidationException.class, "ValidationException");
    assertThat(heavy.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value '101' at "
        + "'routingConfiguration.1.member.weight' failed to satisfy constraint: Member must have value less than or equal to 100");
    var numeric = assertAwsError(() -> sfn.createStateMachineAlias(r -> r.name("123").routingConfiguration(route(one, 100))),
        ValidationException.class, "ValidationException");
    assertThat(numeric.awsErrorDetails().errorMessage()).contains("at 'name' failed to satisfy constraint: Member must satisfy regular "
        + "expression pattern");
    assertAwsError(() -> sfn.createStateMachineAlias(r -> r.name("missing").routingConfiguration(route(arn + ":7", 100))),
        ResourceNotFoundException.class, "ResourceNotFound");
    assertThat(sfn.listStateMachineAliases(r -> r.stateMachineArn(arn)).stateMachineAliases()).isEmpty();
  }

  @Test
  void shouldStartThroughAnAliasByWeightAndRecordAliasAndVersion() {
    var arn = sfn.createStateMachine(r -> r.name("canary").roleArn(ROLE).definition(making("stable")).publish(true)).stateMachineArn();
    var two = sfn.updateStateMachine(r -> r.stateMachineArn(arn).definition(making("canary")).publish(true)).stateMachineVersionArn();
    var alias = sfn.createStateMachineAlias(r -> r.name("live").routingConfiguration(route(arn + ":1", 80), route(two, 20)))
        .stateMachineAliasArn();

    var byVersion = new HashMap<String, Integer>();
    var executions = new ArrayList<String>();
    var ranFirst = new ArrayList<String>();
    for (int i = 0; i < 40; i++) {
      var name = "run-" + i;
      executions.add(sfn.startExecution(r -> r.stateMachineArn(alias).name(name)).executionArn());
    }
    for (var execution : executions) {
      var described = awaitStatus(sfn, execution, ExecutionStatus.SUCCEEDED);
      assertThat(described.stateMachineArn()).isEqualTo(arn);
      assertThat(described.stateMachineAliasArn()).isEqualTo(alias);
      var made = described.output().contains("\"made\":\"stable\"") ? arn + ":1" : two;
      assertThat(described.stateMachineVersionArn()).as("the version that ran").isEqualTo(made);
      byVersion.merge(described.stateMachineVersionArn(), 1, Integer::sum);
      if (made.equals(arn + ":1")) {
        ranFirst.add(execution);
      }
    }
    assertThat(byVersion.keySet()).as("both versions get executions").containsExactlyInAnyOrder(arn + ":1", two);
    assertThat(byVersion.get(arn + ":1")).as("the first version gets the larger share").isGreaterThan(byVersion.get(two));

    var started = sfn.getExecutionHistory(r -> r.executionArn(executions.get(0))).events().get(0).executionStartedEventDetails();
    assertThat(started.stateMachineAliasArn()).isEqualTo(alias);
    assertThat(started.stateMachineVersionArn()).isIn(arn + ":1", two);
    assertAwsError(() -> sfn.startExecution(r -> r.stateMachineArn(arn + ":nowhere")), StateMachineDoesNotExistException.class,
        "StateMachineDoesNotExist");

    var direct = sfn.startExecution(r -> r.stateMachineArn(arn + ":1").name("not-through-the-alias")).executionArn();
    assertThat(sfn.listExecutions(r -> r.stateMachineArn(alias).maxResults(1000)).executions())
        .as("the executions started through the alias").extracting(item -> item.executionArn())
        .containsExactlyInAnyOrderElementsOf(executions)
        .doesNotContain(direct);
    assertThat(sfn.listExecutions(r -> r.stateMachineArn(arn + ":1").maxResults(1000)).executions()).extracting(item -> item.executionArn())
        .as("a version lists what ran it, through an alias or not").contains(direct).containsAll(ranFirst);
  }

  private static RoutingConfigurationListItem route(String versionArn, int weight) {
    return RoutingConfigurationListItem.builder().stateMachineVersionArn(versionArn).weight(weight).build();
  }

  private static String making(String made) {
    return """
        {"StartAt": "Make", "States": {"Make": {"Type": "Pass", "Result": "%s", "ResultPath": "$.made", "End": true}}}""".formatted(made);
  }
}
