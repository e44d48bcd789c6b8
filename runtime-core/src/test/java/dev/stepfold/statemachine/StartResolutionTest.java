package dev.stepfold.statemachine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepfold.arn.ArnFormat;
import dev.stepfold.arn.StateMachineArn;
import dev.stepfold.asl.ExecutionType;
import dev.stepfold.error.ApiError;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What a start that names a state machine, a version or an alias runs, looked up in a store of state machines; and the
 * version a redrive after a fix continues in ({@link RedriveOnto}).
 */
class StartResolutionTest {
  private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
  private static final StateMachineArn ORDERS = ArnFormat.DEFAULT.stateMachine("orders");
  private static final String V1 = ORDERS + ":1";
  private static final String V2 = ORDERS + ":2";

  private final Map<String, StateMachine> store = new HashMap<>();

  @Test
  void shouldRunTheCurrentRevisionOrTheVersionNamed() {
    keep(revision("current", List.of()), version(1, "one"));

    var latest = (StartResolution.Resolved) resolve(ORDERS.value(), "e-1");
    assertThat(latest.runs().definition()).isEqualTo("current");
    assertThat(latest.stateMachineVersionArn()).isEmpty();
    var version = (StartResolution.Resolved) resolve(V1, "e-2");
    assertThat(version.runs().definition()).isEqualTo("one");
    assertThat(version.stateMachineVersionArn()).contains(V1);
    assertThat(version.stateMachineAliasArn()).isEmpty();
  }

  @Test
  void shouldNotKnowWhatTheStoreDoesNotShow() {
    assertThat(resolve(ORDERS.value(), "e-1")).isInstanceOf(StartResolution.Unknown.class);
    keep(revision("current", List.of()));
    assertThat(resolve(V2, "e-2")).isInstanceOf(StartResolution.Unknown.class);
    assertThat(resolve(ORDERS + ":live", "e-3")).isInstanceOf(StartResolution.Unknown.class);
  }

  @Test
  void shouldRouteAnAliasByWeightTheSameWayForTheSameExecution() {
    keep(revision("current", List.of(alias("live", route(V1, 80), route(V2, 20)))), version(1, "one"), version(2, "two"));

    var runs = IntStream.range(0, 1000).mapToObj(i -> (StartResolution.Resolved) resolve(ORDERS + ":live", "e-" + i)).toList();

    assertThat(runs).allSatisfy(run -> assertThat(run.stateMachineAliasArn()).contains(ORDERS + ":live"));
    long first = runs.stream().filter(run -> run.stateMachineVersionArn().equals(Optional.of(V1))).count();
    assertThat(first).as("version 1's share of 1000 starts at 80 %").isBetween(750L, 850L);
    assertThat(runs).allSatisfy(run -> assertThat(run.runs().key()).isEqualTo(run.stateMachineVersionArn().orElseThrow()));
    for (int i = 0; i < 20; i++) {
      var again = (StartResolution.Resolved) resolve(ORDERS + ":live", "e-" + i);
      assertThat(again.stateMachineVersionArn()).as("the same execution takes the same route").isEqualTo(runs.get(i).stateMachineVersionArn());
    }
  }

  @Test
  void shouldRouteEverythingToAVersionOfWeightHundred() {
    keep(revision("current", List.of(alias("all-two", route(V1, 0), route(V2, 100)))), version(1, "one"), version(2, "two"));

    assertThat(IntStream.range(0, 200).mapToObj(i -> (StartResolution.Resolved) resolve(ORDERS + ":all-two", "e-" + i)))
        .allSatisfy(run -> assertThat(run.stateMachineVersionArn()).contains(V2));
  }

