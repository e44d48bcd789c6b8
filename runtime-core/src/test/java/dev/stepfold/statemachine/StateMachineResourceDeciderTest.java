package dev.stepfold.statemachine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepfold.arn.ArnFormat;
import dev.stepfold.arn.StateMachineArn;
import dev.stepfold.asl.ExecutionType;
import dev.stepfold.codec.HistoryJson;
import dev.stepfold.engine.Reply;
import dev.stepfold.error.ApiError;
import dev.stepfold.tags.Tag;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Versions, aliases, tags and deletion as the state machine's key decides them: each test sends commands to one state
 * machine whose records (revision and versions) are kept as the task's revisions store keeps them, and looks at what
 * each decision writes, deletes and answers.
 */
class StateMachineResourceDeciderTest {
  private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
  private static final StateMachineArn ORDERS = ArnFormat.DEFAULT.stateMachine("orders");
  private static final String V1 = ORDERS + ":1";
  private static final String V2 = ORDERS + ":2";
  private static final String ROLE = "arn:aws:iam::111111111111:role/stepfold";

  private final StateMachineDecider decider = new StateMachineDecider(3);
  private final Map<String, StateMachine> store = new HashMap<>();
  private Instant now = T0;
  private int requests;

  @BeforeEach
  void createOrders() {
    send(new StateMachineCommand.CreateStateMachine(id(), ORDERS, "orders", making("one"), ROLE, ExecutionType.STANDARD, false,
        Optional.empty(), List.of(new Tag("team", "orders"))));
  }

  @Test
  void shouldPublishTheCurrentRevisionOnceAndNumberVersionsOnwardAfterADeletion() {
    var first = send(publish(Optional.of("INITIAL")));
    assertThat(first.written()).extracting(StateMachine::key).containsExactly(ORDERS.value(), V1);
    assertThat(accepted(send(publish(Optional.empty()))).get("stateMachineVersionArn").asText()).as("the same revision").isEqualTo(V1);

    update(making("two"));
    assertThat(rejected(send(publish(Optional.of("INITIAL"))))).isEqualTo(new Reply.Rejected(ApiError.CONFLICT_EXCEPTION,
        "Failed to publish the State Machine version for revision INITIAL. The current State Machine revision is "
            + store.get(ORDERS.value()).revisionId() + "."));
    send(publish(Optional.of(store.get(ORDERS.value()).revisionId())));
    assertThat(store).containsKeys(V1, V2);

    var deleted = send(new StateMachineCommand.DeleteStateMachineVersion(id(), ORDERS, V2));
    assertThat(deleted.deleted()).containsExactly(V2);
    assertThat(store.get(ORDERS.value()).latestVersionRevisionId()).as("the newest version is gone").isEmpty();
    var republished = send(publish(Optional.empty()));
    assertThat(accepted(republished).get("stateMachineVersionArn").asText()).as("numbers are never given twice").isEqualTo(ORDERS + ":3");
  }

  @Test
  void shouldRefuseToPublishAStateMachineThatDoesNotExistOrIsBeingDeleted() {
    var nobody = ArnFormat.DEFAULT.stateMachine("nobody");
    assertThat(rejected(send(new StateMachineCommand.PublishStateMachineVersion(id(), nobody, Optional.empty(), Optional.empty()))).error())
        .isEqualTo(ApiError.STATE_MACHINE_DOES_NOT_EXIST);
    send(new StateMachineCommand.DeleteStateMachine(id(), ORDERS));
    assertThat(rejected(send(publish(Optional.empty())))).isEqualTo(new Reply.Rejected(ApiError.STATE_MACHINE_DELETING,
        "State Machine is being deleted: '" + ORDERS + "'"));
  }

  @Test
  void shouldRefuseToDeleteAVersionAnAliasRoutesTo() {
    send(publish(Optional.empty()));
    send(createAlias("live", Optional.empty(), route(V1, 100)));
    send(createAlias("blue", Optional.empty(), route(V1, 100)));

    assertThat(rejected(send(new StateMachineCommand.DeleteStateMachineVersion(id(), ORDERS, V1)))).isEqualTo(new Reply.Rejected(
        ApiError.CONFLICT_EXCEPTION,
        "Version to be deleted must not be referenced by an alias. Current list of aliases referencing this version: [live, blue]"));
    assertThat(store).containsKey(V1);
    assertThat(rejected(send(new StateMachineCommand.DeleteStateMachineVersion(id(), ORDERS, "not an arn"))).error())
        .isEqualTo(ApiError.INVALID_ARN);
    assertThat(rejected(send(new StateMachineCommand.DeleteStateMachineVersion(id(), ORDERS, ORDERS + ":live"))).error())
        .isEqualTo(ApiError.INVALID_ARN);
    var missing = send(new StateMachineCommand.DeleteStateMachineVersion(id(), ORDERS, ORDERS + ":9"));
    assertThat(missing.written()).isEmpty();
    assertThat(missing.deleted()).isEmpty();
    assertThat(missing.reply()).isInstanceOf(Reply.Accepted.class);
  }

