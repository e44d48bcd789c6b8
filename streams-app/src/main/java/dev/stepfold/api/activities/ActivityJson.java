package dev.stepfold.api.activities;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepfold.api.ApiException;
import dev.stepfold.api.Members;
import dev.stepfold.api.Wire;
import dev.stepfold.arn.ActivityArn;
import dev.stepfold.error.ApiError;
import dev.stepfold.schemas.ActivityRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the activity operations share: the members they read alike, the activity as the outputs show it, their errors. */
final class ActivityJson {
  /** The model's {@code EncryptionType}; stepfold keeps no data encrypted with a key of the caller's. */
  static final List<String> ENCRYPTION_TYPES = List.of("AWS_OWNED_KEY", "CUSTOMER_MANAGED_KMS_KEY");
  private static final int MAX_TAGS = 50;
  private static final int TAG_KEY_LENGTH = 128;
  private static final int TAG_VALUE_LENGTH = 256;

  private ActivityJson() {}

  /** {@code tags}: a list of {@code {key, value}}, at most 50 ({@code TooManyTags}); a key repeated keeps its last value. */
  static Map<String, String> tags(Members in, ActivityArn arn) {
    var tags = new LinkedHashMap<String, String>();
    var list = in.optionalList("tags");
    if (list.isEmpty()) {
      return tags;
    }
    int index = 0;
    for (var tag : list.get()) {
      var path = "tags." + ++index + ".member";
      if (!tag.isObject()) {
        throw Members.violation(path, tag.toString(), "Member must be a structure");
      }
      var member = new Members((ObjectNode) tag);
      var key = member.optionalString("key", 1, TAG_KEY_LENGTH).orElseThrow(() -> Members.missing(path + ".key"));
      tags.put(key, member.optionalString("value", 0, TAG_VALUE_LENGTH).orElse(""));
    }
    if (tags.size() > MAX_TAGS) {
      throw new ApiException("TooManyTags", "Too many tags: " + tags.size() + " where at most " + MAX_TAGS + " are allowed",
          Map.of("resourceName", arn.value()));
    }
    return tags;
  }

  /**
   * {@code encryptionConfiguration}: stepfold honours {@code AWS_OWNED_KEY}, what AWS uses when none is given; a
   * customer managed KMS key it cannot use is {@code InvalidEncryptionConfiguration}.
   */
  static void encryption(Members in) {
    var configuration = in.optionalObject("encryptionConfiguration");
    if (configuration.isEmpty()) {
      return;
    }
    var members = new Members((ObjectNode) configuration.get());
    var type = members.optionalEnum("type", ENCRYPTION_TYPES).orElseThrow(() -> Members.missing("encryptionConfiguration.type"));
    if (!type.equals("AWS_OWNED_KEY")) {
      throw new ApiException("InvalidEncryptionConfiguration",
          "stepfold does not encrypt with customer managed KMS keys: use encryptionConfiguration of type AWS_OWNED_KEY, or none");
    }
  }

  /** The ARN, name and creation date of an activity, as DescribeActivity and ListActivities show them. */
  static ObjectNode item(ObjectNode json, ActivityRecord activity) {
    return json.put("activityArn", activity.getActivityArn())
        .put("name", activity.getName())
        .put("creationDate", Wire.timestamp(activity.getCreationDate()));
  }

  static ApiException doesNotExist(ActivityArn arn) {
    return ApiException.of(ApiError.ACTIVITY_DOES_NOT_EXIST, "Activity Does Not Exist: '" + arn + "'");
  }
}
