package dev.cognitowa.otp.sender.support;

/**
 * Undoes the HTML escaping Cognito applies to temporary passwords ({@code <} arrives as <code>
 * &amp;lt;</code>). Handles the named entities Cognito uses plus decimal and hexadecimal character
 * references; anything else is left as it is.
 */
public final class HtmlEntities {
  /** Longest entity we decode, <code>&amp;#x10FFFF;</code>: bounds the look-ahead for a ';'. */
  private static final int MAX_ENTITY_LENGTH = 10;

  private HtmlEntities() {}

  public static String unescape(String text) {
    int amp = text.indexOf('&');
    if (amp < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    out.append(text, 0, amp);
    int i = amp;
    while (i < text.length()) {
      char c = text.charAt(i);
      int semicolon = c == '&' ? text.indexOf(';', i) : -1;
      if (semicolon > i && semicolon - i <= MAX_ENTITY_LENGTH) {
        String decoded = decode(text.substring(i + 1, semicolon));
        if (decoded != null) {
          out.append(decoded);
          i = semicolon + 1;
          continue;
        }
      }
      out.append(c);
      i++;
    }
    return out.toString();
  }

  private static String decode(String entity) {
    String named =
        switch (entity) {
          case "lt" -> "<";
          case "gt" -> ">";
          case "amp" -> "&";
          case "quot" -> "\"";
          case "apos" -> "'";
          default -> null;
        };
    if (named != null) {
      return named;
    }
    if (entity.length() < 2 || entity.charAt(0) != '#') {
      return null;
    }
    try {
      boolean hex = entity.charAt(1) == 'x' || entity.charAt(1) == 'X';
      int codePoint = Integer.parseInt(entity.substring(hex ? 2 : 1), hex ? 16 : 10);
      return Character.isValidCodePoint(codePoint)
          ? new String(Character.toChars(codePoint))
          : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
