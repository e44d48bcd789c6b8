package dev.stepfold.api.tags;

import dev.stepfold.api.Members;
import dev.stepfold.schemas.ResourceTag;
import dev.stepfold.tags.Tags;
import java.util.ArrayList;
import java.util.List;

/**
 * The tag members of a request, read as the model types them (a {@code Tag} list of {@code key} 1–128 and {@code value}
 * 0–256 characters; a list of {@code TagKey}s), with AWS's ValidationException wording, as the commands carry them:
 * TagResource, UntagResource, and the {@code tags} of CreateStateMachine and CreateActivity.
 */
public final class TagMembers {
  private TagMembers() {}

  /** The tags of a {@code list<Tag>} member; empty when it was not sent. */
  public static List<ResourceTag> tags(Members in, String member) {
    var list = in.optionalList(member);
    var tags = new ArrayList<ResourceTag>();
    if (list.isEmpty()) {
      return tags;
    }
    int index = 0;
    for (var item : list.get()) {
      index++;
      var at = member + "." + index + ".member";
      if (!item.isObject()) {
        throw Members.violation(at, item.toString(), "Member must be a structure");
      }
      var key = item.get("key");
      var value = item.get("value");
      if (key == null || key.isNull()) {
        throw Members.violation(at + ".key", null, "Member must not be null");
      }
      tags.add(new ResourceTag(text(key, at + ".key", 1, Tags.MAX_KEY_LENGTH),
          value == null || value.isNull() ? "" : text(value, at + ".value", 0, Tags.MAX_VALUE_LENGTH)));
    }
    return tags;
  }

  /** The keys of a required {@code TagKeyList} member. */
  public static List<String> tagKeys(Members in, String member) {
    var list = in.optionalList(member).orElseThrow(() -> Members.missing(member));
    var keys = new ArrayList<String>();
    int index = 0;
    for (var item : list) {
      index++;
      keys.add(text(item, member + "." + index + ".member", 1, Tags.MAX_KEY_LENGTH));
    }
    return keys;
  }

  private static String text(com.fasterxml.jackson.databind.JsonNode node, String at, int min, int max) {
    if (!node.isTextual()) {
      throw Members.violation(at, node.toString(), "Member must be a string");
    }
    var text = node.textValue();
    int length = text.codePointCount(0, text.length());
    if (length < min) {
      throw Members.violation(at, text, "Member must have length greater than or equal to " + min);
    }
    if (length > max) {
      throw Members.violation(at, text, "Member must have length less than or equal to " + max);
    }
    return text;
  }
}
