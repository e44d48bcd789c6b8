package dev.stepfold.api;

import static dev.stepfold.api.SdkAssertions.assertAwsError;
import static dev.stepfold.api.SdkAssertions.awaitStatus;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.InvalidNameException;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.LogLevel;
import software.amazon.awssdk.services.sfn.model.StateMachineAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineStatus;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/**
 * The state machine operations through the AWS SDK for Java v2, against a running stepfold in another region and
 * account than the defaults: ARNs carry the configured ones.
 */
@Timeout(300)
class StateMachineApiTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String ROLE = "arn:aws:iam::210987654321:role/stepfold";
  private static final String PASS = "{\"StartAt\": \"Done\", \"States\": {\"Done\": {\"Type\": \"Pass\", \"End\": true}}}";
  private static final String PASS_TWICE = """
      {"StartAt": "One", "States": {"One": {"Type": "Pass", "Next": "Two"}, "Two": {"Type": "Pass", "End": true}}}""";

  @TempDir
  static Path dataDir;
  static RunningApi api;
  static SfnClient sfn;

  @BeforeAll
  static void start() throws Exception {
    api = RunningApi.start(dataDir, Map.of("stepfold.region", "eu-central-1", "stepfold.account", "210987654321"));
    sfn = api.clientBuilder(RunningApi.ACCESS_KEY_ID, RunningApi.SECRET, Region.EU_CENTRAL_1).build();
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
  void shouldCreateAStateMachineInTheConfiguredRegionAndAccountAndStartItAtOnce() {
    var created = sfn.createStateMachine(r -> r.name("orders").roleArn(ROLE).definition(PASS));
    assertThat(created.stateMachineArn()).isEqualTo("arn:aws:states:eu-central-1:210987654321:stateMachine:orders");
    assertThat(created.stateMachineVersionArn()).isNull();
    var started = sfn.startExecution(r -> r.stateMachineArn(created.stateMachineArn()).name("right-away"));
    assertThat(started.executionArn()).isEqualTo("arn:aws:states:eu-central-1:210987654321:execution:orders:right-away");
    awaitStatus(sfn, started.executionArn(), ExecutionStatus.SUCCEEDED);

    var repeated = sfn.createStateMachine(r -> r.name("orders").roleArn(ROLE).definition(PASS));
    assertThat(repeated.creationDate()).as("the same create again is answered as the first").isEqualTo(created.creationDate());
    assertAwsError(() -> sfn.createStateMachine(r -> r.name("orders").roleArn(ROLE).definition(PASS_TWICE)),
        StateMachineAlreadyExistsException.class, "StateMachineAlreadyExists");
  }

  @Test
  void shouldDescribeAStateMachineAndTheVersionItPublished() {
    var created = sfn.createStateMachine(r -> r.name("described").roleArn(ROLE).definition(PASS).type(StateMachineType.STANDARD)
        .publish(true).versionDescription("first"));
    assertThat(created.stateMachineVersionArn()).isEqualTo(created.stateMachineArn() + ":1");
    var described = sfn.describeStateMachine(r -> r.stateMachineArn(created.stateMachineArn()));
    assertThat(described.stateMachineArn()).isEqualTo(created.stateMachineArn());
    assertThat(described.name()).isEqualTo("described");
    assertThat(described.status()).isEqualTo(StateMachineStatus.ACTIVE);
    assertThat(described.definition()).isEqualTo(PASS);
    assertThat(described.roleArn()).isEqualTo(ROLE);
    assertThat(described.type()).isEqualTo(StateMachineType.STANDARD);
    assertThat(described.creationDate()).isEqualTo(created.creationDate());
    assertThat(described.loggingConfiguration().level()).isEqualTo(LogLevel.OFF);
    assertThat(described.tracingConfiguration().enabled()).isFalse();
    assertThat(described.revisionId()).isNotBlank();
    assertThat(sfn.describeStateMachine(r -> r.stateMachineArn(created.stateMachineArn()).includedData("METADATA_ONLY")).definition())
        .isEqualTo("{}");

    var version = sfn.describeStateMachine(r -> r.stateMachineArn(created.stateMachineVersionArn()));
    assertThat(version.stateMachineArn()).isEqualTo(created.stateMachineVersionArn());
    assertThat(version.description()).isEqualTo("first");
    assertThat(version.definition()).isEqualTo(PASS);
  }

  @Test
  void shouldUpdateAStateMachineWhileItsRunningExecutionsKeepTheirDefinition() throws Exception {
    var arn = sfn.createStateMachine(r -> r.name("updated").roleArn(ROLE).definition(PASS)).stateMachineArn();
    var before = sfn.describeStateMachine(r -> r.stateMachineArn(arn));
    var first = sfn.startExecution(r -> r.stateMachineArn(arn).name("before-update")).executionArn();
    awaitStatus(sfn, first, ExecutionStatus.SUCCEEDED);

    var updated = sfn.updateStateMachine(r -> r.stateMachineArn(arn).definition(PASS_TWICE).publish(true));
    assertThat(updated.revisionId()).isNotEqualTo(before.revisionId());
    assertThat(updated.stateMachineVersionArn()).isEqualTo(arn + ":1");
    assertThat(updated.updateDate()).isAfterOrEqualTo(before.creationDate());
    var after = sfn.describeStateMachine(r -> r.stateMachineArn(arn));
    assertThat(after.definition()).isEqualTo(PASS_TWICE);
    assertThat(after.revisionId()).isEqualTo(updated.revisionId());
    var second = sfn.startExecution(r -> r.stateMachineArn(arn).name("after-update")).executionArn();

    assertThat(MAPPER.readTree(sfn.describeStateMachineForExecution(r -> r.executionArn(first)).definition()))
        .as("a revision no longer kept, as the document it ran").isEqualTo(MAPPER.readTree(PASS));
    var published = sfn.startExecution(r -> r.stateMachineArn(arn).name("published")).executionArn();
    sfn.updateStateMachine(r -> r.stateMachineArn(arn).definition(PASS));
    assertThat(sfn.describeStateMachineForExecution(r -> r.executionArn(published)).definition())
        .as("a revision kept as a version, as it was sent").isEqualTo(PASS_TWICE);
    var forSecond = sfn.describeStateMachineForExecution(r -> r.executionArn(second));
    assertThat(forSecond.definition()).isEqualTo(PASS_TWICE);
    assertThat(forSecond.revisionId()).isEqualTo(updated.revisionId());
    assertThat(forSecond.updateDate()).isEqualTo(updated.updateDate());

    assertAwsError(() -> sfn.updateStateMachine(r -> r.stateMachineArn(arn + "-missing").definition(PASS)), StateMachineDoesNotExistException.class,
        "StateMachineDoesNotExist");
    assertAwsError(() -> sfn.updateStateMachine(r -> r.stateMachineArn(arn).definition("{\"StartAt\": \"Nowhere\", \"States\": {}}")),
        InvalidDefinitionException.class, "InvalidDefinition");
  }

  @Test
  void shouldListStateMachinesInPages() {
    for (var name : new String[] {"list-a", "list-b", "list-c"}) {
      sfn.createStateMachine(r -> r.name(name).roleArn(ROLE).definition(PASS).type(StateMachineType.EXPRESS));
    }
    var all = sfn.listStateMachinesPaginator(r -> r.maxResults(1)).stateMachines().stream().toList();
    assertThat(all).extracting(item -> item.name()).contains("list-a", "list-b", "list-c").doesNotHaveDuplicates();
    assertThat(all).filteredOn(item -> item.name().startsWith("list-")).allSatisfy(item -> {
      assertThat(item.type()).isEqualTo(StateMachineType.EXPRESS);
      assertThat(item.creationDate()).isNotNull();
      assertThat(item.stateMachineArn()).startsWith("arn:aws:states:eu-central-1:210987654321:stateMachine:list-");
    });
    var page = sfn.listStateMachines(r -> r.maxResults(2));
    assertThat(page.stateMachines()).hasSize(2);
    assertThat(page.nextToken()).isNotNull();
    assertAwsError(() -> sfn.listStateMachines(r -> r.nextToken("not-ours")), InvalidTokenException.class, "InvalidToken");
  }

  @Test
  void shouldStartAnExpressStateMachineUnderAnExpressArn() {
    var arn = sfn.createStateMachine(r -> r.name("quick").roleArn(ROLE).definition(PASS).type(StateMachineType.EXPRESS)).stateMachineArn();
    var one = sfn.startExecution(r -> r.stateMachineArn(arn).name("same"));
    var two = sfn.startExecution(r -> r.stateMachineArn(arn).name("same"));
    assertThat(one.executionArn()).startsWith("arn:aws:states:eu-central-1:210987654321:express:quick:same:");
    assertThat(two.executionArn()).as("EXPRESS starts are not idempotent").isNotEqualTo(one.executionArn());
  }

  @Test
  void shouldRefuseCreatesThatCannotBe() {
    assertAwsError(() -> sfn.createStateMachine(r -> r.name("bad name").roleArn(ROLE).definition(PASS)), InvalidNameException.class, "InvalidName");
    assertAwsError(() -> sfn.createStateMachine(r -> r.name("m".repeat(81)).roleArn(ROLE).definition(PASS)), ValidationException.class,
        "ValidationException");
    assertAwsError(() -> sfn.createStateMachine(r -> r.name("colon:name").roleArn(ROLE).definition(PASS)), InvalidNameException.class, "InvalidName");
    assertAwsError(() -> sfn.createStateMachine(r -> r.name("too-big").roleArn(ROLE).definition(
        PASS.replace("\"Type\"", "\"Comment\": \"" + "c".repeat(1_048_576) + "\", \"Type\""))), ValidationException.class, "ValidationException");
    assertAwsError(() -> sfn.createStateMachine(r -> r.name("bad-role").roleArn("not-a-role").definition(PASS)), InvalidArnException.class,
        "InvalidArn");
    assertAwsError(() -> sfn.createStateMachine(r -> r.name("bad-definition").roleArn(ROLE).definition("{\"StartAt\": 1}")),
        InvalidDefinitionException.class, "InvalidDefinition");
    assertAwsError(() -> sfn.createStateMachine(r -> r.name("no-definition").roleArn(ROLE)), ValidationException.class, "ValidationException");
    assertAwsError(() -> sfn.createStateMachine(r -> r.name("unpublished").roleArn(ROLE).definition(PASS).versionDescription("v")),
        ValidationException.class, "ValidationException");
    assertAwsError(() -> sfn.describeStateMachine(r -> r.stateMachineArn("arn:aws:states:eu-central-1:210987654321:stateMachine:nobody")),
        StateMachineDoesNotExistException.class, "StateMachineDoesNotExist");
    assertAwsError(() -> sfn.describeStateMachine(r -> r.stateMachineArn("arn:aws:states:eu-central-1:210987654321:activity:a")),
        InvalidArnException.class, "InvalidArn");
  }
}
