package dev.cognitowa.otp.sender.support;

import java.io.ByteArrayOutputStream;

/**
 * A JSON text written straight to UTF-8 bytes, for bodies that hold a secret and so should not
 * become a String: only the caller's own strings and the bytes exist. Writes what jackson's UTF-8
 * generator wrote, surrogates included: each as its &#92;uXXXX escape. Not thread-safe; the caller
 * keeps the calls well nested.
 */
public final class JsonUtf8Writer {
  private final ByteArrayOutputStream out;
  private boolean separate;

  public JsonUtf8Writer(int initialSize) {
    this.out = new ByteArrayOutputStream(initialSize);
  }

  public JsonUtf8Writer startObject() {
    separator();
    out.write('{');
    separate = false;
    return this;
  }

  public JsonUtf8Writer endObject() {
    out.write('}');
    separate = true;
    return this;
  }

  public JsonUtf8Writer startArray() {
    separator();
    out.write('[');
    separate = false;
    return this;
  }

  public JsonUtf8Writer endArray() {
    out.write(']');
    separate = true;
    return this;
  }

  /** A field name; its value comes next. */
  public JsonUtf8Writer name(String name) {
    separator();
    string(name);
    out.write(':');
    separate = false;
    return this;
  }

  public JsonUtf8Writer value(String value) {
    separator();
    string(value);
    separate = true;
    return this;
  }

  public JsonUtf8Writer field(String name, String value) {
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
    char shortForm = JsonEscapes.shortEscape(c);
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
    out.write(JsonEscapes.HEX[c >> 12]);
    out.write(JsonEscapes.HEX[(c >> 8) & 0xF]);
    out.write(JsonEscapes.HEX[(c >> 4) & 0xF]);
    out.write(JsonEscapes.HEX[c & 0xF]);
  }
}
