package dev.stepfold.arn;

import java.util.regex.Pattern;

/** The names AWS gives state machines, executions, activities and aliases, the last segment of their ARNs. */
public final class ResourceNames {
  /** AWS's {@code Name} rule: 1 to 80 characters, none of whitespace, brackets, wildcards, specials or controls. */
  private static final Pattern FORBIDDEN_IN_NAME =
      Pattern.compile("[\\s\\p{Z}<>{}\\[\\]?*\"#%\\\\^|~`$&,;:/\\u0000-\\u001F\\u007F-\\u009F\\uFFFE\\uFFFF]");

  private ResourceNames() {}

  public static boolean isValid(String name) {
    int length = name.codePointCount(0, name.length());
    return length >= 1 && length <= 80 && !FORBIDDEN_IN_NAME.matcher(name).find()
        && name.codePoints().noneMatch(c -> Character.isSurrogate((char) c) && c <= 0xFFFF || c == 0x10FFFF);
  }
}
