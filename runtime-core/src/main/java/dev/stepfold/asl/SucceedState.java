package dev.stepfold.asl;

public record SucceedState(String name, QueryLanguage queryLanguage, StateIo io) implements AslState {
  @Override
  public String typeName() {
    return "Succeed";
  }
}
