package dev.stepfold.redrive;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a redrive of an execution would run again, before anyone redrives it: nothing and why not, or the states that
 * would be entered again, each with the input it would get. A Parallel or Map lists its branches or iterations: the
 * ones that would run again (with their own plan) and the ones that keep their result.
 */
public record RedrivePlan(Optional<String> notRedrivableReason, List<Rerun> reruns) {
  public RedrivePlan {
    Objects.requireNonNull(notRedrivableReason, "notRedrivableReason");
    reruns = List.copyOf(reruns);
  }

  public boolean redrivable() {
    return notRedrivableReason.isEmpty();
  }

  /** A state that would be entered again with {@code input}; {@code branches} for a Parallel or inline Map. */
  public record Rerun(String stateName, String stateType, JsonNode input, List<Branch> branches) {
    public Rerun {
      Objects.requireNonNull(stateName, "stateName");
      Objects.requireNonNull(stateType, "stateType");
      Objects.requireNonNull(input, "input");
      branches = List.copyOf(branches);
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