  @Test
  void shouldCreateAnAliasOnceAndRefuseAnotherRoutingUnderItsName() {
    send(publish(Optional.empty()));
    update(making("two"));
    send(publish(Optional.empty()));

    var createdAt = now;
    var created = send(createAlias("live", Optional.of("prod"), route(V1, 90), route(V2, 10)));
    assertThat(accepted(created).get("stateMachineAliasArn").asText()).isEqualTo(ORDERS + ":live");
    var alias = store.get(ORDERS.value()).alias("live").orElseThrow();
    assertThat(alias.routingConfiguration()).containsExactly(route(V1, 90), route(V2, 10));
    assertThat(store.get(ORDERS.value()).tags().list()).as("the revision keeps its tags").containsExactly(new Tag("team", "orders"));

    now = now.plusSeconds(5);
    var repeated = send(createAlias("live", Optional.of("prod"), route(V1, 90), route(V2, 10)));
    assertThat(repeated.written()).isEmpty();
    assertThat(accepted(repeated).get("creationDate").decimalValue()).isEqualByComparingTo(HistoryJson.epochSeconds(createdAt));
    assertThat(rejected(send(createAlias("live", Optional.of("prod"), route(V2, 100))))).isEqualTo(new Reply.Rejected(
        ApiError.CONFLICT_EXCEPTION,
        "Failed to create alias because an alias with the same name and a different routing configuration already exists."));
    assertThat(rejected(send(createAlias("gone", Optional.empty(), route(ORDERS + ":7", 100)))).error())
        .isEqualTo(ApiError.RESOURCE_NOT_FOUND);
  }

  @Test
  void shouldKeepAwsQuotasOfVersionsAndAliases() {
    send(publish(Optional.empty()));
    IntStream.range(0, AliasDecisions.MAX_ALIASES).forEach(i -> send(createAlias("alias-" + i, Optional.empty(), route(V1, 100))));
    assertThat(store.get(ORDERS.value()).aliases()).hasSize(100);
    assertThat(rejected(send(createAlias("one-more", Optional.empty(), route(V1, 100)))).error()).isEqualTo(ApiError.SERVICE_QUOTA_EXCEEDED);

    var revision = store.get(ORDERS.value()).revised(making("new"), ROLE, "rev-new", now);
    var versions = new TreeMap<Long, StateMachine>();
    LongStream.rangeClosed(1, VersionDecisions.MAX_VERSIONS).forEach(n -> versions.put(n, revision.asVersion(n, Optional.empty(), now)));
    var full = decider.decide(StateMachineRecords.of(Optional.of(revision), versions), publish(Optional.empty()), now);
    assertThat(rejected(full).error()).isEqualTo(ApiError.SERVICE_QUOTA_EXCEEDED);
  }

  @Test
  void shouldRefuseRoutingsAsAwsWordsThem() {
    var other = ArnFormat.DEFAULT.stateMachine("other") + ":1";
    assertThat(AliasDecisions.invalidRouting(ORDERS, List.of(route(V1, 70), route(V2, 29))))
        .contains("Sum of routing configuration weights must equal 100. Received: [70, 29]");
    assertThat(AliasDecisions.invalidRouting(ORDERS, List.of(route(V1, 50), route(V1, 50))))
        .contains("Routing configuration must contain distinct state machine version ARNs. Received: [" + V1 + ", " + V1 + "]");
    assertThat(AliasDecisions.invalidRouting(ORDERS, List.of(route(ORDERS.value(), 100))))
        .contains("Routing configuration must contain state machine version ARNs. Received: [" + ORDERS + "]");
    assertThat(AliasDecisions.invalidRouting(ORDERS, List.of(route(V1, 50), route(other, 50))))
        .contains("Routing configuration must contain state machine version ARNs. Received: [" + V1 + ", " + other + "]");
    assertThat(AliasDecisions.invalidRouting(ORDERS, List.of(route(V1, 101)))).contains("1 validation error detected: Value '101' at "
        + "'routingConfiguration.1.member.weight' failed to satisfy constraint: Member must have value less than or equal to 100");
    assertThat(AliasDecisions.invalidRouting(ORDERS, List.of(route(V1, 100)))).isEmpty();
    assertThat(AliasDecisions.invalidRouting(ORDERS, List.of(route(V1, 0), route(V2, 100)))).isEmpty();
  }

