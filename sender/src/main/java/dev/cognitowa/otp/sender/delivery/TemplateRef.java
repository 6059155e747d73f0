package dev.cognitowa.otp.sender.delivery;

/**
 * An approved WhatsApp message template.
 *
 * @param name template name, case-sensitive as approved in WhatsApp Manager
 * @param languageCode the template's language, e.g. {@code en_US} ({@code en} is a different
 *     template)
 */
public record TemplateRef(String name, String languageCode) {}
