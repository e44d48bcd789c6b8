package dev.stepfold.streams;

import static dev.stepfold.streams.ReadsDriver.T0;
import static dev.stepfold.streams.ReadsDriver.execution;
import static dev.stepfold.streams.ReadsDriver.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.arn.MapRunArn;
import dev.stepfold.engine.Command;
import dev.stepfold.engine.ExecutionStatus;
import dev.stepfold.engine.TaskToken;
import dev.stepfold.redrive.RedrivePlan;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The internal read endpoint answered over HTTP from a TopologyTestDriver's stores: what another instance gets is what
 * this one reads, AWS errors keep their type, and a store that cannot be read now makes the reader try again.
 */
class ReadEndpointTest {
  private static final String TWO_BRANCHES = """
      {"StartAt": "Both", "States": {"Both": {"Type": "Parallel", "End": true, "Branches": [
        {"StartAt": "Charge", "States": {"Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}},
        {"StartAt": "Reserve", "States": {"Reserve": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}]}}}""";

  private static final String EACH = """
      {"StartAt": "Each", "States": {"Each": {"Type": "Map", "End": true,
        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, "StartAt": "Work",
          "States": {"Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}}}}""";

  private final ReadsDriver reads = new ReadsDriver();
  private final ReadServer server = ReadServer.start("localhost", 0, 4);
  private final LocalReads local = reads.localReads();
  private final RemoteReads remote = new RemoteReads(HttpClient.newHttpClient(), new HostInfo("localhost", server.port()), Duration.ofSeconds(10));

  @AfterEach
  void close() {
    server.close();
    reads.close();
  }

  @Test
  void shouldAnswerOverHttpWhatTheStoresSay() {
    server.serve(local);
    var execution = failedParallel("e-1");

    assertThat(remote.describe(execution)).isEqualTo(local.describe(execution));
    RedrivePlan plan = remote.redrivePlan(execution, RedrivePlanFix.NONE);
    assertThat(plan).isEqualTo(local.redrivePlan(execution, RedrivePlanFix.NONE));
    assertThat(plan.reruns().get(0).branches()).hasSize(2);
    var historyRequest = new InstanceReads.HistoryRequest(execution, 5, 2, true);
    var page = remote.history(historyRequest);
    assertThat(page.nextEventId()).hasValue(3);
    assertThat(page.events()).zipSatisfy(local.history(historyRequest).events(), (over, here) -> assertThat(over).isEqualTo(here)).hasSize(2);
    var listRequest = new InstanceReads.ListRequest(execution.stateMachine(), Optional.empty(), Optional.of(ExecutionStatus.FAILED), Optional.empty(),
        Optional.empty(), 10);
    assertThat(remote.list(listRequest)).isEqualTo(local.list(listRequest));
  }

  @Test
  void shouldKeepTheAwsErrorOfARead() {
    server.serve(local);
    var missing = execution("orders", "missing");

    assertThatThrownBy(() -> remote.describe(missing)).isInstanceOfSatisfying(ReadFailure.class,
        failure -> assertThat(failure.errorType()).isEqualTo("ExecutionDoesNotExist"));
  }

  @Test
  void shouldTryAgainWhileTheOwnerCannotReadItsStoresThenSayServiceUnavailable() {
    var execution = failedParallel("e-2");
    var attempts = new AtomicInteger();
    var routing = new ReadRouting() {
      @Override
      public InstanceReads owner(ExecutionArn executionArn) {
        return attempts.incrementAndGet() < 3 ? remote : local;
      }

      @Override
      public InstanceReads ownerOf(String key) {
        return local;
      }

      @Override
      public List<InstanceReads> everyInstance() {
        return List.of(remote);
      }

      @Override
      public int partitions() {
        return 1;
      }
    };
    var queries = new ExecutionQueries(routing, reads.codec, Duration.ofMillis(500));

    // the server is up but serves nothing yet: 503, as while its instance starts
    assertThat(queries.describeExecution(execution.value()).summary().status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(attempts).hasValue(3);
    assertThatThrownBy(() -> queries.listExecutions(ListExecutionsRequest.of(execution.stateMachine().value())))
        .isInstanceOfSatisfying(ReadFailure.class, failure -> {
          assertThat(failure.errorType()).isEqualTo("ServiceUnavailable");
          assertThat(failure.getMessage()).contains("cannot be read now").contains("starting");
        });
  }

  @Test
  void shouldAnswerAMapRunAndItsChildrensSummariesOverHttp() {
    server.serve(local);
    var parent = execution("orders", "each-1");
    reads.send(start("m-1", parent, EACH, "[1, 2]"), T0);

    var mapRuns = reads.queries.mapRuns().mapRunsOf(parent.value());
    assertThat(mapRuns).hasSize(1);
    assertThat(mapRuns.get(0).startDate()).isEqualTo(T0);
    assertThat(mapRuns.get(0).stopDate()).isEmpty();
    var mapRun = new MapRunArn(mapRuns.get(0).mapRunArn());

    var described = remote.describeMapRun(mapRun);
    assertThat(described).isEqualTo(local.describeMapRun(mapRun));
    assertThat(described.status()).isEqualTo("RUNNING");
    assertThat(described.executionArn()).isEqualTo(parent.value());
    assertThat(described.startDate()).isEqualTo(T0);
    assertThat(described.children()).extracting(MapRunDescription.Child::status).containsExactly("RUNNING", "RUNNING");
    var children = described.children().stream().map(child -> new ExecutionArn(child.executionArn())).toList();
    var summaries = remote.summaries(new InstanceReads.SummariesRequest(children));
    assertThat(summaries).isEqualTo(local.summaries(new InstanceReads.SummariesRequest(children)));
    assertThat(summaries.summaries()).extracting(summary -> summary.executionArn()).containsExactlyElementsOf(children);

    var missing = new MapRunArn(mapRun.value().substring(0, mapRun.value().lastIndexOf(':') + 1) + "00000000-0000-0000-0000-000000000000");
    assertThatThrownBy(() -> remote.describeMapRun(missing)).isInstanceOfSatisfying(ReadFailure.class,
        failure -> assertThat(failure.errorType()).isEqualTo("ResourceNotFound"));
  }

  private ExecutionArn failedParallel(String name) {
    var execution = execution("orders", name);
    reads.send(start("r-1", execution, TWO_BRANCHES, "{}"), T0);
    var dispatched = reads.tasks.readValuesToList();
    reads.send(new Command.SendTaskSuccess("r-2", execution, new TaskToken(dispatched.get(0).getTaskToken()), "{\"charged\": null}"),
        T0.plusSeconds(1));
    reads.send(new Command.SendTaskFailure("r-3", execution, new TaskToken(dispatched.get(1).getTaskToken()), Optional.of("Stock.Empty"),
        Optional.of("none left")), T0.plusSeconds(2));
    return execution;
  }
}
