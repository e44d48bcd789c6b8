package dev.stepfold.engine.behavior;

import java.util.Arrays;

/** StringMatches: {@code *} matches any run of characters, {@code \*} a star and {@code \\} a backslash. */
final class StringPatterns {
  private static final int WILDCARD = -1;

  private StringPatterns() {}

  static boolean matches(String pattern, String text) {
    int[] tokens = tokens(pattern);
    int p = 0;
    int t = 0;
    int lastStar = -1;
    int textAtStar = 0;
    // Greedy with backtracking to the last star only: at most pattern length times text length steps.
    while (t < text.length()) {
      if (p < tokens.length && tokens[p] != WILDCARD && tokens[p] == text.charAt(t)) {
        p++;
        t++;
      } else if (p < tokens.length && tokens[p] == WILDCARD) {
        lastStar = p++;
        textAtStar = t;
      } else if (lastStar >= 0) {
        p = lastStar + 1;
        t = ++textAtStar;
      } else {
        return false;
      }
    }
    while (p < tokens.length && tokens[p] == WILDCARD) {
      p++;
    }
    return p == tokens.length;
  }

  /** The pattern's characters with escapes resolved; an unescaped star is {@link #WILDCARD}. */
  private static int[] tokens(String pattern) {
    int[] tokens = new int[pattern.length()];
    int count = 0;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length()) {
        tokens[count++] = pattern.charAt(++i);
      } else {
        tokens[count++] = c == '*' ? WILDCARD : c;
      }
    }
    return Arrays.copyOf(tokens, count);
  }
}
