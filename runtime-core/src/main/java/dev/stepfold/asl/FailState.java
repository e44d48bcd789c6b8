package dev.stepfold.asl;

import java.util.Optional;

/** A Fail: {@code error} from Error/ErrorPath, {@code cause} from Cause/CausePath; either may be absent. */
public record FailState(String name, QueryLanguage queryLanguage, StateIo io, Optional<ValueSource> error, Optional<ValueSource> cause)
    implements AslState {
  @Override
  public String typeName() {
    return "Fail";
  }
}
