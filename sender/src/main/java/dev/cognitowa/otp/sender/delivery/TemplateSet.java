package dev.cognitowa.otp.sender.delivery;

import dev.cognitowa.otp.sender.event.TriggerSource;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The templates of one audience (the whole pool, or one app client): a template per trigger source,
 * each with its default language, and the languages every one of those templates is approved in.
 *
 * @param templates the template for every trigger source, in its default language ({@code
 *     WHATSAPP_TEMPLATE_LANGUAGE} or its per-source override)
 * @param languages the languages a user's locale may pick ({@code WHATSAPP_TEMPLATE_LANGUAGES}), in
 *     the order that breaks ties between variants of one language; empty: no choice, each template
 *     in its default language
 */
public record TemplateSet(Map<TriggerSource, TemplateRef> templates, List<String> languages) {
  public TemplateSet {
    for (TriggerSource source : TriggerSource.values()) {
      if (!templates.containsKey(source)) {
        throw new IllegalArgumentException("no template for " + source.wireName());
      }
    }
    templates = Map.copyOf(new EnumMap<>(templates));
    languages = List.copyOf(languages);
  }

  /** One language per source, no choice: what a policy without localisation uses. */
  public static TemplateSet ofDefaults(Map<TriggerSource, TemplateRef> templates) {
    return new TemplateSet(templates, List.of());
  }
}
