package dev.stepfold.paths;

import com.fasterxml.jackson.databind.JsonNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.JsonPathException;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import dev.stepfold.error.StatesFailure;
import java.util.Optional;

/**
 * JSONPath as AWS evaluates it. Paths starting with {@code $$} read the context object, {@code $<name>} (optionally
 * followed by a path such as {@code .a[0]}) a workflow variable set by Assign, others the input.
 * Failures throw {@link dev.stepfold.error.StatesFailure} ({@code States.Runtime}) with AWS's wording.
 */
public final class JsonPaths {
  private static final String CONTEXT_PREFIX = "$$";

  // A definite path that misses throws Jayway's PathNotFoundException, whose message AWS repeats.
  private static final Configuration DEFINITE = Configuration.builder()
      .jsonProvider(new JacksonJsonNodeJsonProvider(JsonValues.MAPPER))
      .mappingProvider(new JacksonMappingProvider(JsonValues.MAPPER))
      .build();

  // An indefinite one (filter, wildcard, slice, deep scan) gives an array, empty when nothing matches, even when a
  // member before the wildcard is missing.
  private static final Configuration INDEFINITE = DEFINITE.addOptions(Option.SUPPRESS_EXCEPTIONS);

  private static final BoundedCache<String, Compiled> COMPILED = new BoundedCache<>(10_000);

  private JsonPaths() {}

  /**
   * A reference path of InputPath, OutputPath or ItemsPath. A path that matches nothing fails with Jayway's message
   * after {@code Invalid path '<path>' : }: {@code No results for path: $['a']['b']} when the last member is missing,
   * {@code Missing property in path $['a']} when one on the way is.
   */
  public static JsonNode select(String path, PathRoots roots) {
    try {
      return read(path, roots);
    } catch (JsonPathException e) {
      throw StatesFailure.runtime("Invalid path '" + path + "' : " + e.getMessage());
    } catch (MissingVariable e) {
      throw StatesFailure.runtime(
          "The JSONPath '" + path + "' reads the variable '" + e.name + "', which is not defined");
    }
  }

  /**
   * The value of a {@code "<field>.$"} template key or of a {@code ...Path} field (ErrorPath, CausePath):
   * a miss fails with {@code The JSONPath '<path>' specified for the field '<field>' could not be found in the input '<input as JSON text>'},
   * naming the state's input even when the path reads the context object (as AWS does) or a variable.
   */
  public static JsonNode selectForField(String path, String fieldName, PathRoots roots) {
    try {
      return read(path, roots);
    } catch (JsonPathException e) {
      throw StatesFailure.runtime("The JSONPath '" + path + "' specified for the field '" + fieldName
          + "' could not be found in the input '" + JsonValues.compact(roots.input()) + "'");
    } catch (MissingVariable e) {
      throw StatesFailure.runtime("The JSONPath '" + path + "' specified for the field '" + fieldName
          + "' reads the variable '" + e.name + "', which is not defined");
    }
  }

  /**
   * The value at the path, or empty when it matches nothing or reads an undefined variable (Choice's IsPresent,
   * SecondsPath checks).
   */
  public static Optional<JsonNode> find(String path, PathRoots roots) {
    try {
      return Optional.of(read(path, roots));
    } catch (JsonPathException | MissingVariable e) {
      return Optional.empty();
    }
  }

  /** Whether text is a valid JSONPath (for the validator); a reference path must also be definite. */
  public static boolean isValidPath(String path) {
    return !(COMPILED.get(path, JsonPaths::compileUncached) instanceof Invalid);
  }

  /** A reference path names one node: a chain of single members and indexes (several names in a bracket are not one). */
  public static boolean isValidReferencePath(String path) {
    int steps = path.startsWith(CONTEXT_PREFIX) ? CONTEXT_PREFIX.length() : variableNameEnd(path);
    return isReference(COMPILED.get(path, JsonPaths::compileUncached)) && PathSteps.of(path, steps).isPresent();
  }

