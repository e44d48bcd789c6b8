package dev.stepfold.api;

import java.util.Objects;

/**
 * One call of an operation: the HTTP request's id (the {@code x-amzn-RequestId} answered, and the {@code requestId} of
 * the command it becomes) and its members.
 */
public record ApiRequest(String requestId, Members members) {
  public ApiRequest {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(members, "members");
  }
}
