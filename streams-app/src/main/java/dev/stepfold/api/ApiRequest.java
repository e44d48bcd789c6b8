package dev.stepfold.api;

import java.util.Objects;

/**
 * One call of an operation: the HTTP request's id (the {@code x-amzn-RequestId} answered, and the {@code requestId} of
 * the command it becomes), its members, and its client's connection, which an operation that holds the request (a long
 * poll) probes.
 */
public record ApiRequest(String requestId, Members members, ClientConnection client) {
  public ApiRequest {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(members, "members");
    Objects.requireNonNull(client, "client");
  }

  /** A call whose connection is not probed. */
  public ApiRequest(String requestId, Members members) {
    this(requestId, members, ClientConnection.UNKNOWN);
  }
}
