package dev.stepfold.benchmarks;

import dev.stepfold.arn.ArnFormat;
import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.arn.StateMachineArn;
import dev.stepfold.asl.ExecutionType;
import dev.stepfold.asl.StateMachineDefinition;
import dev.stepfold.asl.parse.DefinitionParser;
import dev.stepfold.asl.parse.ParsedDefinition;
import dev.stepfold.engine.Command;
import dev.stepfold.engine.ExecutionStatus;
import dev.stepfold.engine.StepfoldDecider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The engine alone, on one thread: how many state transitions {@code decide} (with {@code evolve} applied to every event
 * it appends) runs per second.
 *
 * <p>Run: {@code ./mvnw -q -B -DskipTests package -pl benchmarks -am && java -jar benchmarks/target/benchmarks.jar EngineBenchmark}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class EngineBenchmark {
  /** The chain enters 11 states: 10 alternating Pass and Choice, then Succeed. */
  private static final int CHAIN_STATES = 11;
  private static final int MAP_ITEMS = 1_000;
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  private final StepfoldDecider decider = new StepfoldDecider();
  private StateMachineDefinition chain;
  private StateMachineDefinition task;
  private StateMachineDefinition inlineMap;
  private String thousandItems;
  private StateMachineArn chainArn;
  private StateMachineArn taskArn;
  private long executions;

  @Setup
  public void setUp() {
    chain = definition("pass-choice-chain.asl.json");
    task = definition("task.asl.json");
    inlineMap = definition("inline-map.asl.json");
    var items = new StringBuilder("[");
    for (int i = 0; i < MAP_ITEMS; i++) {
      items.append(i == 0 ? "" : ",").append("{\"sku\":\"item-").append(i).append("\"}");
    }
    thousandItems = items.append(']').toString();
    chainArn = ArnFormat.DEFAULT.stateMachine("chain");
    taskArn = ArnFormat.DEFAULT.stateMachine("task");
  }

  /** Score × 1 = state transitions per second (the score is already per state). */
  @Benchmark
  @OperationsPerInvocation(CHAIN_STATES)
  public ExecutionStatus passChoiceChain() {
    var start = start(chainArn, chain, "{\"orderId\":\"o-1\"}");
    var decision = decider.decide(decider.initialState(), start, NOW);
    return requireStatus(decision.execution().status(), ExecutionStatus.SUCCEEDED);
  }

  /** An inline Map of 1,000 items, each iteration one Pass state, all in one StartExecution; score × 1,000 = iterations/s. */
  @Benchmark
  public ExecutionStatus inlineMapOfThousandPassIterations() {
    var start = start(ArnFormat.DEFAULT.stateMachine("map"), inlineMap, thousandItems);
    var decision = decider.decide(decider.initialState(), start, NOW);
    return requireStatus(decision.execution().status(), ExecutionStatus.SUCCEEDED);
  }

  /** One Task state, start to finish: StartExecution schedules the task, SendTaskSuccess completes the execution. */
  @Benchmark
  public ExecutionStatus taskRoundTrip() {
    var start = start(taskArn, task, "{\"orderId\":\"o-1\",\"amount\":42}");
    var started = decider.decide(decider.initialState(), start, NOW);
    var dispatch = started.tasks().get(0);
    var success = new Command.SendTaskSuccess("r2", start.executionArn(), dispatch.taskToken(), "{\"Payload\":{\"ok\":true},\"StatusCode\":200}");
    var finished = decider.decide(started.execution(), success, NOW.plusMillis(5));
    return requireStatus(finished.execution().status(), ExecutionStatus.SUCCEEDED);
  }

  private Command.StartExecution start(StateMachineArn stateMachine, StateMachineDefinition definition, String input) {
    ExecutionArn execution = stateMachine.execution("e-" + executions++);
    return new Command.StartExecution("r1", execution, stateMachine, ExecutionType.STANDARD, definition, input,
        "arn:aws:iam::111111111111:role/stepfold");
  }

  private static ExecutionStatus requireStatus(ExecutionStatus actual, ExecutionStatus expected) {
    if (actual != expected) {
      throw new IllegalStateException("Expected the benchmark execution to end " + expected + ", but it is " + actual);
    }
    return actual;
  }

  private static StateMachineDefinition definition(String resource) {
    try (var in = EngineBenchmark.class.getResourceAsStream("/benchmarks/" + resource)) {
      var parsed = DefinitionParser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), ExecutionType.STANDARD);
      if (parsed instanceof ParsedDefinition.Valid valid) {
        return valid.definition();
      }
      throw new IllegalStateException("Expected a valid benchmark definition, but " + ((ParsedDefinition.Invalid) parsed).message());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
