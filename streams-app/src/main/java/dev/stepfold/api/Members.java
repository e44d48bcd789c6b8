package dev.stepfold.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.arn.ResourceNames;
import dev.stepfold.error.ApiError;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * The members of one request, read as the model types them: every operation reads its input here, so that a missing,
 * mistyped or out-of-range member is answered alike, with AWS's {@code ValidationException} wording
 * ({@code 1 validation error detected: Value null at 'executionArn' failed to satisfy constraint: Member must not be
 * null}). Members the model marks sensitive (payloads, definitions, errors and causes) never appear in a message.
 * Unknown members are ignored, as newer clients may send them.
 */
public final class Members {
  /** The model's {@code Arn} shape: 1 to 256 characters. */
  public static final int ARN_LENGTH = 256;
  /** {@code SensitiveData}: inputs and outputs, 256 KiB. */
  public static final int PAYLOAD_LENGTH = 262144;
  /** {@code Definition}: 1 MiB. */
  public static final int DEFINITION_LENGTH = 1048576;
  public static final int NAME_LENGTH = 80;
  public static final int ERROR_LENGTH = 256;
  public static final int CAUSE_LENGTH = 32768;
  public static final int PAGE_TOKEN_LENGTH = 1024;
  /** What a page holds when {@code maxResults} is absent or 0, and the most it may ask for. */
  public static final int DEFAULT_PAGE_SIZE = 100;
  public static final int MAX_PAGE_SIZE = 1000;
  private static final String MISSING_REQUIRED_PARAMETER = "MISSING_REQUIRED_PARAMETER";
  private static final int SHOWN_LENGTH = 128;

  private final ObjectNode body;

  public Members(ObjectNode body) {
    this.body = Objects.requireNonNull(body, "body");
  }

  public String requiredString(String member, int minLength, int maxLength) {
    return optionalString(member, minLength, maxLength).orElseThrow(() -> missing(member));
  }

  public Optional<String> optionalString(String member, int minLength, int maxLength) {
    return text(member, minLength, maxLength, false);
  }

  /** A sensitive string (a payload, definition, error or cause): its value is left out of messages. */
  public String requiredSensitive(String member, int minLength, int maxLength) {
    return optionalSensitive(member, minLength, maxLength).orElseThrow(() -> missing(member));
  }

  public Optional<String> optionalSensitive(String member, int minLength, int maxLength) {
    return text(member, minLength, maxLength, true);
  }

  /** A string that must match the model's pattern, such as {@code ClientToken}'s {@code [!-~]+}. */
  public Optional<String> optionalPattern(String member, int minLength, int maxLength, Pattern pattern) {
    var value = optionalString(member, minLength, maxLength);
    if (value.isPresent() && !pattern.matcher(value.get()).matches()) {
      throw violation(member, value.get(), "Member must satisfy regular expression pattern: " + pattern.pattern());
    }
    return value;
  }

  /** An {@code Arn} member (1 to 256 characters); whether it names the right resource is the operation's to say. */
  public String requiredArn(String member) {
    return requiredString(member, 1, ARN_LENGTH);
  }

  public Optional<String> optionalArn(String member) {
    return optionalString(member, 1, ARN_LENGTH);
  }

  /**
   * A {@code Name} (state machine, execution, activity): 1 to 80 characters, then AWS's character rule (§2.3), whose
   * breach is {@code InvalidName}.
   */
  public Optional<String> optionalName(String member) {
    var name = optionalString(member, 1, NAME_LENGTH);
    if (name.isPresent() && !ResourceNames.isValid(name.get())) {
      throw ApiException.of(ApiError.INVALID_NAME, "Invalid Name: '" + name.get() + "'");
    }
    return name;
  }

  public String requiredName(String member) {
    return optionalName(member).orElseThrow(() -> missing(member));
  }