  /** Whether a valid path reads a workflow variable ({@code $name...}) rather than the input or context object. */
  public static boolean readsVariable(String path) {
    return COMPILED.get(path, JsonPaths::compileUncached) instanceof Variable;
  }

  private static boolean isReference(Compiled compiled) {
    if (compiled instanceof Variable variable) {
      return isReference(variable.rest());
    }
    return compiled instanceof Root || (compiled instanceof Jayway jayway && jayway.path().isDefinite()
        && !jayway.path().getPath().endsWith("()"));
  }

  private static JsonNode read(String path, PathRoots roots) {
    Compiled compiled = compile(path);
    JsonNode document = document(compiled, roots);
    Compiled onDocument = compiled instanceof Variable variable ? variable.rest() : compiled;
    if (onDocument instanceof Root) {
      return document;
    }
    JsonPath compiledPath = ((Jayway) onDocument).path();
    return JsonValues.toNode(compiledPath.read(document, compiledPath.isDefinite() ? DEFINITE : INDEFINITE));
  }

  /** What a compiled path is read on: the input, the context object or a variable's value. */
  private static JsonNode document(Compiled compiled, PathRoots roots) {
    if (compiled instanceof Variable variable) {
      JsonNode value = roots.variables().get(variable.name());
      if (value == null) {
        throw new MissingVariable(variable.name());
      }
      return value;
    }
    boolean readsContext = compiled instanceof Root root ? root.readsContext() : ((Jayway) compiled).readsContext();
    return readsContext ? roots.contextObject() : roots.input();
  }

  private static Compiled compile(String path) {
    Compiled compiled = COMPILED.get(path, JsonPaths::compileUncached);
    if (compiled instanceof Invalid) {
      throw new IllegalArgumentException("Expected a valid JSONPath, but got '" + path + "'");
    }
    return compiled;
  }

  private static Compiled compileUncached(String path) {
    boolean readsContext = path.startsWith(CONTEXT_PREFIX);
    String onRoot = readsContext ? path.substring(1) : path;
    if (!onRoot.startsWith("$")) {
      return new Invalid();
    }
    if (onRoot.equals("$")) {
      return new Root(readsContext);
    }
    int nameEnd = variableNameEnd(onRoot);
    if (!readsContext && nameEnd > 1) {
      String rest = onRoot.substring(nameEnd);
      if (!rest.isEmpty() && !rest.startsWith(".") && !rest.startsWith("[")) {
        return new Invalid();
      }
      Compiled onValue = compileUncached("$" + rest);
      return onValue instanceof Invalid ? onValue : new Variable(onRoot.substring(1, nameEnd), onValue);
    }
    try {
      return new Jayway(readsContext, JsonPath.compile(onRoot));
    } catch (InvalidPathException | IllegalArgumentException e) {
      return new Invalid();
    }
  }

  /** The end of the variable name after the leading {@code $}: 1 when there is none. */
  private static int variableNameEnd(String path) {
    if (path.length() < 2 || !(Character.isLetter(path.charAt(1)) || path.charAt(1) == '_')) {
      return 1;
    }
    int end = 2;
    while (end < path.length() && (Character.isLetterOrDigit(path.charAt(end)) || path.charAt(end) == '_')) {
      end++;
    }
    return end;
  }

  private sealed interface Compiled permits Root, Jayway, Variable, Invalid {}

  /** {@code $} or {@code $$}: the document itself, read without Jayway. */
  private record Root(boolean readsContext) implements Compiled {}

  private record Jayway(boolean readsContext, JsonPath path) implements Compiled {}

  /** {@code $name} followed by {@code rest}, a path on the variable's value ({@link Root} for the whole value). */
  private record Variable(String name, Compiled rest) implements Compiled {}

  private record Invalid() implements Compiled {}

  /** A path names a variable that is not visible to the state. */
  private static final class MissingVariable extends RuntimeException {
    private final String name;

    MissingVariable(String name) {
      super(name, null, false, false);
      this.name = name;
    }
  }
}
