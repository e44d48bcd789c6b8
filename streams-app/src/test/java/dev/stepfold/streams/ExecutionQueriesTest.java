package dev.stepfold.streams;

import static dev.stepfold.streams.ReadsDriver.T0;
import static dev.stepfold.streams.ReadsDriver.execution;
import static dev.stepfold.streams.ReadsDriver.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.engine.Command;
import dev.stepfold.engine.ExecutionStatus;
import dev.stepfold.engine.ExecutionSummary;
import dev.stepfold.engine.Redrives;
import dev.stepfold.engine.TaskToken;
import dev.stepfold.history.HistoryEvent;
import dev.stepfold.redrive.RedriveStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The read side on the stores a TopologyTestDriver fills: AWS's shapes, paging, filters and errors. */
class ExecutionQueriesTest {
  private static final String CHARGE = """
      {"StartAt": "Charge", "States": {
        "Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}""";
  private static final String TWO_BRANCHES = """
      {"StartAt": "Both", "States": {"Both": {"Type": "Parallel", "End": true, "Branches": [
        {"StartAt": "Charge", "States": {"Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}},
        {"StartAt": "Reserve", "States": {"Reserve": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}]}}}""";

  private final ReadsDriver reads = new ReadsDriver();
  private final ExecutionQueries queries = reads.queries;

  @AfterEach
  void close() {
    reads.close();
  }

  @Test
  void shouldDescribeARunningExecution() {
    var execution = execution("orders", "e-1");
    reads.send(start("r-1", execution, CHARGE, "{\"amount\": 42}"), T0);

    var description = queries.describeExecution(execution.value());

    assertThat(description.summary().status()).isEqualTo(ExecutionStatus.RUNNING);
    assertThat(description.summary().startDate()).isEqualTo(T0);
    assertThat(description.summary().input().path("amount").asInt()).isEqualTo(42);
    assertThat(description.redriveStatus().redriveStatus()).isEqualTo(RedriveStatus.NOT_REDRIVABLE);
    assertThat(description.redriveStatus().redriveStatusReason()).contains("Execution is RUNNING and cannot be redriven");
  }

