package dev.cognitowa.otp.sender.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private Json() {}

  /**
   * Reads one JSON value and requires that nothing but whitespace follows it.
   *
   * @throws ParseException malformed, duplicate keys, too deep, too long, or trailing content
   */
  public static Object read(byte[] json) throws ParseException {
    return new Reader(json).document();
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
    } catch (ParseException | RuntimeException e) {
      return Map.of();
    }
  }

  /** Writes a map of strings, numbers, booleans, nulls, maps and lists as one line of JSON. */
  public static String write(Map<String, ?> value) {
    StringBuilder out = new StringBuilder(256);
    writeValue(out, value, 0);
    return out.toString();
  }

  /** What went wrong in {@link #read}; the message never quotes the input. */
  public enum Problem {
    NO_CONTENT("no content"),
    END_OF_INPUT("unexpected end of input"),
    UNEXPECTED_CHARACTER("unexpected character"),
    INVALID_NUMBER("invalid number"),
    INVALID_ESCAPE("invalid escape"),
    UNPAIRED_SURROGATE("unpaired surrogate escape in a field name"),
    CONTROL_CHARACTER("unescaped control character in a string"),
    INVALID_UTF8("invalid UTF-8"),
    DUPLICATE_FIELD("duplicate field"),
    TOO_DEEP("nested deeper than " + MAX_NESTING_DEPTH + " levels"),
    NUMBER_TOO_LONG("a number longer than the parser allows"),
    NAME_TOO_LONG("a field name longer than the parser allows"),
    TRAILING_CONTENT("content after the JSON value");

    private final String description;

    Problem(String description) {
      this.description = description;
    }

    /** A few words, fit for a one-line error, e.g. "duplicate field". */
    public String description() {
      return description;
    }
  }

  /** Thrown by {@link #read}: the problem and where, line and column counted from 1. */
  public static class ParseException extends IOException {
    private static final long serialVersionUID = 1L;
    private final Problem problem;
    private final int line;
    private final int column;

    ParseException(Problem problem, int line, int column) {
      super(problem.description() + " at line " + line + ", column " + column);
      this.problem = problem;
      this.line = line;
      this.column = column;
    }

    public Problem problem() {
      return problem;
    }

    public int line() {
      return line;
    }

    /** The byte (not character) in the line where reading stopped. */
    public int column() {
      return column;
    }
  }

  /** Thrown by {@link #read} when something follows the JSON value. */
  public static final class TrailingContentException extends ParseException {
    private static final long serialVersionUID = 1L;

    TrailingContentException(int line, int column) {
      super(Problem.TRAILING_CONTENT, line, column);
    }
  }

  /**
   * A JSON text written straight to UTF-8 bytes, for bodies that hold a secret and so should not
   * become a String: only the caller's own strings and the bytes exist. Writes what jackson's UTF-8
   * generator wrote, surrogates included: each as its &#92;uXXXX escape. Not thread-safe; the
   * caller keeps the calls well nested.
   */
  public static final class Utf8Writer {
    private final ByteArrayOutputStream out;
    private boolean separate;

    public Utf8Writer(int initialSize) {
      this.out = new ByteArrayOutputStream(initialSize);
    }

    public Utf8Writer startObject() {
      separator();
      out.write('{');
      separate = false;
      return this;
    }

    public Utf8Writer endObject() {
      out.write('}');
      separate = true;
      return this;
    }

    public Utf8Writer startArray() {
      separator();
      out.write('[');
      separate = false;
      return this;
    }

    public Utf8Writer endArray() {
      out.write(']');
      separate = true;
      return this;
    }

    /** A field name; its value comes next. */
    public Utf8Writer name(String name) {
      separator();
      string(name);
      out.write(':');
      separate = false;
      return this;
    }

    public Utf8Writer value(String value) {
      separator();
      string(value);
      separate = true;
      return this;
    }

    public Utf8Writer field(String name, String value) {
      return name(name).value(value);
    }

    public byte[] toByteArray() {
      return out.toByteArray();
    }

    private void separator() {
      if (separate) {
        out.write(',');
      }
    }

    private void string(String s) {
      out.write('"');
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c < 0x80) {
          if (c < 0x20 || c == '"' || c == '\\') {
            escapeAscii(c);
          } else {
            out.write(c);
          }
        } else if (c < 0x800) {
          out.write(0xC0 | (c >> 6));
          out.write(0x80 | (c & 0x3F));
        } else if (Character.isSurrogate(c)) {
          unicodeEscape(c);
        } else {
          out.write(0xE0 | (c >> 12));
          out.write(0x80 | ((c >> 6) & 0x3F));
          out.write(0x80 | (c & 0x3F));
        }
      }
      out.write('"');
    }

    private void escapeAscii(char c) {
      char shortForm = shortEscape(c);
      if (shortForm != 0) {
        out.write('\\');
        out.write(shortForm);
      } else {
        unicodeEscape(c);
      }
    }

    private void unicodeEscape(char c) {
      out.write('\\');
      out.write('u');
      out.write(HEX[c >> 12]);
      out.write(HEX[(c >> 8) & 0xF]);
      out.write(HEX[(c >> 4) & 0xF]);
      out.write(HEX[c & 0xF]);
    }
  }

  /** The two-character escape jackson writes for {@code c}, or 0 when it writes &#92;u00XX. */
  private static char shortEscape(char c) {
    return switch (c) {
      case '"' -> '"';
      case '\\' -> '\\';
      case '\b' -> 'b';
      case '\t' -> 't';
      case '\n' -> 'n';
      case '\f' -> 'f';
      case '\r' -> 'r';
      default -> 0;
    };
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
        char shortForm = shortEscape(c);
        if (shortForm != 0) {
          out.append('\\').append(shortForm);
        } else {
          out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
        }
      }
    }
    out.append(s, plain, s.length()).append('"');
  }

  /** One pass over the bytes; recursion only per nesting level, so at most 16 frames deep. */
  private static final class Reader {
    private final byte[] in;
    private int pos;
    private int line = 1;
    private int lineStart;

    Reader(byte[] in) {
      this.in = in;
      if (in.length >= 3 && in[0] == (byte) 0xEF && in[1] == (byte) 0xBB && in[2] == (byte) 0xBF) {
        pos = 3; // a UTF-8 byte order mark, which RFC 8259 lets a reader ignore (jackson does)
      }
    }

    Object document() throws ParseException {
      skipWhitespace();
      if (pos == in.length) {
        throw error(Problem.NO_CONTENT);
      }
      Object value = value(0);
      skipWhitespace();
      if (pos < in.length) {
        throw new TrailingContentException(line, column());
      }
      return value;
    }

    private Object value(int depth) throws ParseException {
      if (pos == in.length) {
        throw error(Problem.END_OF_INPUT);
      }
      byte c = in[pos];
      return switch (c) {
        case '{' -> object(depth + 1);
        case '[' -> array(depth + 1);
        case '"' -> string(false);
        case 't' -> literal("true", true);
        case 'f' -> literal("false", false);
        case 'n' -> literal("null", null);
        case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> number();
        default -> throw error(Problem.UNEXPECTED_CHARACTER);
      };
    }

    private Map<String, Object> object(int depth) throws ParseException {
      checkDepth(depth);
      pos++;
      Map<String, Object> map = new LinkedHashMap<>();
      skipWhitespace();
      if (peek() == '}') {
        pos++;
        return map;
      }
      while (true) {
        if (peek() != '"') {
          throw unexpected();
        }
        int nameLine = line;
        int nameColumn = column();
        String name = string(true);
        if (map.containsKey(name)) {
          throw new ParseException(Problem.DUPLICATE_FIELD, nameLine, nameColumn);
        }
        skipWhitespace();
        if (peek() != ':') {
          throw unexpected();
        }
        pos++;
        skipWhitespace();
        map.put(name, value(depth));
        skipWhitespace();
        int next = peek();
        pos++;
        if (next == '}') {
          return map;
        }
        if (next != ',') {
          pos--;
          throw unexpected();
        }
        skipWhitespace();
      }
    }

    private List<Object> array(int depth) throws ParseException {
      checkDepth(depth);
      pos++;
      List<Object> list = new ArrayList<>();
      skipWhitespace();
      if (peek() == ']') {
        pos++;
        return list;
      }
      while (true) {
        list.add(value(depth));
        skipWhitespace();
        int next = peek();
        pos++;
        if (next == ']') {
          return list;
        }
        if (next != ',') {
          pos--;
          throw unexpected();
        }
        skipWhitespace();
      }
    }

    private void checkDepth(int depth) throws ParseException {
      if (depth > MAX_NESTING_DEPTH) {
        throw error(Problem.TOO_DEEP);
      }
    }

    private Object literal(String word, Object value) throws ParseException {
      for (int i = 0; i < word.length(); i++) {
        if (pos == in.length) {
          throw error(Problem.END_OF_INPUT);
        }
        if (in[pos] != word.charAt(i)) {
          throw error(Problem.UNEXPECTED_CHARACTER);
        }
        pos++;
      }
      return value;
    }

    private Number number() throws ParseException {
      int start = pos;
      boolean negative = in[pos] == '-';
      if (negative) {
        pos++;
      }
      int intDigits = digits();
      if (intDigits == 0) {
        throw pos == in.length ? error(Problem.END_OF_INPUT) : error(Problem.INVALID_NUMBER);
      }
      if (intDigits > 1 && in[pos - intDigits] == '0') {
        pos -= intDigits - 1; // at the digit after the leading zero
        throw error(Problem.INVALID_NUMBER);
      }
      int fractionDigits = 0;
      int exponentDigits = 0;
      boolean integer = true;
      if (pos < in.length && in[pos] == '.') {
        integer = false;
        pos++;
        fractionDigits = requireDigits();
      }
      if (pos < in.length && (in[pos] == 'e' || in[pos] == 'E')) {
        integer = false;
        pos++;
        if (pos < in.length && (in[pos] == '+' || in[pos] == '-')) {
          pos++;
        }
        exponentDigits = requireDigits();
      }
      if (intDigits + fractionDigits + exponentDigits > MAX_NUMBER_LENGTH) {
        throw error(Problem.NUMBER_TOO_LONG);
      }
      String text = new String(in, start, pos - start, StandardCharsets.ISO_8859_1);
      if (!integer) {
        return Double.valueOf(text);
      }
      if (intDigits <= 18) {
        long value = Long.parseLong(text);
        if (value == (int) value) {
          return Integer.valueOf((int) value);
        }
        return Long.valueOf(value);
      }
      BigInteger value = new BigInteger(text);
      if (value.bitLength() < 64) {
        return Long.valueOf(value.longValue());
      }
      return value;
    }

    private int requireDigits() throws ParseException {
      int count = digits();
      if (count == 0) {
        throw pos == in.length ? error(Problem.END_OF_INPUT) : error(Problem.INVALID_NUMBER);
      }
      return count;
    }

    private int digits() {
      int start = pos;
      while (pos < in.length && in[pos] >= '0' && in[pos] <= '9') {
        pos++;
      }
      return pos - start;
    }

    /** A string from its opening quote; for names, also checks the name's length in UTF-8. */
    private String string(boolean name) throws ParseException {
      int start = ++pos;
      // Fast path: printable ASCII without escapes, the usual case.
      while (pos < in.length) {
        byte b = in[pos];
        if (b == '"') {
          String s = new String(in, start, pos - start, StandardCharsets.ISO_8859_1);
          pos++;
          checkNameLength(name, s.length(), start);
          return s;
        }
        if (b < 0x20 || b == '\\') { // non-ASCII bytes are negative
          break;
        }
        pos++;
      }
      StringBuilder s = new StringBuilder(pos - start + 16);
      s.append(new String(in, start, pos - start, StandardCharsets.ISO_8859_1));
      long utf8Length = (long) pos - start;
      while (true) {
        if (pos == in.length) {
          throw error(Problem.END_OF_INPUT);
        }
        int b = in[pos] & 0xFF;
        if (b == '"') {
          pos++;
          checkNameLength(name, utf8Length, start);
          return s.toString();
        } else if (b == '\\') {
          int at = pos;
          char c = escape();
          s.append(c);
          utf8Length += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
          if (name && Character.isSurrogate(c)) {
            s.append(lowSurrogateEscape(c, at));
            utf8Length += 3;
          }
        } else if (b < 0x20) {
          throw error(Problem.CONTROL_CHARACTER);
        } else if (b < 0x80) {
          s.append((char) b);
          pos++;
          utf8Length++;
        } else {
          int before = pos;
          s.appendCodePoint(utf8());
          utf8Length += pos - before;
        }
      }
    }

    /**
     * In a field name (not in a value), jackson wants an escaped surrogate to be the high half of a
     * pair written as two escapes: the low half that must follow {@code high}.
     */
    private char lowSurrogateEscape(char high, int highAt) throws ParseException {
      int at = highAt;
      if (Character.isHighSurrogate(high)) {
        if (pos == in.length) {
          throw error(Problem.END_OF_INPUT);
        }
        if (in[pos] == '\\') {
          at = pos;
          char low = escape();
          if (Character.isLowSurrogate(low)) {
            return low;
          }
        }
      }
      throw new ParseException(Problem.UNPAIRED_SURROGATE, line, at - lineStart + 1);
    }

    private void checkNameLength(boolean name, long utf8Length, int start) throws ParseException {
      if (name && utf8Length > MAX_NAME_LENGTH) {
        throw new ParseException(Problem.NAME_TOO_LONG, line, start - lineStart);
      }
    }

    /** The char of the escape at {@code pos} (a backslash); lone surrogates are kept as is. */
    private char escape() throws ParseException {
      pos++;
      if (pos == in.length) {
        throw error(Problem.END_OF_INPUT);
      }
      if (in[pos] == 'u') {
        pos++;
        int value = 0;
        for (int i = 0; i < 4; i++) {
          if (pos == in.length) {
            throw error(Problem.END_OF_INPUT);
          }
          int digit = Character.digit(in[pos], 16);
          if (digit < 0) {
            throw error(Problem.INVALID_ESCAPE);
          }
          value = (value << 4) | digit;
          pos++;
        }
        return (char) value;
      }
      char c =
          switch (in[pos]) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '/' -> '/';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            default -> throw error(Problem.INVALID_ESCAPE);
          };
      pos++;
      return c;
    }

    /**
     * The code point of the UTF-8 sequence at {@code pos}, strictly (Unicode table 3-7): no
     * overlong forms, no surrogates, nothing above U+10FFFF.
     */
    private int utf8() throws ParseException {
      int lead = in[pos] & 0xFF;
      int count;
      int min = 0x80;
      int max = 0xBF;
      int codePoint;
      if (lead >= 0xC2 && lead <= 0xDF) {
        count = 1;
        codePoint = lead & 0x1F;
      } else if (lead >= 0xE0 && lead <= 0xEF) {
        count = 2;
        codePoint = lead & 0x0F;
        if (lead == 0xE0) {
          min = 0xA0;
        } else if (lead == 0xED) {
          max = 0x9F;
        }
      } else if (lead >= 0xF0 && lead <= 0xF4) {
        count = 3;
        codePoint = lead & 0x07;
        if (lead == 0xF0) {
          min = 0x90;
        } else if (lead == 0xF4) {
          max = 0x8F;
        }
      } else {
        throw error(Problem.INVALID_UTF8);
      }
      pos++;
      for (int i = 0; i < count; i++) {
        if (pos == in.length) {
          throw error(Problem.END_OF_INPUT);
        }
        int next = in[pos] & 0xFF;
        if (next < min || next > max) {
          throw error(Problem.INVALID_UTF8);
        }
        codePoint = (codePoint << 6) | (next & 0x3F);
        min = 0x80;
        max = 0xBF;
        pos++;
      }
      return codePoint;
    }

    private void skipWhitespace() {
      while (pos < in.length) {
        byte b = in[pos];
        if (b == ' ' || b == '\t') {
          pos++;
        } else if (b == '\n' || b == '\r') {
          pos++;
          if (b == '\r' && pos < in.length && in[pos] == '\n') {
            pos++; // CR LF is one line break
          }
          line++;
          lineStart = pos;
        } else {
          return;
        }
      }
    }

    /** The byte at {@code pos}, or -1 at the end. */
    private int peek() {
      return pos < in.length ? in[pos] & 0xFF : -1;
    }

    private ParseException unexpected() {
      return error(pos == in.length ? Problem.END_OF_INPUT : Problem.UNEXPECTED_CHARACTER);
    }

    private ParseException error(Problem problem) {
      return new ParseException(problem, line, column());
    }

    private int column() {
      return pos - lineStart + 1;
    }
  }
}
