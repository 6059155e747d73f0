package dev.cognitowa.otp.cli.templates;

/**
 * A template the configuration sends, in one language: what {@code otp templates create} makes and
 * {@code otp templates list} checks.
 *
 * @param name the template name, as the sender's settings give it
 * @param language a WhatsApp language code, e.g. {@code en_US}
 * @param category authentication for codes, utility for the temporary password
 */
public record WantedTemplate(String name, String language, TemplateCategory category) {}
