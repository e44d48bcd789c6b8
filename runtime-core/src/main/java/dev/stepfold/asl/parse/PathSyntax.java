package dev.stepfold.asl.parse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepfold.paths.Intrinsics;
import dev.stepfold.paths.JsonPaths;
import dev.stepfold.paths.PayloadTemplates;
import java.util.Optional;

/**
 * The syntax checks the validator borrows from {@code dev.stepfold.paths}: JSONPath, payload templates and intrinsic
 * function calls. That package is built in parallel and its methods throw {@link UnsupportedOperationException} until
 * it is merged; until then every path, template and call is accepted unchecked. Remove the fallbacks once it lands.
 */
final class PathSyntax {
  private PathSyntax() {}

  /** Whether {@code dev.stepfold.paths} answers yet (tests that need its checks are skipped until it does). */
  static boolean available() {
    try {
      JsonPaths.isValidPath("$");
      return true;
    } catch (UnsupportedOperationException notBuiltYet) {
      return false;
    }
  }

  static boolean isValidPath(String path) {
    try {
      return JsonPaths.isValidPath(path);
    } catch (UnsupportedOperationException notBuiltYet) {
      return true;
    }
  }

  static boolean isValidReferencePath(String path) {
    try {
      return JsonPaths.isValidReferencePath(path);
    } catch (UnsupportedOperationException notBuiltYet) {
      return true;
    }
  }

  /** The first problem of a payload template (Parameters, ResultSelector, ItemSelector, JSONPath Assign). */
  static Optional<String> templateProblem(JsonNode template) {
    try {
      return PayloadTemplates.validate(template);
    } catch (UnsupportedOperationException notBuiltYet) {
      return Optional.empty();
    }
  }

  /** Whether text is a valid reference path or intrinsic function call (Fail's ErrorPath and CausePath). */
  static boolean isValidReferencePathOrCall(String text) {
    if (Intrinsics.looksLikeCall(text)) {
      try {
        return Intrinsics.validate(text).isEmpty();
      } catch (UnsupportedOperationException notBuiltYet) {
        return true;
      }
    }
    return isValidReferencePath(text);
  }
}
