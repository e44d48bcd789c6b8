package dev.stepfold.tags;

import dev.stepfold.error.ApiError;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The tags of one resource (a state machine or an activity), kept with the resource, and AWS's rules for changing them:
 * TagResource adds or overwrites by key and may leave the resource with at most {@value #MAX_TAGS} tags
 * ({@code TooManyTags} otherwise), UntagResource removes keys and ignores keys the resource does not have. The order is
 * the order in which keys were first set. Every resource that can be tagged keeps its tags as one of these and changes
 * them only through {@link #tag} and {@link #untag}.
 */
public record Tags(List<Tag> list) {
  public static final int MAX_TAGS = 50;
  public static final int MAX_KEY_LENGTH = 128;
  public static final int MAX_VALUE_LENGTH = 256;
  public static final Tags NONE = new Tags(List.of());

  public Tags {
    list = List.copyOf(list);
  }

  /** What a tag command does: the tags the resource has afterwards, or the AWS error that refuses it. */
  public sealed interface Outcome {
    record Changed(Tags tags) implements Outcome {
      public Changed {
        Objects.requireNonNull(tags, "tags");
      }
    }

    record Refused(ApiError error, String message) implements Outcome {
      public Refused {
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(message, "message");
      }
    }
  }

  /** The tags with {@code added} set, later ones winning over earlier ones of the same key. */
  public Outcome tag(String resourceArn, List<Tag> added) {
    var invalid = invalid(added);
    if (invalid.isPresent()) {
      return new Outcome.Refused(ApiError.VALIDATION_EXCEPTION, invalid.get());
    }
    var byKey = new LinkedHashMap<String, String>();
    list.forEach(tag -> byKey.put(tag.key(), tag.value()));
    added.forEach(tag -> byKey.put(tag.key(), tag.value()));
    if (byKey.size() > MAX_TAGS) {
      return new Outcome.Refused(ApiError.TOO_MANY_TAGS, "Too many tags: a resource can have at most " + MAX_TAGS + " tags, but '"
          + resourceArn + "' would have " + byKey.size());
    }
    var tags = new ArrayList<Tag>();
    byKey.forEach((key, value) -> tags.add(new Tag(key, value)));
    return new Outcome.Changed(new Tags(tags));
  }

  /** The tags without those keys. */
  public Tags untag(Collection<String> keys) {
    var removed = Set.copyOf(keys);
    return new Tags(list.stream().filter(tag -> !removed.contains(tag.key())).toList());
  }

  /** AWS's {@code ValidationException} wording for the first tag whose key or value breaks the model's lengths. */
  private static Optional<String> invalid(List<Tag> tags) {
    for (int i = 0; i < tags.size(); i++) {
      var tag = tags.get(i);
      int keyLength = tag.key().codePointCount(0, tag.key().length());
      if (keyLength < 1 || keyLength > MAX_KEY_LENGTH) {
        return Optional.of(violation("tags." + (i + 1) + ".member.key", tag.key(), keyLength < 1
            ? "Member must have length greater than or equal to 1" : "Member must have length less than or equal to " + MAX_KEY_LENGTH));
      }
      if (tag.value().codePointCount(0, tag.value().length()) > MAX_VALUE_LENGTH) {
        return Optional.of(violation("tags." + (i + 1) + ".member.value", tag.value(),
            "Member must have length less than or equal to " + MAX_VALUE_LENGTH));
      }
    }
    return Optional.empty();
  }

  private static String violation(String member, String value, String constraint) {
    return "1 validation error detected: Value '" + value + "' at '" + member + "' failed to satisfy constraint: " + constraint;
  }
}
