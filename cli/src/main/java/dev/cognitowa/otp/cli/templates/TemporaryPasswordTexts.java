package dev.cognitowa.otp.cli.templates;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The body of the AdminCreateUser template in the languages this project ships: {@code {{1}}} is
 * the user name, {@code {{2}}} the temporary password. Meta writes authentication templates' text
 * itself in every language; a utility template's text is ours to give.
 */
public final class TemporaryPasswordTexts {
  /**
   * By WhatsApp language code, or by language alone for a code with a region not listed (es_MX uses
   * es). Keep README's languages table in step.
   */
  static final Map<String, String> TEXTS =
      Map.of(
          "en",
          "Hi {{1}}, your temporary password is {{2}}. You will be asked to choose a new one when"
              + " you sign in.",
          "pt_BR",
          "Olá {{1}}, sua senha temporária é {{2}}. Você deverá escolher uma nova ao entrar.",
          "pt_PT",
          "Olá {{1}}, a sua palavra-passe temporária é {{2}}. Ser-lhe-á pedido que escolha uma nova"
              + " ao iniciar sessão.",
          "es",
          "Hola {{1}}, tu contraseña temporal es {{2}}. Se te pedirá que elijas una nueva al iniciar"
              + " sesión.",
          "fr",
          "Bonjour {{1}}, votre mot de passe temporaire est {{2}}. Vous devrez en choisir un nouveau"
              + " lors de votre connexion.",
          "de",
          "Hallo {{1}}, dein temporäres Passwort lautet {{2}}. Bei der Anmeldung wirst du"
              + " aufgefordert, ein neues zu wählen.",
          "it",
          "Ciao {{1}}, la tua password temporanea è {{2}}. Ti verrà chiesto di sceglierne una nuova"
              + " al momento dell'accesso.");

  private TemporaryPasswordTexts() {}

  /** The text for a language code: its own, else its language's ({@code en_GB} → {@code en}). */
  public static Optional<String> forLanguage(String language) {
    String text = TEXTS.get(language);
    if (text == null) {
      int underscore = language.indexOf('_');
      text =
          TEXTS.get(
              (underscore < 0 ? language : language.substring(0, underscore))
                  .toLowerCase(Locale.ROOT));
    }
    return Optional.ofNullable(text);
  }

  /** True when a text given by the operator has both parameters, each once. */
  public static boolean isValid(String text) {
    return count(text, "{{1}}") == 1
        && count(text, "{{2}}") == 1
        && !text.contains("{{3}}")
        && !text.isBlank();
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
