package dev.stepfold.api;

import dev.stepfold.error.ApiError;
import java.util.Map;

/**
 * The AWS error names the API answers with beyond the model's ({@link ApiError}): AWS's common errors, with their HTTP
 * status. Every error of the model is a client fault, answered {@code 400} except {@code ConflictException} ({@code 409}).
 */
public final class ErrorTypes {
  public static final String VALIDATION_EXCEPTION = ApiError.VALIDATION_EXCEPTION.awsName();
  public static final String INTERNAL_FAILURE = ApiError.INTERNAL_FAILURE.awsName();
  public static final String CONFLICT_EXCEPTION = "ConflictException";
  public static final String SERVICE_UNAVAILABLE = "ServiceUnavailable";
  public static final String UNKNOWN_OPERATION = "UnknownOperationException";
  /** An operation of the Step Functions API that this build of stepfold does not answer yet. */
  public static final String UNSUPPORTED_OPERATION = "UnsupportedOperation";
  public static final String REQUEST_ENTITY_TOO_LARGE = "RequestEntityTooLargeException";
  /** A body that is not a JSON object, or a request that is not AWS JSON 1.0. */
  public static final String SERIALIZATION_EXCEPTION = "SerializationException";
  public static final String MISSING_AUTHENTICATION_TOKEN = "MissingAuthenticationTokenException";
  public static final String UNRECOGNIZED_CLIENT = "UnrecognizedClientException";
  public static final String INVALID_SIGNATURE = "InvalidSignatureException";
  public static final String INCOMPLETE_SIGNATURE = "IncompleteSignature";

  private static final Map<String, Integer> STATUS = Map.of(
      CONFLICT_EXCEPTION, 409,
      INTERNAL_FAILURE, 500,
      SERVICE_UNAVAILABLE, 503,
      UNKNOWN_OPERATION, 404,
      REQUEST_ENTITY_TOO_LARGE, 413,
      MISSING_AUTHENTICATION_TOKEN, 403,
      UNRECOGNIZED_CLIENT, 403,
      INVALID_SIGNATURE, 403,
      INCOMPLETE_SIGNATURE, 403);

  private ErrorTypes() {}

  /** The HTTP status of an error type: 400 unless it is one of the few AWS answers otherwise. */
  public static int status(String errorType) {
    return STATUS.getOrDefault(errorType, 400);
  }
}
