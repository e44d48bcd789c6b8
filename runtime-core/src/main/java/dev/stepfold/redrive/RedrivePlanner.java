package dev.stepfold.redrive;

import dev.stepfold.arn.MapRunArn;
import dev.stepfold.asl.ExecutionType;
import dev.stepfold.engine.Command;
import dev.stepfold.engine.Decision;
import dev.stepfold.engine.ExecutionDecider;
import dev.stepfold.engine.ExecutionState;
import dev.stepfold.engine.MapRunWork;
import dev.stepfold.engine.Origin;
import dev.stepfold.engine.Outbound;
import dev.stepfold.engine.nested.NestedStart;
import dev.stepfold.engine.Reply;
import dev.stepfold.engine.Scope;
import dev.stepfold.engine.Scopes;
import dev.stepfold.history.EventDetails;
import dev.stepfold.history.HistoryEvent;
import dev.stepfold.history.HistoryEventType;
import dev.stepfold.history.RedriveFix;
import dev.stepfold.history.ScopePath;
import dev.stepfold.maprun.MapRun;
import dev.stepfold.maprun.MapRunDecider;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Answers "what would a redrive rerun?" by asking the engine: it decides a RedriveExecution on the execution, keeps
 * nothing of the decision, and describes what it would append. A refusal is the plan's reason; otherwise each scope's
 * first state entered after {@code ExecutionRedriven} is a state run again, with the input it gets. A Parallel or Map
 * entered again lists its branches or iterations: those whose scope the redrive enters again, and those it leaves
 * alone (they succeeded and keep their result). A Distributed Map says whether the decision redrives its map run or
 * starts a new one, and, when the map run is known, which children the map run's own redrive would run again. Plan
 * and redrive cannot disagree: the plan is the redrive, not appended.
 */
public final class RedrivePlanner {
  /** The map runs of an execution's Distributed Maps, as their coordinator keeps them. */
  @FunctionalInterface
  public interface MapRuns {
    MapRuns NONE = mapRunArn -> Optional.empty();

    Optional<MapRun> find(MapRunArn mapRunArn);
  }

  private RedrivePlanner() {}

  /** The plan of an execution without looking at the map runs of its Distributed Maps. */
  public static RedrivePlan plan(ExecutionDecider decider, ExecutionState execution, Instant now) {
    return plan(decider, execution, now, MapRuns.NONE);
  }

  public static RedrivePlan plan(ExecutionDecider decider, ExecutionState execution, Instant now, MapRuns mapRuns) {
    return plan(decider, execution, now, mapRuns, RedriveFix.NONE);
  }

  /**
   * The plan of a redrive after a fix: the states of the version it continues in that run again, from the state it
   * names, each with the input it gets, and what each Parallel or Map keeps.
   */
  public static RedrivePlan plan(ExecutionDecider decider, ExecutionState execution, Instant now, MapRuns mapRuns, RedriveFix fix) {
    if (execution.started().isEmpty()) {
      return new RedrivePlan(Optional.of("Execution has not started"), List.of());
    }
    var executionArn = execution.started().get().executionArn();
    var decision = decider.decide(execution, new Command.RedriveExecution("redrive-plan", executionArn, Optional.empty(), Origin.CLIENT, fix), now);
    if (decision.reply() instanceof Reply.Rejected rejected) {
      return new RedrivePlan(Optional.of(rejected.message()), List.of());
    }
    var events = decision.events();
    if (events.isEmpty() || events.get(0).type() != HistoryEventType.EXECUTION_REDRIVEN) {
      // R52, Q23: the redrive waits for a map run still closing; what it reruns is decided once it has closed.
      return new RedrivePlan(Optional.empty(), List.of());
    }
    // the fold right after ExecutionRedriven: what the redrive keeps (after States.DataLimitExceeded, R37, no fanout)
    var redriven = decider.evolve(execution, events.get(0));
    var dryRun = new DryRun(redriven, decision, now, mapRuns);
    return new RedrivePlan(Optional.empty(), dryRun.rerun(ScopePath.ROOT).map(List::of).orElse(List.of()),
        redriven.started().flatMap(EventDetails.ExecutionStarted::stateMachineVersionArn));
  }

  /** One decision described, scope by scope. */
  private record DryRun(ExecutionState redriven, Decision decision, Instant now, MapRuns mapRuns) {
    /** The first state the decision enters in {@code scope}, with what it does there. */
    Optional<RedrivePlan.Rerun> rerun(ScopePath scope) {
      var entered = events(scope).stream().filter(event -> event.details() instanceof EventDetails.StateEntered).findFirst();
      if (entered.isEmpty()) {
        return Optional.empty();
      }
      var details = entered.get().details(EventDetails.StateEntered.class);
      var type = entered.get().type().awsName().replace("StateEntered", "");
      var mapRun = mapRun(scope);
      var branches = mapRun.isPresent() ? List.<RedrivePlan.Branch>of() : branches(scope);
      return Optional.of(new RedrivePlan.Rerun(details.name(), type, details.input(), branches, mapRun, childExecution(scope)));
    }