  public OptionalInt optionalInt(String member, int min, int max) {
    var node = present(member);
    if (node.isEmpty()) {
      return OptionalInt.empty();
    }
    var value = node.get();
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw violation(member, shown(value), "Member must be an integer");
    }
    int number = value.intValue();
    if (number < min) {
      throw violation(member, Integer.toString(number), "Member must have value greater than or equal to " + min);
    }
    if (number > max) {
      throw violation(member, Integer.toString(number), "Member must have value less than or equal to " + max);
    }
    return OptionalInt.of(number);
  }

  /** A {@code long} member (a count) from {@code min} to {@code max}. */
  public OptionalLong optionalLong(String member, long min, long max) {
    var node = present(member);
    if (node.isEmpty()) {
      return OptionalLong.empty();
    }
    var value = node.get();
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw violation(member, shown(value), "Member must be an integer");
    }
    long number = value.longValue();
    if (number < min) {
      throw violation(member, Long.toString(number), "Member must have value greater than or equal to " + min);
    }
    if (number > max) {
      throw violation(member, Long.toString(number), "Member must have value less than or equal to " + max);
    }
    return OptionalLong.of(number);
  }

  /** A {@code float} or {@code double} member (a percentage) from {@code min} to {@code max}. */
  public OptionalDouble optionalNumber(String member, double min, double max) {
    var node = present(member);
    if (node.isEmpty()) {
      return OptionalDouble.empty();
    }
    var value = node.get();
    if (!value.isNumber()) {
      throw violation(member, shown(value), "Member must be a number");
    }
    double number = value.doubleValue();
    if (number < min) {
      throw violation(member, shown(value), "Member must have value greater than or equal to " + min);
    }
    if (number > max) {
      throw violation(member, shown(value), "Member must have value less than or equal to " + max);
    }
    return OptionalDouble.of(number);
  }

  public Optional<Boolean> optionalBoolean(String member) {
    var node = present(member);
    if (node.isPresent() && !node.get().isBoolean()) {
      throw violation(member, shown(node.get()), "Member must be a boolean");
    }
    return node.map(JsonNode::booleanValue);
  }

  /** An enum member: one of {@code values}, exactly as the model spells them. */
  public Optional<String> optionalEnum(String member, List<String> values) {
    var value = optionalString(member, 0, Integer.MAX_VALUE);
    if (value.isPresent() && !values.contains(value.get())) {
      throw violation(member, value.get(), "Member must satisfy enum value set: " + values);
    }
    return value;
  }

  /** {@code includedData} ({@code ALL_DATA} or {@code METADATA_ONLY}): whether the answer may hold payloads and definitions. */
  public boolean includesData() {
    return !optionalEnum("includedData", List.of("ALL_DATA", "METADATA_ONLY")).orElse("ALL_DATA").equals("METADATA_ONLY");
  }

  /** {@code maxResults} of a paginated operation: 0 to 1000, where absent and 0 mean 100. */
  public int pageSize() {
    int asked = optionalInt("maxResults", 0, MAX_PAGE_SIZE).orElse(0);
    return asked == 0 ? DEFAULT_PAGE_SIZE : asked;
  }

  /** {@code nextToken} of a paginated operation, whose meaning only the operation knows. */
  public Optional<String> nextToken(int maxLength) {
    return optionalString("nextToken", 1, maxLength);
  }

  /** A structure or list member as it came (logging, tracing, tags, ...), for operations that only check its shape. */
  public Optional<JsonNode> optionalObject(String member) {
    var node = present(member);
    if (node.isPresent() && !node.get().isObject()) {
      throw violation(member, shown(node.get()), "Member must be a structure");
    }
    return node;
  }

  public Optional<JsonNode> optionalList(String member) {
    var node = present(member);
    if (node.isPresent() && !node.get().isArray()) {
      throw violation(member, shown(node.get()), "Member must be a list");
    }
    return node;
  }

  /** Whether the member was sent (a JSON {@code null} counts as absent, as the clients treat it). */
  public boolean has(String member) {
    return present(member).isPresent();
  }

  private Optional<String> text(String member, int minLength, int maxLength, boolean sensitive) {
    var node = present(member);
    if (node.isEmpty()) {
      return Optional.empty();
    }
    if (!node.get().isTextual()) {
      throw violation(member, sensitive ? null : shown(node.get()), "Member must be a string");
    }
    var value = node.get().textValue();
    int length = value.codePointCount(0, value.length());
    if (length < minLength) {
      throw violation(member, sensitive ? null : value, "Member must have length greater than or equal to " + minLength);
    }
    if (length > maxLength) {
      throw violation(member, sensitive ? null : value, "Member must have length less than or equal to " + maxLength);
    }
    return Optional.of(value);
  }

  private Optional<JsonNode> present(String member) {
    var node = body.get(member);
    return node == null || node.isNull() ? Optional.empty() : Optional.of(node);
  }

  /** {@code ValidationException} for a required member that was not sent. */
  public static ApiException missing(String member) {
    return new ApiException(ErrorTypes.VALIDATION_EXCEPTION,
        "1 validation error detected: Value null at '" + member + "' failed to satisfy constraint: Member must not be null",
        Map.of("reason", MISSING_REQUIRED_PARAMETER));
  }

  /** {@code ValidationException} for one member that breaks one constraint; a {@code null} value is left out (sensitive). */
  public static ApiException violation(String member, String value, String constraint) {
    var shown = value == null ? "Value" : "Value '" + (value.length() > SHOWN_LENGTH ? value.substring(0, SHOWN_LENGTH) + "..." : value) + "'";
    return ApiException.validation("1 validation error detected: " + shown + " at '" + member + "' failed to satisfy constraint: " + constraint);
  }

  private static String shown(JsonNode value) {
    return value.isTextual() ? value.textValue() : value.toString();
  }
}
