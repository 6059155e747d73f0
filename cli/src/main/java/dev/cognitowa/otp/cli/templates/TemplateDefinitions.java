package dev.cognitowa.otp.cli.templates;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the bodies of Meta's create-template request for the two templates this project sends. The
 * shapes are those of Meta's reference (message_templates POST, "Create authentication template w/
 * OTP copy code button" and "one-tap autofill button") and its authentication templates guide
 * (https://developers.facebook.com/docs/whatsapp/business-management-api/authentication-templates).
 */
public final class TemplateDefinitions {
  /**
   * The example values Meta's review sees for the utility template's two parameters; made up, as
   * Meta asks for samples, not real data.
   */
  static final List<String> TEMPORARY_PASSWORD_EXAMPLE = List.of("alice", "Xk7#pQ2m");

  private TemplateDefinitions() {}

  /**
   * The authentication template: Meta's fixed body (with the security recommendation), the expiry
   * footer and one OTP button; {@code message_send_ttl_seconds} no longer than the code is useful.
   */
  public static TemplateDefinition authentication(
      String name, String language, AuthenticationOptions options) {
    Map<String, Object> button = new LinkedHashMap<>();
    button.put("type", "OTP");
    button.put("otp_type", options.otpType().name());
    if (!options.apps().isEmpty()) {
      button.put(
          "supported_apps",
          options.apps().stream()
              .map(
                  app ->
                      ordered(
                          "package_name", app.packageName(), "signature_hash", app.signatureHash()))
              .toList());
    }
    if (options.otpType() == AuthenticationOptions.OtpType.ZERO_TAP) {
      button.put("zero_tap_terms_accepted", true);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("language", language);
    body.put("category", TemplateCategory.AUTHENTICATION.name());
    body.put("message_send_ttl_seconds", options.messageTtl().toSeconds());
    body.put(
        "components",
        List.of(
            ordered(
                "type", "BODY", "add_security_recommendation", options.securityRecommendation()),
            ordered(
                "type", "FOOTER", "code_expiration_minutes", options.codeExpiration().toMinutes()),
            ordered("type", "BUTTONS", "buttons", List.of(button))));
    return new TemplateDefinition(
        new WantedTemplate(name, language, TemplateCategory.AUTHENTICATION), body);
  }

  /**
   * The AdminCreateUser template: a utility template whose body takes the user name and the
   * temporary password, with the sample values Meta's review requires.
   *
   * @param text the body with {@code {{1}}} and {@code {{2}}}, see {@link TemporaryPasswordTexts}
   */
  public static TemplateDefinition temporaryPassword(String name, String language, String text) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("language", language);
    body.put("category", TemplateCategory.UTILITY.name());
    body.put(
        "components",
        List.of(
            ordered(
                "type",
                "BODY",
                "text",
                text,
                "example",
                Map.of("body_text", List.of(TEMPORARY_PASSWORD_EXAMPLE)))));
    return new TemplateDefinition(
        new WantedTemplate(name, language, TemplateCategory.UTILITY), body);
  }

  /** A map that keeps its keys in the order given, as Meta's examples write them. */
  private static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