    /** The child execution the task the decision schedules in {@code scope} starts, or redrives. */
    private Optional<RedrivePlan.ChildExecution> childExecution(ScopePath scope) {
      var scheduled = events(scope).stream().filter(event -> event.type() == HistoryEventType.TASK_SCHEDULED).map(HistoryEvent::id).findFirst();
      if (scheduled.isEmpty()) {
        return Optional.empty();
      }
      for (var message : decision.outbound()) {
        if (message instanceof Outbound.StartChild child && child.task().scheduledEventId() == scheduled.get()
            && child.start() instanceof NestedStart.Start start) {
          return Optional.of(new RedrivePlan.ChildExecution(start.executionArn(), false));
        }
        if (message instanceof Outbound.RedriveChild child && child.task().scheduledEventId() == scheduled.get()) {
          return Optional.of(new RedrivePlan.ChildExecution(child.redrive().executionArn(), true));
        }
      }
      return Optional.empty();
    }

    /** The branches or iterations the redrive keeps of the state it enters again in {@code scope}, and those it reruns. */
    private List<RedrivePlan.Branch> branches(ScopePath scope) {
      var fanout = Scopes.get(redriven, scope).active().flatMap(active -> active.fanout());
      var branches = new ArrayList<RedrivePlan.Branch>();
      if (fanout.isEmpty()) {
        return branches;
      }
      for (int i = 0; i < fanout.get().branches().size(); i++) {
        var before = fanout.get().branch(i);
        var inner = rerun(scope.child(i));
        if (inner.isEmpty()) {
          // not entered by this decision: it succeeded, or waits for room under MaxConcurrency and starts afresh
          boolean keeps = before.status() == Scope.ScopeStatus.SUCCEEDED;
          branches.add(new RedrivePlan.Branch(i, keeps, !keeps, Optional.empty()));
        } else if (before.active().isEmpty()) {
          branches.add(new RedrivePlan.Branch(i, false, true, Optional.empty()));
        } else {
          branches.add(new RedrivePlan.Branch(i, false, false, inner));
        }
      }
      return branches;
    }

    /** A Distributed Map's map run: redriven (MapRunRedriven, R42) or started anew (MapRunStarted, R43, R44). */
    private Optional<RedrivePlan.MapRunRerun> mapRun(ScopePath scope) {
      for (var event : events(scope)) {
        if (event.details() instanceof EventDetails.MapRunStarted started) {
          return Optional.of(new RedrivePlan.MapRunRerun(new MapRunArn(started.mapRunArn()), true, true, List.of()));
        }
        if (event.details() instanceof EventDetails.MapRunRedriven redrive) {
          var arn = new MapRunArn(redrive.mapRunArn());
          var known = mapRuns.find(arn);
          var work = decision.mapRuns().stream().filter(MapRunWork.Redrive.class::isInstance).map(MapRunWork.Redrive.class::cast)
              .filter(message -> message.mapRunArn().equals(arn)).findFirst();
          if (known.isEmpty() || work.isEmpty()) {
            return Optional.of(new RedrivePlan.MapRunRerun(arn, false, false, List.of()));
          }
          return Optional.of(new RedrivePlan.MapRunRerun(arn, false, true, children(known.get(), work.get())));
        }
      }
      return Optional.empty();
    }

    /**
     * The children the map run's own redrive reruns: those it starts or redrives at once, and those it holds back for
     * room under the concurrency (R49).
     */
    private List<RedrivePlan.ChildRerun> children(MapRun mapRun, MapRunWork.Redrive work) {
      var redrive = new MapRunDecider().redrive(mapRun, work, now);
      var dispatch = mapRun.dispatch();
      var redriven = new TreeMap<Integer, Boolean>();
      redrive.childStarts().forEach(start -> redriven.put(start.index(), false));
      redrive.childRedrives().forEach(child -> redriven.put(child.index(), true));
      var after = redrive.mapRun().children();
      for (int i = 0; i < after.size(); i++) {
        if (after.get(i) == MapRun.ChildStatus.PENDING_REDRIVE && !redriven.containsKey(i)) {
          redriven.put(i, dispatch.childExecutionType() == ExecutionType.STANDARD);
        } else if (after.get(i) == MapRun.ChildStatus.PENDING && !redriven.containsKey(i)) {
          redriven.put(i, false);
        }
      }
      var children = new ArrayList<RedrivePlan.ChildRerun>();
      redriven.forEach((index, isRedrive) ->
          children.add(new RedrivePlan.ChildRerun(index, MapRunDecider.childArn(dispatch, index), dispatch.items().get(index), isRedrive)));
      return children;
    }

    private List<HistoryEvent> events(ScopePath scope) {
      return decision.events().stream().filter(event -> event.scope().equals(scope)).toList();
    }
  }
}