  @Test
  void shouldRefuseStartsAwsRefuses() {
    keep(deleting());

    assertThat(resolve(ORDERS.value(), "e-1")).isEqualTo(new StartResolution.Refused(ApiError.STATE_MACHINE_DELETING,
        "State Machine is being deleted: '" + ORDERS + "'"));
    assertThat(((StartResolution.Refused) resolve(ORDERS + "/Each", "e-2")).error()).isEqualTo(ApiError.VALIDATION_EXCEPTION);
    assertThat(((StartResolution.Refused) StartResolution.resolve(key -> Optional.ofNullable(store.get(key)), ORDERS.value(),
        ArnFormat.DEFAULT.stateMachine("billing").execution("e-3"))).error()).isEqualTo(ApiError.VALIDATION_EXCEPTION);
    assertThat(((StartResolution.Refused) resolve("arn:aws:states:us-east-1:123456789012:activity:a", "e-4")).error())
        .isEqualTo(ApiError.INVALID_ARN);
  }

  @Test
  void shouldFindTheVersionARedriveAfterAFixContinuesInByItsArnOrAnAlias() {
    keep(revision("current", List.of(alias("live", route(V2, 100)))), version(1, "one"), version(2, "two"));

    var byArn = (StartResolution.Resolved) RedriveOnto.resolve(key -> Optional.ofNullable(store.get(key)), V1, ORDERS.execution("e-1"));
    var byAlias = (StartResolution.Resolved) RedriveOnto.resolve(key -> Optional.ofNullable(store.get(key)), ORDERS + ":live",
        ORDERS.execution("e-1"));

    assertThat(byArn.runs().definition()).isEqualTo("one");
    assertThat(byArn.stateMachineVersionArn()).contains(V1);
    assertThat(byAlias.stateMachineVersionArn()).contains(V2);
    assertThat(byAlias.stateMachineAliasArn()).contains(ORDERS + ":live");
  }

  @Test
  void shouldRefuseARedriveOntoTheStateMachineItselfAnotherStateMachineOrAVersionThatDoesNotExist() {
    keep(revision("current", List.of()), version(1, "one"));
    StartResolution.Lookup lookup = key -> Optional.ofNullable(store.get(key));

    assertThat(((StartResolution.Refused) RedriveOnto.resolve(lookup, ORDERS.value(), ORDERS.execution("e-1"))).error())
        .isEqualTo(ApiError.VALIDATION_EXCEPTION);
    assertThat(RedriveOnto.resolve(lookup, ORDERS + ":7", ORDERS.execution("e-1"))).isInstanceOf(StartResolution.Unknown.class);
    assertThat(RedriveOnto.resolveKnown(lookup, ORDERS + ":7", ORDERS.execution("e-1")))
        .isEqualTo(new StartResolution.Refused(ApiError.STATE_MACHINE_DOES_NOT_EXIST, "State Machine Does Not Exist: '" + ORDERS + ":7'"));
    assertThat(((StartResolution.Refused) RedriveOnto.resolve(lookup, V1, ArnFormat.DEFAULT.stateMachine("billing").execution("e-2"))).error())
        .isEqualTo(ApiError.VALIDATION_EXCEPTION);
    assertThat(((StartResolution.Refused) RedriveOnto.resolve(lookup, "not an arn", ORDERS.execution("e-3"))).error())
        .isEqualTo(ApiError.INVALID_ARN);
  }

  private StartResolution resolve(String named, String executionName) {
    return StartResolution.resolve(key -> Optional.ofNullable(store.get(key)), named, ORDERS.execution(executionName));
  }

  private void keep(StateMachine... records) {
    for (var record : records) {
      store.put(record.key(), record);
    }
  }

  private static StateMachine revision(String definition, List<StateMachineAlias> aliases) {
    return new StateMachine(ORDERS, Optional.empty(), "orders", ExecutionType.STANDARD, definition, "role", "rev", T0, T0, Optional.empty(), 2,
        Optional.empty()).withAliases(aliases);
  }

  private static StateMachine deleting() {
    return revision("current", List.of()).markedDeleting(List.of(0));
  }

  private static StateMachine version(long number, String definition) {
    return revision(definition, List.of()).asVersion(number, Optional.empty(), T0);
  }

  private static StateMachineAlias alias(String name, StateMachineAlias.Route... routes) {
    return new StateMachineAlias(name, Optional.empty(), List.of(routes), T0, T0);
  }

  private static StateMachineAlias.Route route(String versionArn, int weight) {
    return new StateMachineAlias.Route(versionArn, weight);
  }
}
