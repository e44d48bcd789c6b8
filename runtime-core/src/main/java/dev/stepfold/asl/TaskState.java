package dev.stepfold.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * A Task. {@code resource} is what its {@code Resource} names, its ARN as written included. Timeouts are absent when not given (AWS's default
 * is 99999999 s).
 */
public record TaskState(
    String name,
    QueryLanguage queryLanguage,
    StateIo io,
    TaskResource resource,
    Optional<ValueSource> timeoutSeconds,
    Optional<ValueSource> heartbeatSeconds,
    Optional<JsonNode> credentials,
    List<Retrier> retry,
    List<Catcher> catchers,
    Transition transition) implements AslState {
  public TaskState {
    retry = List.copyOf(retry);
    catchers = List.copyOf(catchers);
  }

  @Override
  public String typeName() {
    return "Task";
  }
}
