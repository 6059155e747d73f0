package dev.cognitowa.otp.sender.support;

/** The escapes both JSON writers share, as jackson-core wrote them. */
final class JsonEscapes {
  static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private JsonEscapes() {}

  /** The two-character escape jackson writes for {@code c}, or 0 when it writes &#92;u00XX. */
  static char shortEscape(char c) {
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
}
