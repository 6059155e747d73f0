package dev.cognitowa.otp.sender.language;

import java.util.List;
import java.util.Optional;

/**
 * Picks a template's language among those configured as available ({@code
 * WHATSAPP_TEMPLATE_LANGUAGES}). Each preference in turn (the app's choice, then the user's locale)
 * is tried as language and region, then the language alone, then the first available code of that
 * language in the configured order; when none matches, the default. Only a configured code ever
 * comes out, so the result is safe to log and to send. Thread-safe.
 */
public final class LanguageChooser {
  private final List<String> available;

  /**
   * @param available WhatsApp language codes ({@code en_US}, {@code pt_BR}, {@code es}), in the
   *     order that breaks ties between variants of one language
   */
  public LanguageChooser(List<String> available) {
    this.available = List.copyOf(available);
  }

  /** The languages this chooser picks from, in their configured order. */
  public List<String> available() {
    return available;
  }

  /**
   * The language for a message.
   *
   * @param preferences best first; empty ones (missing or unreadable locales) are skipped
   * @param fallback the configured default, used when no preference matches
   */
  public String choose(List<Optional<LocaleTag>> preferences, String fallback) {
    for (Optional<LocaleTag> preference : preferences) {
      Optional<String> match = preference.flatMap(this::match);
      if (match.isPresent()) {
        return match.get();
      }
    }
    return fallback;
  }

  /** The available code for one locale, if any: see the class comment for the order. */
  public Optional<String> match(LocaleTag tag) {
    for (String candidate : tag.candidates()) {
      if (available.contains(candidate)) {
        return Optional.of(candidate);
      }
    }
    String prefix = tag.language() + "_";
    return available.stream().filter(code -> code.startsWith(prefix)).findFirst();
  }
}
