package dev.stepfold.redrive;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepfold.arn.ExecutionArn;
import dev.stepfold.arn.MapRunArn;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a redrive of an execution would run again, before anyone redrives it: nothing and why not, or the states that
 * would be entered again, each with the input it would get. A Parallel or Map lists its branches or iterations: the
 * ones that would run again (with their own plan) and the ones that keep their result. A Distributed Map lists its map
 * run's child executions that would run again, each with its input. {@code stateMachineVersionArn} is the version the
 * redrive would continue in, when the execution runs one (a redrive after a fix may name another).
 */
public record RedrivePlan(Optional<String> notRedrivableReason, List<Rerun> reruns, Optional<String> stateMachineVersionArn) {
  public RedrivePlan {
    Objects.requireNonNull(notRedrivableReason, "notRedrivableReason");
    reruns = List.copyOf(reruns);
    Objects.requireNonNull(stateMachineVersionArn, "stateMachineVersionArn");
  }

  /** A plan that names no version: the execution runs none, or the redrive would not run. */
  public RedrivePlan(Optional<String> notRedrivableReason, List<Rerun> reruns) {
    this(notRedrivableReason, reruns, Optional.empty());
  }

  public boolean redrivable() {
    return notRedrivableReason.isEmpty();
  }

  /**
   * A state that would be entered again with {@code input}; {@code branches} for a Parallel or inline Map (none when
   * it reruns in full after {@code States.DataLimitExceeded}, R37: every branch or iteration starts again),
   * {@code mapRun} for a Distributed Map, and {@code childExecution} for a Task that calls StartExecution.
   */
  public record Rerun(String stateName, String stateType, JsonNode input, List<Branch> branches, Optional<MapRunRerun> mapRun,
      Optional<ChildExecution> childExecution) {
    public Rerun {
      Objects.requireNonNull(stateName, "stateName");
      Objects.requireNonNull(stateType, "stateType");
      Objects.requireNonNull(input, "input");
      branches = List.copyOf(branches);
      Objects.requireNonNull(mapRun, "mapRun");
      Objects.requireNonNull(childExecution, "childExecution");
    }

    public Rerun(String stateName, String stateType, JsonNode input, List<Branch> branches, Optional<MapRunRerun> mapRun) {
      this(stateName, stateType, input, branches, mapRun, Optional.empty());
    }

    public Rerun(String stateName, String stateType, JsonNode input, List<Branch> branches) {
      this(stateName, stateType, input, branches, Optional.empty());
    }
  }

  /**
   * The child execution of a Task state that calls StartExecution and runs again: the failed child its task redrives,
   * so that it continues from its own failed step ({@code redriven}, with {@code stepfold.redrive.nested.executions}
   * {@code redrive-child}), or the new child its task starts (as AWS does, R29).
   */
  public record ChildExecution(ExecutionArn executionArn, boolean redriven) {
    public ChildExecution {
      Objects.requireNonNull(executionArn, "executionArn");
    }
  }

  /**
   * What a Distributed Map's redrive would do with its map run: redrive it, rerunning {@code children} (R42, R45–R48),
   * or start a new map run over every item ({@code startsNewMapRun}, R43, R44; then {@code children} is empty, as the
   * items are read anew). {@code mapRunKnown} is false when the map run itself could not be looked at.
   */
  public record MapRunRerun(MapRunArn mapRunArn, boolean startsNewMapRun, boolean mapRunKnown, List<ChildRerun> children) {
    public MapRunRerun {
      Objects.requireNonNull(mapRunArn, "mapRunArn");
      children = List.copyOf(children);
    }
  }

  /**
   * A child execution the map run would run again, with its input: a STANDARD child that ran is redriven from where it
   * stopped ({@code redriven}); an EXPRESS child, or one that never started, starts with its item.
   */
  public record ChildRerun(int index, ExecutionArn executionArn, JsonNode input, boolean redriven) {
    public ChildRerun {
      Objects.requireNonNull(executionArn, "executionArn");
      Objects.requireNonNull(input, "input");
    }
  }

  /**
   * A branch or iteration, by index. {@code rerun} is empty when it keeps its result (it succeeded), or when it never
   * started and would start from its first state ({@code fromStart}).
   */
  public record Branch(int index, boolean keepsResult, boolean fromStart, Optional<Rerun> rerun) {
    public Branch {
      Objects.requireNonNull(rerun, "rerun");
    }
  }
}
