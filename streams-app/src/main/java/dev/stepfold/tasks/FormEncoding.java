package dev.stepfold.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code application/x-www-form-urlencoded} text of a JSON object, as an HTTP task's {@code Transform} with
 * {@code "RequestBodyEncoding": "URL_ENCODED"} sends its {@code RequestBody}; arrays as
 * {@code RequestEncodingOptions.ArrayFormat} says: {@code INDICES} (the default) {@code a[0]=x&a[1]=y}, {@code REPEAT}
 * {@code a=x&a=y}, {@code COMMAS} {@code a=x,y}, {@code BRACKETS} {@code a[]=x&a[]=y}. A nested object's fields are
 * {@code a[field]=x}.
 */
final class FormEncoding {
  enum ArrayFormat { INDICES, REPEAT, COMMAS, BRACKETS }

  private FormEncoding() {}

  static ArrayFormat arrayFormat(String value) {
    try {
      return ArrayFormat.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Expected ArrayFormat to be INDICES, REPEAT, COMMAS or BRACKETS, but it is '" + value + "'");
    }
  }

  static String encode(JsonNode object, ArrayFormat arrayFormat) {
    var pairs = new ArrayList<String>();
    object.fields().forEachRemaining(field -> add(pairs, field.getKey(), field.getValue(), arrayFormat));
    return String.join("&", pairs);
  }

  private static void add(List<String> pairs, String key, JsonNode value, ArrayFormat arrayFormat) {
    if (value.isObject()) {
      value.fields().forEachRemaining(field -> add(pairs, key + "[" + field.getKey() + "]", field.getValue(), arrayFormat));
    } else if (value.isArray()) {
      switch (arrayFormat) {
        case INDICES -> {
          for (int i = 0; i < value.size(); i++) {
            add(pairs, key + "[" + i + "]", value.get(i), arrayFormat);
          }
        }
        case REPEAT -> value.forEach(item -> add(pairs, key, item, arrayFormat));
        case BRACKETS -> value.forEach(item -> add(pairs, key + "[]", item, arrayFormat));
        case COMMAS -> {
          var items = new ArrayList<String>();
          value.forEach(item -> items.add(scalar(item)));
          pairs.add(escape(key) + "=" + escape(String.join(",", items)));
        }
      }
    } else {
      pairs.add(escape(key) + "=" + escape(scalar(value)));
    }
  }

  /** A scalar as text: a string as it is, anything else as its JSON text. */
  static String scalar(JsonNode value) {
    return value.isTextual() ? value.textValue() : value.isNull() ? "" : value.toString();
  }

  static String escape(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
