package dev.cognitowa.otp.cli.templates;

import dev.cognitowa.otp.sender.phone.Recipient;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Graph API error ({@code {"error":{"message","type","code","error_subcode"}}}) and what the
 * operator should do about it, by Meta's error code (Meta: handle errors by {@code code}, not the
 * HTTP status; https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes).
 *
 * @param httpStatus the HTTP status
 * @param code Graph's {@code error.code}, or null when the body had none
 * @param subcode {@code error.error_subcode}, or null
 * @param message Meta's message, control characters removed, digit runs masked, shortened
 */
public record GraphError(int httpStatus, Integer code, Integer subcode, String message) {
  /**
   * Longest piece of Meta's message kept: enough for its title, bounded so a proxy's page cannot
   * flood the terminal.
   */
  static final int MAX_MESSAGE_LENGTH = 200;

  /** The access token is invalid, expired or revoked. */
  static final int TOKEN_INVALID = 190;

  /** "Invalid parameter": the request was wrong, Meta's message says which part. */
  static final int INVALID_PARAMETER = 100;

  /**
   * The subcode Meta answers when the account already has a template of this name in this language
   * ("content in this language already exists"). Meta's docs list it only in passing, so a message
   * saying "already exists" counts as well.
   */
  static final int DUPLICATE_SUBCODE = 2388024;

  /**
   * Throttling: 4 app, 17 user, 341 and 613 call limits, 80007 and 80008 WhatsApp Business account
   * limits, 130429 throughput.
   */
  static final Set<Integer> RATE_LIMITS = Set.of(4, 17, 341, 613, 80007, 80008, 130429);

  /** A phone number Meta might quote: seven or more digits, possibly spaced. */
  private static final Pattern DIGIT_RUN = Pattern.compile("\\+?[0-9][0-9 ()-]{6,}[0-9]");

  /** Reads Graph's error body; a body that is not Graph's (a proxy's page) gives a null code. */
  static GraphError of(int httpStatus, Map<String, Object> body) {
    if (body.get("error") instanceof Map<?, ?> error) {
      return new GraphError(
          httpStatus,
          error.get("code") instanceof Number n ? n.intValue() : null,
          error.get("error_subcode") instanceof Number n ? n.intValue() : null,
          safe(
              String.valueOf(
                  error.get("error_user_msg") instanceof String userMessage
                      ? error.get("message") + ": " + userMessage
                      : error.get("message"))));
    }
    return new GraphError(httpStatus, null, null, "");
  }

  /** True when Meta refused a create because that name and language exist already. */
  public boolean isDuplicate() {
    return (subcode != null && subcode == DUPLICATE_SUBCODE)
        || message.toLowerCase(Locale.ROOT).contains("already exists");
  }

  /** One line: the error, Meta's words and the remedy. */
  public String describe() {
    String what =
        (code == null ? "HTTP " + httpStatus : "Meta error " + code + " (HTTP " + httpStatus + ")")
            + (message.isEmpty() ? "" : ": " + message);
    return what + " -> " + remedy();
  }

  /** What to do, by Meta's code. */
  public String remedy() {
    if (code == null) {
      return httpStatus >= 500
          ? "Meta is having trouble; retry later"
          : "not a Graph answer: check WHATSAPP_API_BASE_URL";
    }
    if (code == TOKEN_INVALID) {
      return "renew the token (a system user token with whatsapp_business_management) and update"
          + " WHATSAPP_ACCESS_TOKEN or its secret";
    }
    if (code == 10 || (code >= 200 && code <= 299)) {
      return "permission missing: the token needs whatsapp_business_management on this WhatsApp"
          + " Business account (assign the account to the system user in Business settings)";
    }
    if (RATE_LIMITS.contains(code)) {
      return "rate-limited by Meta; retry later";
    }
    if (code == INVALID_PARAMETER) {
      return "invalid parameter: check WHATSAPP_BUSINESS_ACCOUNT_ID and the options Meta's message"
          + " names";
    }
    if (code == 1 || code == 2 || httpStatus >= 500) {
      return "Meta is having trouble; retry later";
    }
    if (code == 368) {
      return "the account is restricted for policy violations: see WhatsApp Manager";
    }
    return "see Meta's error codes: https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes";
  }

  /** Meta's text with control characters removed, digit runs masked, then shortened. */
  static String safe(String text) {
    Matcher m = DIGIT_RUN.matcher(text.replaceAll("\\p{Cntrl}", " ").strip());
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(Recipient.mask(m.group())));
    }
    m.appendTail(out);
    return out.length() > MAX_MESSAGE_LENGTH
        ? out.substring(0, MAX_MESSAGE_LENGTH)
        : out.toString();
  }
}
