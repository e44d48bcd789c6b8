package dev.stepfold.cli;

/** No broker answered a command line that talks to a running stepfold; it exits 2 saying so. */
final class BrokerUnreachable extends RuntimeException {
  BrokerUnreachable(String message, Throwable cause) {
    super(message, cause);
  }
}
