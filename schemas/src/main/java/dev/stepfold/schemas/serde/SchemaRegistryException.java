package dev.stepfold.schemas.serde;

/**
 * A schema registry answered with an error, or could not be reached. {@code errorCode} is the Confluent REST API's
 * {@code error_code} (40401 subject not found, 40402 version not found, 40403 schema not found, 42201 invalid schema,
 * 50001 and up server errors); {@code -1} when the registry could not be reached or answered something else.
 */
public final class SchemaRegistryException extends RuntimeException {
  public static final int SUBJECT_NOT_FOUND = 40401;
  public static final int VERSION_NOT_FOUND = 40402;
  public static final int SCHEMA_NOT_FOUND = 40403;
  public static final int INVALID_SCHEMA = 42201;
  public static final int INVALID_VERSION = 42202;
  public static final int STORE_ERROR = 50001;

  private final int errorCode;

  public SchemaRegistryException(int errorCode, String message) {
    super(message);
    this.errorCode = errorCode;
  }

  public SchemaRegistryException(String message, Throwable cause) {
    super(message, cause);
    this.errorCode = -1;
  }

  public int errorCode() {
    return errorCode;
  }

  /** The HTTP status the Confluent API answers this error with: the error code's first three digits. */
  public int httpStatus() {
    return errorCode >= 10000 ? errorCode / 100 : 500;
  }
}
