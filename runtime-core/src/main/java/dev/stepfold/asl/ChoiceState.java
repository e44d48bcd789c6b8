package dev.stepfold.asl;

import java.util.List;
import java.util.Optional;

public record ChoiceState(String name, QueryLanguage queryLanguage, StateIo io, List<Choice> choices, Optional<String> defaultState)
    implements AslState {
  public ChoiceState {
    choices = List.copyOf(choices);
  }

  @Override
  public String typeName() {
    return "Choice";
  }
}
