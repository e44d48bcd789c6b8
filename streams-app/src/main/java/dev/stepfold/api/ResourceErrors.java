package dev.stepfold.api;

import dev.stepfold.error.ApiError;
import java.util.Map;

/**
 * The members some AWS errors carry beside {@code message}, added by the operation that knows them: the ARN a
 * {@code ResourceNotFound} or {@code TooManyTags} is about ({@code resourceName}), and the {@code reason} of a
 * {@code ValidationException}. The engine's replies carry a type and a message only.
 */
public final class ResourceErrors {
  public static final String INVALID_ROUTING_CONFIGURATION = "INVALID_ROUTING_CONFIGURATION";

  private ResourceErrors() {}

  /** The error with {@code resourceName} when it is a {@code ResourceNotFound} or {@code TooManyTags}; otherwise as it is. */
  public static ApiException withResourceName(ApiException e, String resourceArn) {
    var type = e.errorType();
    if (type.equals(ApiError.RESOURCE_NOT_FOUND.awsName()) || type.equals(ApiError.TOO_MANY_TAGS.awsName())) {
      return new ApiException(type, e.getMessage(), Map.of("resourceName", resourceArn));
    }
    return e;
  }

  /** The error with {@code reason} when it is a {@code ValidationException} without one; otherwise as it is. */
  public static ApiException withReason(ApiException e, String reason) {
    if (e.errorType().equals(ErrorTypes.VALIDATION_EXCEPTION) && !e.members().containsKey("reason")) {
      return new ApiException(e.errorType(), e.getMessage(), Map.of("reason", reason));
    }
    return e;
  }

  /** {@code ResourceNotFound} about {@code resourceArn}. */
  public static ApiException notFound(String message, String resourceArn) {
    return new ApiException(ApiError.RESOURCE_NOT_FOUND.awsName(), message, Map.of("resourceName", resourceArn));
  }
}