  @Test
  void shouldDescribeAFailedExecutionAsRedrivableUntilItsRedrivablePeriodEnds() {
    var execution = failedParallel("e-2");

    var description = queries.describeExecution(execution.value());
    assertThat(description.summary().status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(description.summary().error()).contains("Stock.Empty");
    assertThat(description.redriveStatus().redriveStatus()).isEqualTo(RedriveStatus.REDRIVABLE);

    reads.advance(Duration.ofDays(15));   // the clock moves; nothing was written

    assertThat(queries.describeExecution(execution.value()).redriveStatus().redriveStatusReason())
        .contains("Execution redrivable period exceeded");
  }

  @Test
  void shouldPlanARedriveOfOnlyTheFailedBranch() {
    var execution = failedParallel("e-3");

    var plan = queries.redrivePlan(execution.value());

    assertThat(plan.redrivable()).isTrue();
    assertThat(plan.reruns()).hasSize(1);
    var both = plan.reruns().get(0);
    assertThat(both.stateName()).isEqualTo("Both");
    assertThat(both.branches()).extracting(branch -> branch.keepsResult()).containsExactly(true, false);
    assertThat(both.branches().get(1).rerun().orElseThrow().stateName()).isEqualTo("Reserve");
  }

  @Test
  void shouldPageThroughTheHistoryInBothDirections() {
    var execution = failedParallel("e-4");
    var all = queries.getExecutionHistory(execution.value(), 0, Optional.empty(), false);
    assertThat(all.nextToken()).isEmpty();
    var ids = all.events().stream().map(HistoryEvent::id).toList();
    assertThat(ids).startsWith(1L, 2L).hasSizeGreaterThan(7);

    assertThat(pagedIds(execution, 3, false)).isEqualTo(ids);
    assertThat(pagedIds(execution, 3, true)).isEqualTo(reversed(ids));
    assertThat(pagedIds(execution, ids.size(), false)).isEqualTo(ids);
  }

  @Test
  void shouldAnswerUnknownExecutionsBadArnsAndForeignTokensWithAwsErrors() {
    var execution = failedParallel("e-5");
    var missing = execution("orders", "missing");
    var token = queries.getExecutionHistory(execution.value(), 2, Optional.empty(), false).nextToken().orElseThrow();

    assertError(() -> queries.describeExecution(missing.value()), "ExecutionDoesNotExist", "Execution Does Not Exist: '" + missing + "'");
    assertError(() -> queries.getExecutionHistory(missing.value(), 0, Optional.empty(), false), "ExecutionDoesNotExist", missing.value());
    assertError(() -> queries.redrivePlan(missing.value()), "ExecutionDoesNotExist", missing.value());
    assertError(() -> queries.describeExecution("arn:aws:states:us-east-1:111111111111:activity:x"), "InvalidArn", "Invalid Arn");
    assertError(() -> queries.getExecutionHistory(missing.value(), 0, Optional.of(token), false), "InvalidToken", token);
    assertError(() -> queries.getExecutionHistory(execution.value(), 0, Optional.of("not a token!"), false), "InvalidToken", "not a token!");
    assertError(() -> queries.getExecutionHistory(execution.value(), 1001, Optional.empty(), false), "ValidationException",
        "Value '1001' at 'maxResults'");
  }

  @Test
  void shouldListAStateMachinesExecutionsNewestFirstPageByPage() {
    var names = List.of("a", "b", "c", "d", "e");
    for (int i = 0; i < names.size(); i++) {
      reads.send(start("r-" + i, execution("orders", names.get(i)), CHARGE, "{}"), T0.plusSeconds(i));
    }
    reads.send(start("r-other", execution("invoices", "x"), CHARGE, "{}"), T0.plusSeconds(10));

    var listed = new ArrayList<String>();
    var request = new ListExecutionsRequest(execution("orders", "a").stateMachine().value(), Optional.empty(), Optional.empty(), 2,
        Optional.empty());
    int pages = 0;
    while (true) {
      var page = queries.listExecutions(request);
      pages++;
      page.executions().forEach(summary -> listed.add(summary.name()));
      if (page.nextToken().isEmpty()) {
        break;
      }
      request = new ListExecutionsRequest(request.stateMachineArn(), Optional.empty(), Optional.empty(), 2, page.nextToken());
    }

    assertThat(listed).containsExactly("e", "d", "c", "b", "a");
    assertThat(pages).isEqualTo(3);
  }

  @Test
  void shouldFilterTheListingByStatusAndByRedrive() {
    var failed = failedParallel("failed");
    var redriven = failedParallel("redriven");
    reads.send(new Command.RedriveExecution("r-redrive", redriven, Optional.empty()), T0.plusSeconds(60));
    reads.send(start("r-running", execution("orders", "running"), CHARGE, "{}"), T0.plusSeconds(61));
    var orders = failed.stateMachine().value();

    assertThat(names(new ListExecutionsRequest(orders, Optional.of("FAILED"), Optional.empty(), 0, Optional.empty()))).containsExactly("failed");
    assertThat(names(new ListExecutionsRequest(orders, Optional.of("RUNNING"), Optional.empty(), 0, Optional.empty())))
        .containsExactlyInAnyOrder("running", "redriven");
    assertThat(names(new ListExecutionsRequest(orders, Optional.empty(), Optional.of("REDRIVEN"), 0, Optional.empty()))).containsExactly("redriven");
    assertThat(names(new ListExecutionsRequest(orders, Optional.of("RUNNING"), Optional.of("NOT_REDRIVEN"), 0, Optional.empty())))
        .containsExactly("running");
    assertError(() -> queries.listExecutions(new ListExecutionsRequest(orders, Optional.of("NOT_STARTED"), Optional.empty(), 0, Optional.empty())),
        "ValidationException", "statusFilter");
    assertError(() -> queries.listExecutions(new ListExecutionsRequest(orders, Optional.empty(), Optional.of("SOMETIMES"), 0, Optional.empty())),
        "ValidationException", "redriveFilter");
  }

  @Test
  void shouldRefuseAListingTokenOfAnotherStateMachine() {
    for (var name : List.of("a", "b")) {
      reads.send(start("r-" + name, execution("orders", name), CHARGE, "{}"), T0);
    }
    var orders = execution("orders", "a").stateMachine().value();
    var token = queries.listExecutions(new ListExecutionsRequest(orders, Optional.empty(), Optional.empty(), 1, Optional.empty()))
        .nextToken().orElseThrow();
    var invoices = execution("invoices", "a").stateMachine().value();

    assertError(() -> queries.listExecutions(new ListExecutionsRequest(invoices, Optional.empty(), Optional.empty(), 1, Optional.of(token))),
        "InvalidToken", token);
  }

  private ExecutionArn failedParallel(String name) {
    var execution = execution("orders", name);
    reads.send(start("r-1", execution, TWO_BRANCHES, "{}"), T0);
    var dispatched = reads.tasks.readValuesToList();
    reads.send(new Command.SendTaskSuccess("r-2", execution, new TaskToken(dispatched.get(0).getTaskToken()), "\"charged\""), T0.plusSeconds(1));
    reads.send(new Command.SendTaskFailure("r-3", execution, new TaskToken(dispatched.get(1).getTaskToken()), Optional.of("Stock.Empty"),
        Optional.empty()), T0.plusSeconds(2));
    return execution;
  }

  private List<Long> pagedIds(ExecutionArn execution, int pageSize, boolean reverse) {
    var ids = new ArrayList<Long>();
    var token = Optional.<String>empty();
    do {
      var page = queries.getExecutionHistory(execution.value(), pageSize, token, reverse);
      assertThat(page.events()).hasSizeLessThanOrEqualTo(pageSize);
      page.events().forEach(event -> ids.add(event.id()));
      token = page.nextToken();
    } while (token.isPresent());
    return ids;
  }

  private List<String> names(ListExecutionsRequest request) {
    return queries.listExecutions(request).executions().stream().map(ExecutionSummary::name).toList();
  }

  private static List<Long> reversed(List<Long> ids) {
    var copy = new ArrayList<>(ids);
    Collections.reverse(copy);
    return copy;
  }

  private static void assertError(ThrowingCallable read, String errorType, String messagePart) {
    assertThatThrownBy(read).isInstanceOfSatisfying(ReadFailure.class, failure -> {
      assertThat(failure.errorType()).isEqualTo(errorType);
      assertThat(failure.getMessage()).contains(messagePart);
    });
  }
}
