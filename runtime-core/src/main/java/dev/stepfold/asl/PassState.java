package dev.stepfold.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

public record PassState(String name, QueryLanguage queryLanguage, StateIo io, Optional<JsonNode> result, Transition transition)
    implements AslState {
  @Override
  public String typeName() {
    return "Pass";
  }
}
