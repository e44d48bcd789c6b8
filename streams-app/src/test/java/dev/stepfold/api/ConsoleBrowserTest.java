package dev.stepfold.api;

import static dev.stepfold.api.SdkAssertions.awaitStatus;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepfold.streams.StepfoldConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The console in headless Chromium (Debian's {@code chromium}, driven by {@code console/e2e/console-browser.mjs} with
 * playwright-core from the console's npm packages) against a running stepfold: an execution whose Map iteration failed
 * drawn red in its graph, the failing state's error on a click, the redrive plan, a redrive through the button followed
 * to SUCCEEDED; the Map Run page of a failed Distributed Map; a bulk redrive with its report. The script saves the
 * README's screenshots to {@code docs/console/}.
 *
 * <p>An activity worker here answers every task: an item marked {@code fail} fails the first time it is worked on and
 * succeeds after a redrive; one marked {@code flaky} fails the first time with an error its state retries. The Map
 * works on one item at a time, so the first is retried, the second fails and the third never starts.
 */
@Timeout(600)
class ConsoleBrowserTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final String ROLE = "arn:aws:iam::123456789012:role/stepfold";
  private static final String WORK = "arn:aws:states:us-east-1:123456789012:activity:work";
  private static final String ORDERS = """
      {"Comment": "Each item is worked on by an activity worker; then the customer is told, twice.", "StartAt": "Items", "States": {
        "Items": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 1, "Next": "Notify",
          "ItemProcessor": {"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "%s", "End": true,
            "Retry": [{"ErrorEquals": ["Item.Flaky"], "IntervalSeconds": 1, "MaxAttempts": 2}]}}}},
        "Notify": {"Type": "Parallel", "Next": "Done", "Branches": [
          {"StartAt": "Email", "States": {"Email": {"Type": "Pass", "End": true}}},
          {"StartAt": "Sms", "States": {"Sms": {"Type": "Pass", "End": true}}}]},
        "Done": {"Type": "Pass", "End": true}}}""".formatted(WORK);
  private static final String BATCHES = """
      {"StartAt": "Batches", "States": {
        "Batches": {"Type": "Map", "ItemsPath": "$.items", "End": true,
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "Process", "States": {"Process": {"Type": "Task", "Resource": "%s", "End": true}}}}}}""".formatted(WORK);
  private static final int BULK_FAILED = 2;

  @TempDir
  static Path dataDir;
  static RunningApi api;
  static SfnClient sfn;
  static final ExecutorService worker = Executors.newSingleThreadExecutor();
  static final AtomicBoolean working = new AtomicBoolean(true);
  static final Set<String> failedOnce = ConcurrentHashMap.newKeySet();

  @BeforeAll
  static void start() throws Exception {
    if (!Files.isExecutable(CHROMIUM)) {
      throw new AssertionError("Expected Chromium at " + CHROMIUM + " for the console's browser test, but it is missing: install it with "
          + "`apt-get install -y chromium` (as .ci/run does)");
    }
    api = RunningApi.start(dataDir, Map.of(StepfoldConfig.API_ACTIVITY_POLL_MS, "1000"));
    sfn = api.client();
    sfn.createActivity(r -> r.name("work"));
    worker.submit(ConsoleBrowserTest::work);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    working.set(false);
    worker.shutdown();
    worker.awaitTermination(30, TimeUnit.SECONDS);
    if (sfn != null) {
      sfn.close();
    }
    if (api != null) {
      api.close();
    }
  }

  /** The activity worker: an item with {@code "fail": true} fails the first time, every other task succeeds. */
  private static void work() {
    while (working.get()) {
      var task = sfn.getActivityTask(r -> r.activityArn(WORK).workerName("console-test"));
      if (task.taskToken() == null || task.taskToken().isEmpty()) {
        continue;
      }
      try {
        var input = MAPPER.readTree(task.input());
        if (input.path("fail").asBoolean() && failedOnce.add(task.input())) {
          sfn.sendTaskFailure(r -> r.taskToken(task.taskToken()).error("Item.Broken").cause("item " + input.path("item").asInt() + " is broken"));
        } else if (input.path("flaky").asBoolean() && failedOnce.add(task.input())) {
          sfn.sendTaskFailure(r -> r.taskToken(task.taskToken()).error("Item.Flaky").cause("try again"));
        } else {
          sfn.sendTaskSuccess(r -> r.taskToken(task.taskToken()).output("{\"worked\": " + input.path("item").asInt() + "}"));
        }
      } catch (IOException e) {
        throw new IllegalStateException("Expected a task input in JSON, but got " + task.input(), e);
      }
    }
  }

  private static String items(String order) {
    return """
        {"items": [{"order": "%1$s", "item": 1, "flaky": true}, {"order": "%1$s", "item": 2, "fail": true}, {"order": "%1$s", "item": 3}]}""".formatted(order);
  }

  private static String failedExecution(String stateMachineArn, String name) {
    var executionArn = sfn.startExecution(r -> r.stateMachineArn(stateMachineArn).name(name).input(items(name))).executionArn();
    awaitStatus(sfn, executionArn, ExecutionStatus.FAILED);
    return executionArn;
  }

  @Test
  void shouldShowTheFailedExecutionAndItsPlanAndRedriveItThroughTheConsole() throws Exception {
    var orders = sfn.createStateMachine(r -> r.name("orders").roleArn(ROLE).definition(ORDERS).publish(true)).stateMachineArn();
    sfn.createStateMachineAlias(r -> r.name("live").routingConfiguration(c -> c.stateMachineVersionArn(orders + ":1").weight(100)));
    var batches = sfn.createStateMachine(r -> r.name("batches").roleArn(ROLE).definition(BATCHES)).stateMachineArn();
    var refunds = sfn.createStateMachine(r -> r.name("refunds").roleArn(ROLE).definition(ORDERS)).stateMachineArn();
    var failed = failedExecution(orders, "order-42");
    var mapRunFailed = failedExecution(batches, "batch-7");
    var bulk = List.of(failedExecution(refunds, "refund-1"), failedExecution(refunds, "refund-2"));

    var run = runBrowser(Map.of(
        "FAILED_EXECUTION_ARN", failed,
        "MAP_RUN_EXECUTION_ARN", mapRunFailed,
        "BULK_STATE_MACHINE_ARN", refunds,
        "BULK_FAILED_COUNT", Integer.toString(BULK_FAILED)));

    assertThat(run.exitCode()).as("the console's browser script, which printed:%n%s", run.output()).isZero();
    assertThat(awaitStatus(sfn, failed, ExecutionStatus.SUCCEEDED).redriveCount()).isEqualTo(1);
    for (var executionArn : bulk) {
      assertThat(awaitStatus(sfn, executionArn, ExecutionStatus.SUCCEEDED).redriveCount()).isEqualTo(1);
    }
  }

  private record BrowserRun(int exitCode, String output) {}

  private static BrowserRun runBrowser(Map<String, String> arns) throws IOException, InterruptedException {
    var consoleDir = Path.of(System.getProperty("stepfold.console.dir", "../console")).toAbsolutePath().normalize();
    if (!Files.isDirectory(consoleDir.resolve("node_modules/playwright-core"))) {
      throw new AssertionError("Expected playwright-core under " + consoleDir + "/node_modules, but it is missing: the console module's "
          + "build installs it (`./mvnw -B -q -pl streams-app -am test-compile` runs its `npm ci`)");
    }
    var log = Files.createTempFile(dataDir, "console-browser", ".log");
    var process = new ProcessBuilder("node", "e2e/console-browser.mjs")
        .directory(consoleDir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    process.environment().putAll(arns);
    process.environment().put("STEPFOLD_URL", api.endpoint().toString());
    process.environment().put("SCREENSHOTS", consoleDir.resolveSibling("docs/console").toString());
    process.environment().put("FAILURE_DIR", consoleDir.resolveSibling("streams-app/target").toString());
    process.environment().put("CHROMIUM", CHROMIUM.toString());
    var started = process.start();
    if (!started.waitFor(8, TimeUnit.MINUTES)) {
      started.destroyForcibly();
      return new BrowserRun(-1, Files.readString(log, StandardCharsets.UTF_8) + "\n(the script did not end within 8 minutes)");
    }
    return new BrowserRun(started.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }
}
