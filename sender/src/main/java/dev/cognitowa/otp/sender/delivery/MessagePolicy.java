package dev.cognitowa.otp.sender.delivery;

import dev.cognitowa.otp.sender.event.InvalidEventException;
import dev.cognitowa.otp.sender.event.TriggerSource;
import dev.cognitowa.otp.sender.support.HtmlEntities;
import dev.cognitowa.otp.sender.support.Sensitive;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides what a trigger source's message says: which template, with which parameters.
 *
 * <p>Code-bearing sources use an authentication template: the code is the one body parameter and
 * the parameter of the copy-code / one-tap button (a url button at index "0"). AdminCreateUser
 * carries a temporary password, which an authentication template cannot hold, so it uses a template
 * of its own whose body takes the user name and the password (HTML-unescaped: Cognito escapes
 * {@code <}, {@code >} and {@code &} in it).
 */
public final class MessagePolicy {
  /** Meta refuses authentication-template codes longer than 15 characters (error 132000 family). */
  public static final int MAX_AUTHENTICATION_CODE_LENGTH = 15;

  /**
   * Cognito's temporary passwords are at most 256 characters; anything longer is not from Cognito.
   */
  static final int MAX_TEMPORARY_PASSWORD_LENGTH = 256;

  private final Map<TriggerSource, TemplateRef> templates;

  public MessagePolicy(Map<TriggerSource, TemplateRef> templates) {
    for (TriggerSource source : TriggerSource.values()) {
      if (!templates.containsKey(source)) {
        throw new IllegalArgumentException("no template for " + source.wireName());
      }
    }
    this.templates = Map.copyOf(templates);
  }

  /**
   * Builds the message for one event.
   *
   * @param secret the decrypted code, or for AdminCreateUser the temporary password as Cognito
   *     escaped it
   * @throws InvalidEventException when the code cannot be sent through the template (empty, too
   *     long)
   */
  public OtpMessage messageFor(
      TriggerSource source, Recipient recipient, String userName, Sensitive secret) {
    TemplateRef template = templates.get(source);
    if (source.carriesTemporaryPassword()) {
      Sensitive password = Sensitive.of(HtmlEntities.unescape(secret.reveal()));
      if (password.length() == 0 || password.length() > MAX_TEMPORARY_PASSWORD_LENGTH) {
        throw new InvalidEventException(
            "temporary password must be 1.."
                + MAX_TEMPORARY_PASSWORD_LENGTH
                + " characters, was "
                + password.length());
      }
      return new OtpMessage(
          source, recipient, template, List.of(Sensitive.of(userName), password), Optional.empty());
    }
    String code = secret.reveal();
    if (code.isEmpty() || code.length() > MAX_AUTHENTICATION_CODE_LENGTH || !isSingleLine(code)) {
      throw new InvalidEventException(
          "decrypted code must be 1.."
              + MAX_AUTHENTICATION_CODE_LENGTH
              + " printable characters on one line (an authentication template's limit), was "
              + code.length()
              + " characters");
    }
    return new OtpMessage(source, recipient, template, List.of(secret), Optional.of(secret));
  }

  private static boolean isSingleLine(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isISOControl(text.charAt(i)) || Character.isWhitespace(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
