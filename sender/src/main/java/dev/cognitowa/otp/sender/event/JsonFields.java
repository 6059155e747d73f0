package dev.cognitowa.otp.sender.event;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Typed access to one JSON object's fields, refusing with messages that name the field by its path.
 */
final class JsonFields {
  /** Longest value echoed in an error: enough to recognise it, too short to carry a ciphertext. */
  private static final int MAX_SHOWN = 64;

  private final String path;
  private final Map<String, Object> fields;

  JsonFields(String path, Map<String, Object> fields) {
    this.path = path;
    this.fields = fields;
  }

  private String pathOf(String name) {
    return "event".equals(path) ? name : path + "." + name;
  }

  @SuppressWarnings("unchecked")
  JsonFields object(String name) {
    Object value = fields.get(name);
    if (value == null) {
      throw new InvalidEventException(pathOf(name) + " is missing");
    }
    if (!(value instanceof Map)) {
      throw new InvalidEventException(pathOf(name) + " must be an object");
    }
    return new JsonFields(pathOf(name), (Map<String, Object>) value);
  }

  String requiredString(String name) {
    Object value = fields.get(name);
    if (value == null) {
      throw new InvalidEventException(pathOf(name) + " is missing");
    }
    if (!(value instanceof String text)) {
      throw new InvalidEventException(pathOf(name) + " must be a string");
    }
    if (text.isBlank()) {
      throw new InvalidEventException(pathOf(name) + " is empty");
    }
    return text;
  }

  String optionalString(String name) {
    Object value = fields.get(name);
    if (value != null && !(value instanceof String)) {
      throw new InvalidEventException(pathOf(name) + " must be a string");
    }
    return (String) value;
  }

  /**
   * A map of string values. JSON booleans and numbers become their text ({@code "true"}): real
   * events carry strings, some published samples carry booleans. Nested objects and arrays are
   * refused.
   */
  Map<String, String> stringMap(String name, boolean required) {
    Object value = fields.get(name);
    if (value == null) {
      if (required) {
        throw new InvalidEventException(pathOf(name) + " is missing");
      }
      return Map.of();
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw new InvalidEventException(pathOf(name) + " must be an object");
    }
    Map<String, String> strings = new LinkedHashMap<>();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      Object v = entry.getValue();
      if (v instanceof Map || v instanceof java.util.List) {
        throw new InvalidEventException(
            pathOf(name) + "." + shown(String.valueOf(entry.getKey())) + " must be a string");
      }
      if (v != null) {
        strings.put((String) entry.getKey(), String.valueOf(v));
      }
    }
    return Collections.unmodifiableMap(strings);
  }

  /**
   * The string-valued fields of an optional object; anything else (missing, not an object, values
   * that are not strings) reads as absent, never as a refusal.
   */
  Map<String, String> lenientStringMap(String name) {
    if (!(fields.get(name) instanceof Map<?, ?> map)) {
      return Map.of();
    }
    Map<String, String> strings = new LinkedHashMap<>();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      if (entry.getValue() instanceof String text) {
        strings.put(String.valueOf(entry.getKey()), text);
      }
    }
    return strings;
  }

  /** A value fit for an error message: quoted, shortened, control characters replaced. */
  static String shown(String value) {
    String shortened = value.length() > MAX_SHOWN ? value.substring(0, MAX_SHOWN) + "..." : value;
    return "'" + shortened.replaceAll("\\p{Cntrl}", "?") + "'";
  }
}
