package dev.stepfold.asl;

import java.util.List;

public record ParallelState(
    String name, QueryLanguage queryLanguage, StateIo io, List<StateGraph> branches, List<Retrier> retry,
    List<Catcher> catchers, Transition transition) implements AslState {
  public ParallelState {
    branches = List.copyOf(branches);
    retry = List.copyOf(retry);
    catchers = List.copyOf(catchers);
  }

  @Override
  public String typeName() {
    return "Parallel";
  }
}
