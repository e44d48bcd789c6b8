package dev.stepfold.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;

/**
 * The Lambda function a task calls: named by a function ARN as the {@code Resource}
 * ({@code arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]}), or by the {@code FunctionName} parameter of
 * {@code arn:aws:states:::lambda:invoke} (a name, {@code NAME:QUALIFIER}, {@code ACCOUNT:function:NAME} or a function ARN).
 *
 * @param name the function's name
 * @param qualifier its alias or version, if named
 * @param invoke whether it is called through {@code lambda:invoke}, whose result wraps the function's answer
 */
record LambdaCall(String name, Optional<String> qualifier, boolean invoke) {
  static final String INVOKE = "arn:aws:states:::lambda:invoke";

  LambdaCall {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(qualifier, "qualifier");
  }

  static Optional<LambdaCall> of(String resourceArn, JsonNode parameters) {
    if (isFunctionArn(resourceArn)) {
      return Optional.of(fromParts(resourceArn.split(":", -1), 6, false));
    }
    if (resourceArn.equals(INVOKE) && parameters.path("FunctionName").isTextual()) {
      var functionName = parameters.get("FunctionName").textValue();
      var parts = functionName.split(":", -1);
      for (int i = 0; i < parts.length - 1; i++) {
        if (parts[i].equals("function")) {
          return Optional.of(fromParts(parts, i + 1, true));
        }
      }
      return Optional.of(fromParts(parts, 0, true));
    }
    return Optional.empty();
  }

  static boolean isFunctionArn(String resourceArn) {
    var parts = resourceArn.split(":", -1);
    return (parts.length == 7 || parts.length == 8) && parts[0].equals("arn") && parts[2].equals("lambda") && parts[5].equals("function");
  }

  private static LambdaCall fromParts(String[] parts, int nameIndex, boolean invoke) {
    var qualifier = nameIndex + 1 < parts.length ? Optional.of(parts[nameIndex + 1]) : Optional.<String>empty();
    return new LambdaCall(parts[nameIndex], qualifier, invoke);
  }
}
