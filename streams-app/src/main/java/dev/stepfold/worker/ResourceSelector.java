package dev.stepfold.worker;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which tasks a worker serves. A resource given as an ARN (it starts with {@code arn:}) serves the Task states whose
 * {@code Resource} is that ARN; a name serves the activity of that name ({@code arn:aws:states:…:activity:<name>}), the
 * Lambda function of that name ({@code arn:aws:lambda:…:function:<name>[:qualifier]}) and {@code lambda:invoke} calls
 * whose {@code FunctionName} names it (a name, a name with a qualifier, a partial or a full function ARN).
 */
final class ResourceSelector {
  static final String LAMBDA_INVOKE_SUFFIX = ":states:::lambda:invoke";

  private final Set<String> arns = new TreeSet<>();
  private final Set<String> names = new TreeSet<>();
  private final boolean all;

  private ResourceSelector(Collection<String> resources, boolean all) {
    for (var resource : resources) {
      if (resource.isBlank()) {
        throw new IllegalArgumentException("Expected a resource ARN or name, but got a blank one");
      }
      (resource.startsWith("arn:") ? arns : names).add(resource);
    }
    this.all = all;
  }

  static ResourceSelector of(Collection<String> resources) {
    if (resources.isEmpty()) {
      throw new IllegalArgumentException("Expected at least one resource ARN or name for the worker to serve");
    }
    return new ResourceSelector(resources, false);
  }

  static ResourceSelector all() {
    return new ResourceSelector(Set.of(), true);
  }

  boolean serves(String resourceArn, JsonNode payload) {
    return all || arns.contains(resourceArn) || name(resourceArn, payload).filter(names::contains).isPresent();
  }

  /** The resources served, ARNs and names, in order; empty when every task is served. */
  Set<String> resources() {
    var resources = new TreeSet<>(arns);
    resources.addAll(names);
    return resources;
  }

  /** The name of the activity or Lambda function a task calls; empty for other resources. */
  static Optional<String> name(String resourceArn, JsonNode payload) {
    var parts = resourceArn.split(":", -1);
    if (parts.length == 7 && parts[2].equals("states") && parts[5].equals("activity")) {
      return Optional.of(parts[6]);
    }
    if (parts.length >= 7 && parts[2].equals("lambda") && parts[5].equals("function")) {
      return Optional.of(parts[6]);
    }
    if (isLambdaInvoke(resourceArn) && payload.path("FunctionName").isTextual()) {
      return Optional.of(functionName(payload.get("FunctionName").textValue()));
    }
    return Optional.empty();
  }

  static boolean isLambdaInvoke(String resourceArn) {
    return resourceArn.startsWith("arn:") && resourceArn.endsWith(LAMBDA_INVOKE_SUFFIX)
        && resourceArn.indexOf(':', 4) == resourceArn.length() - LAMBDA_INVOKE_SUFFIX.length();
  }

  /** {@code name}, {@code name:alias}, {@code 123456789012:function:name} or a full function ARN → {@code name}. */
  private static String functionName(String functionName) {
    var parts = functionName.split(":", -1);
    for (int i = 0; i < parts.length - 1; i++) {
      if (parts[i].equals("function")) {
        return parts[i + 1];
      }
    }
    return parts[0];
  }
}