  @Test
  void shouldUpdateAnAliasOnlyWhenSomethingChanges() {
    send(publish(Optional.empty()));
    update(making("two"));
    send(publish(Optional.empty()));
    var createdAt = now;
    send(createAlias("live", Optional.of("prod"), route(V1, 100)));

    now = now.plusSeconds(60);
    var update = send(new StateMachineCommand.UpdateStateMachineAlias(id(), ORDERS, ORDERS + ":live", Optional.empty(),
        Optional.of(List.of(route(V1, 50), route(V2, 50)))));
    var alias = store.get(ORDERS.value()).alias("live").orElseThrow();
    assertThat(alias.description()).contains("prod");
    assertThat(alias.routingConfiguration()).containsExactly(route(V1, 50), route(V2, 50));
    assertThat(alias.updateDate()).isEqualTo(now);
    assertThat(alias.creationDate()).isEqualTo(createdAt);
    assertThat(accepted(update).get("updateDate").decimalValue()).isEqualByComparingTo(HistoryJson.epochSeconds(now));

    var same = send(new StateMachineCommand.UpdateStateMachineAlias(id(), ORDERS, ORDERS + ":live", Optional.of("prod"), Optional.empty()));
    assertThat(same.written()).isEmpty();
    assertThat(rejected(send(new StateMachineCommand.UpdateStateMachineAlias(id(), ORDERS, ORDERS + ":gone", Optional.of("x"),
        Optional.empty()))).error()).isEqualTo(ApiError.RESOURCE_NOT_FOUND);

    send(new StateMachineCommand.DeleteStateMachineAlias(id(), ORDERS, ORDERS + ":live"));
    assertThat(store.get(ORDERS.value()).aliases()).isEmpty();
    assertThat(send(new StateMachineCommand.DeleteStateMachineAlias(id(), ORDERS, ORDERS + ":live")).written())
        .as("deleted already").isEmpty();
  }

  @Test
  void shouldDeleteVersionsAndAliasesWithTheStateMachineAndRefuseWritesWhileItIsDeleting() {
    send(publish(Optional.empty()));
    update(making("two"));
    send(publish(Optional.empty()));
    send(createAlias("live", Optional.empty(), route(V2, 100)));

    var deleted = send(new StateMachineCommand.DeleteStateMachine(id(), ORDERS));

    assertThat(deleted.deleted()).containsExactly(V1, V2);
    assertThat(deleted.executionChecks()).as("every partition is asked about running executions").containsExactly(0, 1, 2);
    var revision = store.get(ORDERS.value());
    assertThat(revision.status()).isEqualTo(StateMachineStatus.DELETING);
    assertThat(revision.aliases()).isEmpty();
    assertThat(revision.deletionWaitsFor()).containsExactly(0, 1, 2);
    assertThat(send(new StateMachineCommand.DeleteStateMachine(id(), ORDERS)).written()).as("deleting already").isEmpty();
    assertThat(rejected(send(new StateMachineCommand.UpdateStateMachine(id(), ORDERS, Optional.of(making("three")), Optional.empty(), false,
        Optional.empty()))).error()).isEqualTo(ApiError.STATE_MACHINE_DELETING);
    assertThat(rejected(send(new StateMachineCommand.CreateStateMachine(id(), ORDERS, "orders", making("one"), ROLE, ExecutionType.STANDARD,
        false, Optional.empty()))).error()).isEqualTo(ApiError.STATE_MACHINE_DELETING);
    assertThat(rejected(send(createAlias("late", Optional.empty(), route(V2, 100)))).error()).isEqualTo(ApiError.STATE_MACHINE_DELETING);
    assertThat(send(new StateMachineCommand.DeleteStateMachine(id(), ArnFormat.DEFAULT.stateMachine("nobody"))).reply())
        .as("a state machine that does not exist is deleted already").isInstanceOf(Reply.Accepted.class);
  }

  @Test
  void shouldDeleteTheStateMachineOnceNoPartitionRunsAnExecutionOfItAndLetItsNameBeTakenAgain() {
    send(new StateMachineCommand.DeleteStateMachine(id(), ORDERS));

    send(new StateMachineCommand.StateMachineExecutionsEnded(id(), ORDERS, 1));
    assertThat(store.get(ORDERS.value()).deletionWaitsFor()).containsExactly(0, 2);
    assertThat(send(new StateMachineCommand.StateMachineExecutionsEnded(id(), ORDERS, 1)).written()).as("a repeat").isEmpty();
    assertThat(send(new StateMachineCommand.DeleteStateMachine(id(), ORDERS)).executionChecks()).as("asked once").isEmpty();
    send(new StateMachineCommand.StateMachineExecutionsEnded(id(), ORDERS, 0));
    var last = send(new StateMachineCommand.StateMachineExecutionsEnded(id(), ORDERS, 2));

    assertThat(last.deleted()).containsExactly(ORDERS.value());
    assertThat(store).doesNotContainKey(ORDERS.value());
    var again = send(new StateMachineCommand.CreateStateMachine(id(), ORDERS, "orders", making("again"), ROLE, ExecutionType.STANDARD, false,
        Optional.empty()));
    assertThat(again.written()).extracting(StateMachine::definition).containsExactly(making("again"));
    assertThat(send(new StateMachineCommand.StateMachineExecutionsEnded(id(), ORDERS, 0)).written()).as("late, for an active one").isEmpty();
  }

