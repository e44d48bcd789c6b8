package dev.stepfold.tasks;

import java.util.Locale;
import java.util.Optional;

/** Who does a task's work, as a route says ({@code stepfold.tasks.route.<name>.runner}). */
enum RunnerKind {
  /** On {@code stepfold.tasks} for a Kafka worker (or an activity's pollers): what every task gets without a route. */
  KAFKA,
  /** stepfold calls the HTTPS API itself: {@code arn:aws:states:::http:invoke}. */
  HTTP,
  /** stepfold POSTs the payload to the route's URL, as to a Lambda function. */
  LAMBDA,
  /** Answered from a mocked response of the mock configuration. */
  MOCK;

  String settingValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Optional<RunnerKind> of(String value) {
    for (var kind : values()) {
      if (kind.settingValue().equals(value.trim().toLowerCase(Locale.ROOT))) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
