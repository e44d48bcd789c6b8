package dev.stepfold.asl.parse;

import java.util.ArrayList;
import java.util.List;

/** The diagnostics found so far, in the order they were found. */
final class Problems {
  private final List<Diagnostic> errors = new ArrayList<>();

  void error(String message, Location at) {
    errors.add(Diagnostic.error(message, at.pointer()));
  }

  void error(String code, String message, String location) {
    errors.add(new Diagnostic(Diagnostic.Severity.ERROR, code, message, location));
  }

  boolean any() {
    return !errors.isEmpty();
  }

  int count() {
    return errors.size();
  }

  List<Diagnostic> all() {
    return List.copyOf(errors);
  }
}
