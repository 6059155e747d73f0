package dev.cognitowa.otp.sender.delivery;

import dev.cognitowa.otp.sender.event.InvalidEventException;
import dev.cognitowa.otp.sender.event.TriggerSource;
import dev.cognitowa.otp.sender.language.LanguageChooser;
import dev.cognitowa.otp.sender.phone.Recipient;
import dev.cognitowa.otp.sender.support.HtmlEntities;
import dev.cognitowa.otp.sender.support.Sensitive;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides what a trigger source's message says: which template, in which language, with which
 * parameters.
 *
 * <p>The template set is the app client's when {@code OTP_APP_CLIENTS} names the event's {@code
 * callerContext.clientId}, else the pool's. Its language is the app's choice ({@code
 * clientMetadata.locale}), else the user's {@code locale}, matched among the set's languages by
 * {@link LanguageChooser}; else the source's default language.
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

  private final Choice pool;
  private final Map<String, Choice> appClients;

  /** One template per source, each in its one language, for every app client. */
  public MessagePolicy(Map<TriggerSource, TemplateRef> templates) {
    this(TemplateSet.ofDefaults(templates), Map.of());
  }

  /**
   * @param pool the templates and languages for every event whose app client has none of its own
   * @param appClients the templates and languages of app clients, by app client id
   */
  public MessagePolicy(TemplateSet pool, Map<String, TemplateSet> appClients) {
    this.pool = new Choice(pool);
    Map<String, Choice> choices = new HashMap<>();
    appClients.forEach((id, set) -> choices.put(id, new Choice(set)));
    this.appClients = Map.copyOf(choices);
  }

  /**
   * As {@link #messageFor(TriggerSource, Recipient, String, Sensitive, Audience)}, for no one in
   * particular.
   */
  public OtpMessage messageFor(
      TriggerSource source, Recipient recipient, String userName, Sensitive secret) {
    return messageFor(source, recipient, userName, secret, Audience.NONE);
  }

  /**
   * The template for one audience: its app client's set (or the pool's), in the language chosen for
   * it.
   */
  public TemplateRef templateFor(TriggerSource source, Audience audience) {
    Choice choice = audience.appClientId().map(appClients::get).orElse(pool);
    TemplateRef template = choice.templates().get(source);
    String language =
        choice
            .languages()
            .choose(List.of(audience.appLocale(), audience.userLocale()), template.languageCode());
    return language.equals(template.languageCode())
        ? template
        : new TemplateRef(template.name(), language);
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
      TriggerSource source,
      Recipient recipient,
      String userName,
      Sensitive secret,
      Audience audience) {
    TemplateRef template = templateFor(source, audience);
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
          source,
          recipient,
          template,
          List.of(Sensitive.of(userName), password),
          Optional.empty(),
          audience.appClientId());
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
    return new OtpMessage(
        source, recipient, template, List.of(secret), Optional.of(secret), audience.appClientId());
  }

  /** One audience's templates and the chooser over its languages, built once. */
  private record Choice(Map<TriggerSource, TemplateRef> templates, LanguageChooser languages) {
    Choice(TemplateSet set) {
      this(set.templates(), new LanguageChooser(set.languages()));
    }
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
