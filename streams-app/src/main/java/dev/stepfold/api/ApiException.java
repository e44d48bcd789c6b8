package dev.stepfold.api;

import dev.stepfold.error.ApiError;
import java.util.Map;
import java.util.Objects;

/**
 * An operation answered with an AWS error: {@code errorType} is its bare {@code __type} name on the wire, and goes into
 * {@code x-amzn-ErrorType} too; {@code members} are the error shape's members beside {@code message} ({@code reason} of a
 * {@code ValidationException}, {@code resourceName} of a {@code ResourceNotFound}). The HTTP status follows from the type
 * ({@link ErrorTypes#status}). Expected outcomes only: a bug is an ordinary exception, answered {@code InternalFailure}.
 */
public final class ApiException extends RuntimeException {
  private final String errorType;
  private final Map<String, String> members;

  public ApiException(String errorType, String message, Map<String, String> members) {
    super(Objects.requireNonNull(message, "message"), null, false, false);
    this.errorType = Objects.requireNonNull(errorType, "errorType");
    this.members = Map.copyOf(members);
  }

  public ApiException(String errorType, String message) {
    this(errorType, message, Map.of());
  }

  public static ApiException of(ApiError error, String message) {
    return new ApiException(error.awsName(), message);
  }

  /** {@code ValidationException} with AWS's wording for one member that breaks one constraint. */
  public static ApiException validation(String message) {
    return new ApiException(ErrorTypes.VALIDATION_EXCEPTION, message);
  }

  public String errorType() {
    return errorType;
  }

  public Map<String, String> members() {
    return members;
  }

  public int status() {
    return ErrorTypes.status(errorType);
  }
}
