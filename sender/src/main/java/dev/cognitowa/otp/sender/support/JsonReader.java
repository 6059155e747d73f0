package dev.cognitowa.otp.sender.support;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One pass over the bytes; recursion only per nesting level, so at most 16 frames deep. */
final class JsonReader {
  private final byte[] in;
  private int pos;
  private int line = 1;
  private int lineStart;

  JsonReader(byte[] in) {
    this.in = in;
    if (in.length >= 3 && in[0] == (byte) 0xEF && in[1] == (byte) 0xBB && in[2] == (byte) 0xBF) {
      pos = 3; // a UTF-8 byte order mark, which RFC 8259 lets a reader ignore (jackson does)
    }
  }

  Object document() throws JsonParseException {
    skipWhitespace();
    if (pos == in.length) {
      throw error(JsonParseException.Problem.NO_CONTENT);
    }
    Object value = value(0);
    skipWhitespace();
    if (pos < in.length) {
      throw new JsonParseException.TrailingContent(line, column());
    }
    return value;
  }

  private Object value(int depth) throws JsonParseException {
    if (pos == in.length) {
      throw error(JsonParseException.Problem.END_OF_INPUT);
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
      default -> throw error(JsonParseException.Problem.UNEXPECTED_CHARACTER);
    };
  }

  private Map<String, Object> object(int depth) throws JsonParseException {
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
        throw new JsonParseException(
            JsonParseException.Problem.DUPLICATE_FIELD, nameLine, nameColumn);
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

  private List<Object> array(int depth) throws JsonParseException {
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

  private void checkDepth(int depth) throws JsonParseException {
    if (depth > Json.MAX_NESTING_DEPTH) {
      throw error(JsonParseException.Problem.TOO_DEEP);
    }
  }

  private Object literal(String word, Object value) throws JsonParseException {
    for (int i = 0; i < word.length(); i++) {
      if (pos == in.length) {
        throw error(JsonParseException.Problem.END_OF_INPUT);
      }
      if (in[pos] != word.charAt(i)) {
        throw error(JsonParseException.Problem.UNEXPECTED_CHARACTER);
      }
      pos++;
    }
    return value;
  }

  private Number number() throws JsonParseException {
    int start = pos;
    boolean negative = in[pos] == '-';
    if (negative) {
      pos++;
    }
    int intDigits = digits();
    if (intDigits == 0) {
      throw pos == in.length
          ? error(JsonParseException.Problem.END_OF_INPUT)
          : error(JsonParseException.Problem.INVALID_NUMBER);
    }
    if (intDigits > 1 && in[pos - intDigits] == '0') {
      pos -= intDigits - 1; // at the digit after the leading zero
      throw error(JsonParseException.Problem.INVALID_NUMBER);
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
    if (intDigits + fractionDigits + exponentDigits > Json.MAX_NUMBER_LENGTH) {
      throw error(JsonParseException.Problem.NUMBER_TOO_LONG);
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

  private int requireDigits() throws JsonParseException {
    int count = digits();
    if (count == 0) {
      throw pos == in.length
          ? error(JsonParseException.Problem.END_OF_INPUT)
          : error(JsonParseException.Problem.INVALID_NUMBER);
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
  private String string(boolean name) throws JsonParseException {
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
        throw error(JsonParseException.Problem.END_OF_INPUT);
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
        throw error(JsonParseException.Problem.CONTROL_CHARACTER);
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
  private char lowSurrogateEscape(char high, int highAt) throws JsonParseException {
    int at = highAt;
    if (Character.isHighSurrogate(high)) {
      if (pos == in.length) {
        throw error(JsonParseException.Problem.END_OF_INPUT);
      }
      if (in[pos] == '\\') {
        at = pos;
        char low = escape();
        if (Character.isLowSurrogate(low)) {
          return low;
        }
      }
    }
    throw new JsonParseException(
        JsonParseException.Problem.UNPAIRED_SURROGATE, line, at - lineStart + 1);
  }

  private void checkNameLength(boolean name, long utf8Length, int start) throws JsonParseException {
    if (name && utf8Length > Json.MAX_NAME_LENGTH) {
      throw new JsonParseException(
          JsonParseException.Problem.NAME_TOO_LONG, line, start - lineStart);
    }
  }

  /** The char of the escape at {@code pos} (a backslash); lone surrogates are kept as is. */
  private char escape() throws JsonParseException {
    pos++;
    if (pos == in.length) {
      throw error(JsonParseException.Problem.END_OF_INPUT);
    }
    if (in[pos] == 'u') {
      pos++;
      int value = 0;
      for (int i = 0; i < 4; i++) {
        if (pos == in.length) {
          throw error(JsonParseException.Problem.END_OF_INPUT);
        }
        int digit = Character.digit(in[pos], 16);
        if (digit < 0) {
          throw error(JsonParseException.Problem.INVALID_ESCAPE);
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
          default -> throw error(JsonParseException.Problem.INVALID_ESCAPE);
        };
    pos++;
    return c;
  }

  /**
   * The code point of the UTF-8 sequence at {@code pos}, strictly (Unicode table 3-7): no overlong
   * forms, no surrogates, nothing above U+10FFFF.
   */
  private int utf8() throws JsonParseException {
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
      throw error(JsonParseException.Problem.INVALID_UTF8);
    }
    pos++;
    for (int i = 0; i < count; i++) {
      if (pos == in.length) {
        throw error(JsonParseException.Problem.END_OF_INPUT);
      }
      int next = in[pos] & 0xFF;
      if (next < min || next > max) {
        throw error(JsonParseException.Problem.INVALID_UTF8);
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

  private JsonParseException unexpected() {
    return error(
        pos == in.length
            ? JsonParseException.Problem.END_OF_INPUT
            : JsonParseException.Problem.UNEXPECTED_CHARACTER);
  }

  private JsonParseException error(JsonParseException.Problem problem) {
    return new JsonParseException(problem, line, column());
  }

  private int column() {
    return pos - lineStart + 1;
  }
}