  @Test
  void shouldKeepAtMostFiftyTagsAndTagOnlyTheStateMachineItself() {
    var tags = IntStream.range(0, 49).mapToObj(i -> new Tag("k" + i, "v")).toList();
    send(new StateMachineCommand.TagStateMachine(id(), ORDERS, tags));
    assertThat(store.get(ORDERS.value()).tags().list()).hasSize(50);

    assertThat(rejected(send(new StateMachineCommand.TagStateMachine(id(), ORDERS, List.of(new Tag("one-more", "v")))))).isEqualTo(
        new Reply.Rejected(ApiError.TOO_MANY_TAGS, "Too many tags: a resource can have at most 50 tags, but '" + ORDERS + "' would have 51"));
    send(new StateMachineCommand.TagStateMachine(id(), ORDERS, List.of(new Tag("team", "billing"))));
    assertThat(store.get(ORDERS.value()).tags().list().get(0)).as("overwritten in place").isEqualTo(new Tag("team", "billing"));
    send(new StateMachineCommand.UntagStateMachine(id(), ORDERS, List.of("team", "never")));
    assertThat(store.get(ORDERS.value()).tags().list()).hasSize(49).noneMatch(tag -> tag.key().equals("team"));

    send(publish(Optional.empty()));
    assertThat(rejected(send(new StateMachineCommand.TagStateMachine(id(), new StateMachineArn(V1), List.of(new Tag("a", "b"))))))
        .isEqualTo(new Reply.Rejected(ApiError.RESOURCE_NOT_FOUND, "Resource not found: '" + V1 + "'"));
    assertThat(store.get(V1).tags().list()).as("a version has no tags").isEmpty();
  }

  private StateMachineDecision send(StateMachineCommand command) {
    var key = StateMachineTarget.of(command.stateMachineArn()).stateMachineArn();
    var versions = new TreeMap<Long, StateMachine>();
    store.values().stream().filter(record -> record.stateMachineArn().equals(key) && record.version().isPresent())
        .forEach(version -> versions.put(version.version().get(), version));
    var decision = decider.decide(StateMachineRecords.of(Optional.ofNullable(store.get(key.value())), versions), command, now);
    decision.written().forEach(record -> store.put(record.key(), record));
    decision.deleted().forEach(store::remove);
    return decision;
  }

  private void update(String definition) {
    now = now.plusSeconds(1);
    send(new StateMachineCommand.UpdateStateMachine(id(), ORDERS, Optional.of(definition), Optional.empty(), false, Optional.empty()));
  }

  private StateMachineCommand.PublishStateMachineVersion publish(Optional<String> revisionId) {
    return new StateMachineCommand.PublishStateMachineVersion(id(), ORDERS, revisionId, Optional.empty());
  }

  private StateMachineCommand.CreateStateMachineAlias createAlias(String name, Optional<String> description, StateMachineAlias.Route... routes) {
    return new StateMachineCommand.CreateStateMachineAlias(id(), ORDERS, name, description, List.of(routes));
  }

  private String id() {
    return "r-" + ++requests;
  }

  private static StateMachineAlias.Route route(String versionArn, int weight) {
    return new StateMachineAlias.Route(versionArn, weight);
  }

  private static com.fasterxml.jackson.databind.JsonNode accepted(StateMachineDecision decision) {
    assertThat(decision.reply()).isInstanceOf(Reply.Accepted.class);
    return ((Reply.Accepted) decision.reply()).data();
  }

  private static Reply.Rejected rejected(StateMachineDecision decision) {
    assertThat(decision.reply()).isInstanceOf(Reply.Rejected.class);
    assertThat(decision.written()).as("a refusal writes nothing").isEmpty();
    assertThat(decision.deleted()).as("a refusal deletes nothing").isEmpty();
    return (Reply.Rejected) decision.reply();
  }

  private static String making(String made) {
    return """
        {"StartAt": "Make", "States": {"Make": {"Type": "Pass", "Result": "%s", "ResultPath": "$.made", "End": true}}}""".formatted(made);
  }
}
