package dev.stepfold.arn;

import java.util.regex.Pattern;

/**
 * AWS's rule for the names of state machines, executions and activities (shape {@code Name}): 1 to 80 characters, none
 * of them whitespace, brackets, wildcards, the special characters {@code " # % \ ^ | ~ ` $ & , ; : /}, control
 * characters, surrogates or U+FFFE, U+FFFF, U+10FFFF. A name that breaks it is {@code InvalidName}.
 */
public final class ResourceNames {
  private static final Pattern FORBIDDEN_IN_NAME =
      Pattern.compile("[\\s\\p{Z}<>{}\\[\\]?*\"#%\\\\^|~`$&,;:/\\u0000-\\u001F\\u007F-\\u009F\\uFFFE\\uFFFF]");

  private ResourceNames() {}

  public static boolean isValid(String name) {
    int length = name.codePointCount(0, name.length());
    return length >= 1 && length <= 80 && !FORBIDDEN_IN_NAME.matcher(name).find()
        && name.codePoints().noneMatch(c -> Character.isSurrogate((char) c) && c <= 0xFFFF || c == 0x10FFFF);
  }
}
