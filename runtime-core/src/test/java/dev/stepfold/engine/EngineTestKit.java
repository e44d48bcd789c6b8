package dev.stepfold.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepfold.arn.ArnFormat;
import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.arn.StateMachineArn;
import dev.stepfold.asl.ExecutionType;
import dev.stepfold.asl.StateMachineDefinition;
import dev.stepfold.asl.parse.DefinitionParser;
import dev.stepfold.asl.parse.ParsedDefinition;
import dev.stepfold.history.HistoryEvent;
import dev.stepfold.history.HistoryEventType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A page of test DSL over the engine: start an execution of a definition, send commands at chosen times, and look at
 * the history. Every decision is checked the way replay would see it: ids are contiguous, and folding the whole
 * history from scratch gives exactly the state {@code decide} returned.
 */
final class EngineTestKit {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final String ROLE = "arn:aws:iam::111111111111:role/stepfold";
  private static final ObjectMapper JSON = new ObjectMapper();

  final StepfoldDecider decider;
  final StateMachineArn stateMachineArn;
  final ExecutionArn executionArn;
  final StateMachineDefinition definition;
  final List<HistoryEvent> history = new ArrayList<>();
  final List<TaskDispatch> tasks = new ArrayList<>();
  final List<TimerChange> timers = new ArrayList<>();
  ExecutionState execution;
  Instant now = T0;
  private Instant writtenAt;
  Decision last;
  private int requests;

  private EngineTestKit(String definitionJson, StepfoldDecider decider) {
    this(definitionJson, decider, ArnFormat.DEFAULT.stateMachine("test").execution("run-1"));
  }

  private EngineTestKit(String definitionJson, StepfoldDecider decider, ExecutionArn executionArn) {
    this.stateMachineArn = executionArn.stateMachine();
    this.executionArn = executionArn;
    this.decider = decider;
    this.definition = definition(definitionJson);
    this.execution = decider.initialState();
  }

  static EngineTestKit given(String definitionJson) {
    return new EngineTestKit(definitionJson, new StepfoldDecider());
  }

  static EngineTestKit given(String definitionJson, StepfoldDecider decider) {
    return new EngineTestKit(definitionJson, decider);
  }

  /** An execution under {@code executionArn}, such as a child that another kit's execution starts. */
  static EngineTestKit given(String definitionJson, StepfoldDecider decider, ExecutionArn executionArn) {
    return new EngineTestKit(definitionJson, decider, executionArn);
  }

  static StateMachineDefinition definition(String definitionJson) {
    var parsed = DefinitionParser.parse(definitionJson, ExecutionType.STANDARD);
    if (parsed instanceof ParsedDefinition.Invalid invalid) {
      throw new IllegalArgumentException(invalid.message());
    }
    return ((ParsedDefinition.Valid) parsed).definition();
  }

  EngineTestKit at(Duration sinceStart) {
    now = T0.plus(sinceStart);
    return this;
  }

  /** The next command was written at {@code sinceStart}, and is decided at the kit's {@code now} (read late: the runtime was down). */
  EngineTestKit written(Duration sinceStart) {
    writtenAt = T0.plus(sinceStart);
    return this;
  }

  Decision start(String input) {
    return start(input, Origin.CLIENT);
  }

  Decision start(String input, Origin origin) {
    return send(new Command.StartExecution(requestId(), executionArn, stateMachineArn, ExecutionType.STANDARD, definition, input, ROLE)
        .from(origin));
  }

  Decision succeedTask(String output) {
    return send(new Command.SendTaskSuccess(requestId(), executionArn, lastTask().taskToken(), output));
  }

  Decision failTask(String error, String cause) {
    return send(new Command.SendTaskFailure(requestId(), executionArn, lastTask().taskToken(), Optional.of(error), Optional.of(cause)));
  }

  Decision succeed(TaskDispatch task, String output) {
    return send(new Command.SendTaskSuccess(requestId(), executionArn, task.taskToken(), output));
  }

  Decision fail(TaskDispatch task, String error, String cause) {
    return send(new Command.SendTaskFailure(requestId(), executionArn, task.taskToken(), Optional.of(error), Optional.of(cause)));
  }

  /** The dispatched tasks the execution still waits on, in dispatch order. */
  List<TaskDispatch> openTasks() {
    return tasks.stream()
        .filter(task -> Scopes.find(execution, active -> active.task()
            .filter(inFlight -> inFlight.scheduledEventId() == task.scheduledEventId()).isPresent()).isPresent())
        .toList();
  }

  Decision fire(TimerId timerId) {
    return send(new Command.FireTimer(requestId(), executionArn, timerId));
  }

  /** Fires the timer set last, at its due time. */
  Decision fireLastTimer() {
    var set = lastTimerSet();
    now = set.due();
    return fire(set.timerId());
  }

  Decision send(Command command) {
    last = decider.decide(execution, command, writtenAt != null ? writtenAt : now, now);
    writtenAt = null;
    if (!last.isRejected()) {
      var expectedId = history.size() + 1;
      for (var event : last.events()) {
        assertThat(event.id()).as("contiguous event ids").isEqualTo(expectedId++);
      }
    } else {
      assertThat(last.events()).as("a rejected command appends nothing").isEmpty();
    }
    history.addAll(last.events());
    tasks.addAll(last.tasks());
    last.childStarts().forEach(child -> tasks.add(child.task()));   // a Task that calls StartExecution starts a child instead
    last.outbound().stream().filter(Outbound.RedriveChild.class::isInstance).map(Outbound.RedriveChild.class::cast)
        .forEach(child -> tasks.add(child.task()));   // or, after a redrive, redrives the child it left unfinished
    timers.addAll(last.timers());
    execution = last.execution();
    assertThat(replay(history)).as("the fold of the history is the state decide returned").isEqualTo(execution);
    return last;
  }

  ExecutionState replay(List<HistoryEvent> events) {
    var folded = decider.initialState();
    for (var event : events) {
      folded = decider.evolve(folded, event);
    }
    return folded;
  }

  TaskDispatch lastTask() {
    assertThat(tasks).as("dispatched tasks").isNotEmpty();
    return tasks.get(tasks.size() - 1);
  }

  TimerChange.Set lastTimerSet() {
    for (int i = timers.size() - 1; i >= 0; i--) {
      if (timers.get(i) instanceof TimerChange.Set set) {
        return set;
      }
    }
    throw new AssertionError("Expected a timer to be set, but none was: " + timers);
  }

  List<HistoryEventType> types() {
    return history.stream().map(HistoryEvent::type).toList();
  }

  /** {@code "id<-previous Type"} per event, the way the history reference writes sequences. */
  List<String> sequence() {
    return history.stream().map(e -> e.id() + "<-" + e.previousEventId() + " " + e.type().awsName()).toList();
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private String requestId() {
    return "request-" + ++requests;
  }
}
