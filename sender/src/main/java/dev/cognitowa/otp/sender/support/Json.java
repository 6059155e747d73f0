package dev.cognitowa.otp.sender.support;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Plain JSON, read and written by hand: values become maps (insertion order), lists, strings,
 * numbers, booleans and nulls. The sender needs nothing more, and a JSON library's classes and
 * first-use set-up cost a cold start far more than this class does.
 *
 * <p>Reading is RFC 8259, strictly: UTF-8 only (invalid, overlong and surrogate encodings refused),
 * one value with nothing but whitespace after it, no duplicate keys in an object (a second {@code
 * "code"} or {@code "phone_number"} could smuggle a value), at most {@link #MAX_NESTING_DEPTH}
 * levels, numbers as the RFC writes them. It accepts what jackson-core 2.21 accepted with strict
 * duplicate detection, with the same number types ({@link Integer}, {@link Long}, {@link
 * BigInteger}, {@link Double}) and limits ({@link #MAX_NUMBER_LENGTH}, {@link #MAX_NAME_LENGTH});
 * {@code JsonDifferentialProperties} checks that. Unlike jackson it refuses malformed UTF-8 that
 * jackson decoded anyway (overlong forms such as {@code C0 80}, code points above U+10FFFF) and
 * UTF-16 or UTF-32 input; like jackson it skips a UTF-8 byte order mark, keeps an escaped lone
 * surrogate ("&#92;ud800") in a string value as that char, and refuses one in a field name. Errors
 * name the problem, the line and the column, never the input, which holds a phone number and an
 * encrypted code.
 *
 * <p>The parts: {@link JsonReader} reads, {@link JsonParseException} says what went wrong, {@link
 * JsonUtf8Writer} writes bodies that hold a secret straight to bytes, and this class writes log
 * lines as strings.
 *
 * <p>Writing gives the text jackson-core wrote for the same values: one line, {@code "}, {@code \}
 * and control characters escaped ({@code \b \t \n \f \r} short, others as &#92;u00XX), everything
 * else as is.
 */
public final class Json {
  /** Events, Graph answers and secrets nest four levels at most; 16 leaves room, not abuse. */
  public static final int MAX_NESTING_DEPTH = 16;

  /** Digits in a number (integer, fraction and exponent together), as jackson's default. */
  public static final int MAX_NUMBER_LENGTH = 1000;

  /** UTF-8 bytes in a field name, as jackson's default. */
  public static final int MAX_NAME_LENGTH = 50_000;

  /** How deep {@link #write} goes before it refuses (jackson's default for writing). */
  static final int MAX_WRITE_DEPTH = 1000;

  private Json() {}

  /**
   * Reads one JSON value and requires that nothing but whitespace follows it.
   *
   * @throws JsonParseException malformed, duplicate keys, too deep, too long, or trailing content
   */
  public static Object read(byte[] json) throws JsonParseException {
    return new JsonReader(json).document();
  }

  /**
   * The value as an object, or an empty map when it is not one or does not parse (for answers we
   * only inspect).
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> readObjectLeniently(byte[] json) {
    try {
      Object value = read(json);
      return value instanceof Map ? (Map<String, Object>) value : Map.of();
    } catch (JsonParseException | RuntimeException e) {
      return Map.of();
    }
  }

  /** Writes a map of strings, numbers, booleans, nulls, maps and lists as one line of JSON. */
  public static String write(Map<String, ?> value) {
    StringBuilder out = new StringBuilder(256);
    writeValue(out, value, 0);
    return out.toString();
  }

  private static void writeValue(StringBuilder out, Object value, int depth) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      writeString(out, s);
    } else if (value instanceof Number || value instanceof Boolean) {
      out.append(value); // Integer and Long as digits, other numbers by toString, as jackson did
    } else if (value instanceof Map<?, ?> map) {
      checkWriteDepth(depth);
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        writeString(out, String.valueOf(entry.getKey()));
        out.append(':');
        writeValue(out, entry.getValue(), depth + 1);
      }
      out.append('}');
    } else if (value instanceof List<?> list) {
      checkWriteDepth(depth);
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        writeValue(out, list.get(i), depth + 1);
      }
      out.append(']');
    } else {
      writeString(out, String.valueOf(value));
    }
  }

  private static void checkWriteDepth(int depth) {
    if (depth >= MAX_WRITE_DEPTH) {
      throw new IllegalArgumentException("value nests deeper than " + MAX_WRITE_DEPTH + " levels");
    }
  }

  private static void writeString(StringBuilder out, String s) {
    out.append('"');
    int plain = 0; // start of the run not yet copied
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == '"' || c == '\\') {
        out.append(s, plain, i);
        plain = i + 1;
        char shortForm = JsonEscapes.shortEscape(c);
        if (shortForm != 0) {
          out.append('\\').append(shortForm);
        } else {
          out.append("\\u00").append(JsonEscapes.HEX[c >> 4]).append(JsonEscapes.HEX[c & 0xF]);
        }
      }
    }
    out.append(s, plain, s.length()).append('"');
  }
}
