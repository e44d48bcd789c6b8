package dev.stepfold.api;

/**
 * Whether the HTTP client of a request is still there to read its answer, for an operation that holds its request (a
 * GetActivityTask long poll). Asked from the thread that handles the request, between waits.
 */
@FunctionalInterface
public interface ClientConnection {
  /** A request with no connection to probe: its client counts as there. */
  ClientConnection UNKNOWN = () -> false;

  /** True once the client has closed its connection, or it broke; a client that keeps it open counts as there. */
  boolean gone();
}
