package dev.cognitowa.otp.cli.templates;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One template to create: its identity and the body of Meta's {@code POST
 * /{version}/{waba-id}/message_templates}, which End User Messaging Social's
 * CreateWhatsAppMessageTemplate takes unchanged as its {@code templateDefinition}.
 *
 * @param wanted name, language and category
 * @param body the JSON body as maps, lists, strings, numbers and booleans
 */
public record TemplateDefinition(WantedTemplate wanted, Map<String, Object> body) {
  public TemplateDefinition {
    body = Collections.unmodifiableMap(new LinkedHashMap<>(body)); // Meta's order, kept
  }
}
