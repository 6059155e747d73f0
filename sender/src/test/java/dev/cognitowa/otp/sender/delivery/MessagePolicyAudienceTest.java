package dev.cognitowa.otp.sender.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cognitowa.otp.sender.event.TriggerSource;
import dev.cognitowa.otp.sender.language.LocaleTag;
import dev.cognitowa.otp.sender.phone.Recipient;
import dev.cognitowa.otp.sender.support.Sensitive;
import dev.cognitowa.otp.sender.testutils.TestSecrets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which template and language an audience (app client, app's and user's locale) gets. */
class MessagePolicyAudienceTest {
  private static final Recipient RECIPIENT = Recipient.ofValidatedE164(TestSecrets.PHONE);
  private static final String ACME = "4rp0fj3q2mf1m5n7ll3a0k2jo9";

  private static Map<TriggerSource, TemplateRef> templates(String name, String language) {
    Map<TriggerSource, TemplateRef> templates = new EnumMap<>(TriggerSource.class);
    for (TriggerSource source : TriggerSource.values()) {
      templates.put(
          source,
          new TemplateRef(source.carriesTemporaryPassword() ? name + "_password" : name, language));
    }
    return templates;
  }

  private static final MessagePolicy POLICY =
      new MessagePolicy(
          new TemplateSet(templates("otp_code", "en_US"), List.of("en_US", "pt_BR", "es")),
          Map.of(ACME, new TemplateSet(templates("acme_otp", "es"), List.of("es", "fr"))));

  private static Audience audience(String clientId, String appLocale, String userLocale) {
    return new Audience(
        Optional.ofNullable(clientId), LocaleTag.parse(appLocale), LocaleTag.parse(userLocale));
  }

  @Test
  void messageFor_shouldUseTheUsersLanguage_whenItIsAvailable() {
    // when
    OtpMessage message =
        POLICY.messageFor(
            TriggerSource.SIGN_UP,
            RECIPIENT,
            "maria",
            Sensitive.of(TestSecrets.CODE),
            audience(null, null, "pt-BR"));

    // then
    assertThat(message.template()).isEqualTo(new TemplateRef("otp_code", "pt_BR"));
    assertThat(message.appClientId()).isEmpty();
  }

  @Test
  void messageFor_shouldPreferTheAppsLanguage_whenTheAppNamedOne() {
    // when
    OtpMessage message =
        POLICY.messageFor(
            TriggerSource.ADMIN_CREATE_USER,
            RECIPIENT,
            "maria",
            Sensitive.of(TestSecrets.TEMPORARY_PASSWORD),
            audience(null, "es_MX", "pt-BR"));

    // then
    assertThat(message.template()).isEqualTo(new TemplateRef("otp_code_password", "es"));
  }

  @Test
  void messageFor_shouldUseTheClientsTemplatesAndLanguages_whenTheClientHasItsOwn() {
    // when
    OtpMessage message =
        POLICY.messageFor(
            TriggerSource.FORGOT_PASSWORD,
            RECIPIENT,
            "maria",
            Sensitive.of(TestSecrets.CODE),
            audience(ACME, null, "fr-CA"));

    // then
    assertThat(message.template()).isEqualTo(new TemplateRef("acme_otp", "fr"));
    assertThat(message.appClientId()).contains(ACME);
  }

  @Test
  void templateFor_shouldFallBackToTheClientsDefault_whenTheClientLacksTheUsersLanguage() {
    // when / then: pt_BR is a pool language, not one of the client's
    assertThat(POLICY.templateFor(TriggerSource.SIGN_UP, audience(ACME, null, "pt-BR")))
        .isEqualTo(new TemplateRef("acme_otp", "es"));
  }

  @Test
  void templateFor_shouldUseThePool_whenTheClientIsNotConfigured() {
    // when / then
    assertThat(POLICY.templateFor(TriggerSource.SIGN_UP, audience("unknown1", null, "es-AR")))
        .isEqualTo(new TemplateRef("otp_code", "es"));
  }

  @Test
  void templateFor_shouldKeepTheDefault_whenThereIsNoAudience() {
    // when / then
    assertThat(POLICY.templateFor(TriggerSource.SIGN_UP, Audience.NONE))
        .isEqualTo(new TemplateRef("otp_code", "en_US"));
  }

  @Test
  void constructor_shouldRefuse_whenASetMissesATriggerSource() {
    // given
    Map<TriggerSource, TemplateRef> partial = new EnumMap<>(templates("otp_code", "en_US"));
    partial.remove(TriggerSource.AUTHENTICATION);

    // when / then
    assertThatThrownBy(() -> new TemplateSet(partial, List.of("en_US")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no template for CustomSMSSender_Authentication");
  }
}
