package dev.stepfold.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares an expected value from the corpus with the engine's by the corpus's rules: JSON text compared as parsed
 * JSON, exact key sets, numbers by value, and tokens: wildcards match any text, placeholders bind to one value for the
 * whole case and always match their own literal spelling. One matcher holds the bindings of one case; compare in the
 * order the README gives. A failed comparison may leave partial bindings: use {@link #copy()} to try without committing.
 */
public final class ValueMatcher {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Set<String> placeholders;
  private final Set<String> wildcards;
  private final Map<String, String> bindings;

  public ValueMatcher(Set<String> placeholders, Set<String> wildcards) {
    this(Set.copyOf(placeholders), Set.copyOf(wildcards), new LinkedHashMap<>());
  }

  private ValueMatcher(Set<String> placeholders, Set<String> wildcards, Map<String, String> bindings) {
    this.placeholders = placeholders;
    this.wildcards = wildcards;
    this.bindings = bindings;
  }

  /** A matcher with the same tokens and a copy of the bindings so far. */
  public ValueMatcher copy() {
    return new ValueMatcher(placeholders, wildcards, new LinkedHashMap<>(bindings));
  }

  /** Takes over the bindings of a copy whose comparison succeeded. */
  public void commit(ValueMatcher copy) {
    bindings.clear();
    bindings.putAll(copy.bindings);
  }

  public Map<String, String> bindings() {
    return Map.copyOf(bindings);
  }

  /** The first difference between {@code expected} and {@code actual}, with its path, or empty when they match. */
  public Optional<String> compare(String path, JsonNode expected, JsonNode actual) {
    if (expected.isObject()) {
      return compareObject(path, expected, parsedIfText(actual));
    }
    if (expected.isArray()) {
      return compareArray(path, expected, parsedIfText(actual));
    }
    if (expected.isNumber()) {
      var number = parsedIfText(actual);
      if (number.isNumber() && number.decimalValue().compareTo(expected.decimalValue()) == 0) {
        return Optional.empty();
      }
      return differ(path, expected, actual);
    }
    if (expected.isTextual()) {
      return compareText(path, expected.asText(), actual);
    }
    return expected.equals(actual) ? Optional.empty() : differ(path, expected, actual);
  }

  private Optional<String> compareObject(String path, JsonNode expected, JsonNode actual) {
    if (!actual.isObject()) {
      return differ(path, expected, actual);
    }
    var expectedKeys = keys(expected);
    var actualKeys = keys(actual);
    if (!expectedKeys.equals(actualKeys)) {
      var missing = new TreeSet<>(expectedKeys);
      missing.removeAll(actualKeys);
      var extra = new TreeSet<>(actualKeys);
      extra.removeAll(expectedKeys);
      return Optional.of(at(path) + "keys differ: missing " + missing + ", extra " + extra);
    }
    for (var key : expectedKeys) {
      var difference = compare(path.isEmpty() ? key : path + "." + key, expected.get(key), actual.get(key));
      if (difference.isPresent()) {
        return difference;
      }
    }
    return Optional.empty();
  }

  private Optional<String> compareArray(String path, JsonNode expected, JsonNode actual) {
    if (!actual.isArray()) {
      return differ(path, expected, actual);
    }
    if (expected.size() != actual.size()) {
      return Optional.of(at(path) + "expected " + expected.size() + " elements, but got " + actual.size() + ": " + abbreviate(actual.toString()));
    }
    for (var i = 0; i < expected.size(); i++) {
      var difference = compare(path + "[" + i + "]", expected.get(i), actual.get(i));
      if (difference.isPresent()) {
        return difference;
      }
    }
    return Optional.empty();
  }

  private Optional<String> compareText(String path, String expected, JsonNode actual) {
    var tokens = tokens(expected);
    if (!actual.isTextual()) {
      if (tokens.size() == 1 && tokens.get(0).start() == 0 && tokens.get(0).end() == expected.length()) {
        return matchWholeValue(path, tokens.get(0).token(), actual);
      }
      return parse(expected).map(parsed -> compare(path, parsed, actual)).orElseGet(() -> differ(path, TextNode.valueOf(expected), actual));
    }
    var text = actual.asText();
    if (text.equals(expected)) {
      return Optional.empty();
    }
    if (!tokens.isEmpty() && matchPattern(expected, tokens, text)) {
      return Optional.empty();
    }
    var parsedExpected = parse(expected);
    var parsedActual = parse(text);
    if (parsedExpected.isPresent() && parsedActual.isPresent()) {
      var trial = copy();
      if (trial.compare(path, parsedExpected.get(), parsedActual.get()).isEmpty()) {
        commit(trial);
        return Optional.empty();
      }
    }
    return differ(path, TextNode.valueOf(expected), actual);
  }

  /** A string that is exactly one token, against a value that is not a string. */
  private Optional<String> matchWholeValue(String path, String token, JsonNode actual) {
    if (wildcards.contains(token)) {
      return Optional.empty();
    }
    var text = actual.toString();
    var bound = bindings.get(token);
    if (bound == null) {
      bindings.put(token, text);
      return Optional.empty();
    }
    return bound.equals(text) ? Optional.empty() : Optional.of(at(path) + "expected " + token + " (bound to " + abbreviate(bound) + "), but got " + abbreviate(text));
  }

  private boolean matchPattern(String expected, List<TokenAt> tokens, String actual) {
    var regex = new StringBuilder();
    var groups = new LinkedHashMap<String, String>();
    var position = 0;
    for (var token : tokens) {
      regex.append(Pattern.quote(expected.substring(position, token.start())));
      position = token.end();
      var name = token.token();
      if (wildcards.contains(name)) {
        regex.append(".*?");
      } else if (bindings.containsKey(name)) {
        regex.append("(?:").append(Pattern.quote(bindings.get(name))).append('|').append(Pattern.quote(name)).append(')');
      } else if (groups.containsKey(name)) {
        regex.append("\\k<").append(groups.get(name)).append('>');
      } else {
        var group = "p" + groups.size();
        groups.put(name, group);
        regex.append("(?<").append(group).append(">.+?)");
      }
    }
    regex.append(Pattern.quote(expected.substring(position)));
    Matcher matcher = Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(actual);
    if (!matcher.matches()) {
      return false;
    }
    groups.forEach((name, group) -> {
      var value = matcher.group(group);
      if (!value.equals(name)) {
        bindings.put(name, value);
      }
    });
    return true;
  }

  private record TokenAt(String token, int start, int end) {}

  /** The tokens in a string, left to right; where two start at the same place, the longer wins. */
  private List<TokenAt> tokens(String text) {
    var found = new ArrayList<TokenAt>();
    if (placeholders.isEmpty() && wildcards.isEmpty()) {
      return found;
    }
    var all = new LinkedHashSet<String>();
    all.addAll(placeholders);
    all.addAll(wildcards);
    var position = 0;
    while (position < text.length()) {
      String longest = null;
      for (var token : all) {
        if (text.startsWith(token, position) && (longest == null || token.length() > longest.length())) {
          longest = token;
        }
      }
      if (longest == null) {
        position++;
      } else {
        found.add(new TokenAt(longest, position, position + longest.length()));
        position += longest.length();
      }
    }
    return found;
  }

  private static JsonNode parsedIfText(JsonNode actual) {
    return actual.isTextual() ? parse(actual.asText()).orElse(actual) : actual;
  }

  static Optional<JsonNode> parse(String text) {
    try {
      try (var parser = MAPPER.createParser(text)) {
        JsonNode value = MAPPER.readTree(parser);
        if (value == null || value.isMissingNode() || parser.nextToken() != null) {
          return Optional.empty();
        }
        return Optional.of(value);
      }
    } catch (IOException notJson) {
      return Optional.empty();
    }
  }

  private static Set<String> keys(JsonNode object) {
    var keys = new LinkedHashSet<String>();
    object.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  private static Optional<String> differ(String path, JsonNode expected, JsonNode actual) {
    return Optional.of(at(path) + "expected " + abbreviate(expected.toString()) + ", but got " + abbreviate(actual.toString()));
  }

  private static String at(String path) {
    return path.isEmpty() ? "" : path + ": ";
  }

  static String abbreviate(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "...";
  }
}
