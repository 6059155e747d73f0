package dev.cognitowa.otp.cli.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cognitowa.otp.sender.config.SenderConfig;
import dev.cognitowa.otp.sender.config.SenderConfigurationException;
import dev.cognitowa.otp.sender.delivery.TemplateRef;
import dev.cognitowa.otp.sender.event.TriggerSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TemplateSettingsTest {
  private static final String WABA = "102290129340398";

  @Test
  void fromEnvironment_shouldWantWhatTheSenderSends_whenOnlyDefaultsAreSet() {
    // given: the same environment for the sender and the templates command
    Map<String, String> env =
        Map.of(
            "WHATSAPP_PHONE_NUMBER_ID", "100000000000001",
            "WHATSAPP_ACCESS_TOKEN", "not-a-real-one",
            "WHATSAPP_BUSINESS_ACCOUNT_ID", WABA);

    // when
    TemplateSettings settings = TemplateSettings.fromEnvironment(env, "whatsapp", List.of());

    // then: every template and language the sender can send is wanted, and nothing else
    Set<String> sent =
        SenderConfig.channelFromEnvironment(env).templates().values().stream()
            .map(t -> t.name() + "/" + t.languageCode())
            .collect(Collectors.toSet());
    assertThat(settings.wanted())
        .extracting(w -> w.name() + "/" + w.language())
        .containsExactlyInAnyOrderElementsOf(sent);
    assertThat(settings.namesOf(TemplateCategory.UTILITY))
        .containsExactly(
            SenderConfig.channelFromEnvironment(env)
                .templateFor(TriggerSource.ADMIN_CREATE_USER)
                .name());
  }

  @Test
  void fromEnvironment_shouldWantEveryTemplateInEveryLanguage_whenLanguagesAreListed() {
    // when
    TemplateSettings settings =
        TemplateSettings.fromEnvironment(
            Map.of(
                "WHATSAPP_BUSINESS_ACCOUNT_ID", WABA,
                "WHATSAPP_ACCESS_TOKEN", "not-a-real-one",
                "WHATSAPP_TEMPLATE_LANGUAGES", " en_US, pt_BR ,es"),
            "whatsapp",
            List.of());

    // then
    assertThat(settings.wanted())
        .containsExactly(
            new WantedTemplate("otp_code", "en_US", TemplateCategory.AUTHENTICATION),
            new WantedTemplate("otp_code", "pt_BR", TemplateCategory.AUTHENTICATION),
            new WantedTemplate("otp_code", "es", TemplateCategory.AUTHENTICATION),
            new WantedTemplate("temporary_password", "en_US", TemplateCategory.UTILITY),
            new WantedTemplate("temporary_password", "pt_BR", TemplateCategory.UTILITY),
            new WantedTemplate("temporary_password", "es", TemplateCategory.UTILITY));
  }

  @Test
  void fromEnvironment_shouldListEveryProblemWithoutEchoingValues_whenSeveralAreWrong() {
    // given: a phone number pasted as the account id, a bad language, plain http to a remote host
    Map<String, String> env =
        Map.of(
            "WHATSAPP_BUSINESS_ACCOUNT_ID", "+447911123456",
            "WHATSAPP_TEMPLATE_LANGUAGES", "en_US,,english (US)",
            "WHATSAPP_API_BASE_URL", "http://graph.example.com",
            "WHATSAPP_API_VERSION", "23");

    // when / then
    assertThatThrownBy(() -> TemplateSettings.fromEnvironment(env, "whatsapp", List.of()))
        .isInstanceOf(SenderConfigurationException.class)
        .satisfies(
            e ->
                assertThat(((SenderConfigurationException) e).problems())
                    .containsExactlyInAnyOrder(
                        "WHATSAPP_API_VERSION must look like v26.0",
                        "WHATSAPP_BUSINESS_ACCOUNT_ID must be digits only (the WhatsApp Business"
                            + " account id from WhatsApp Manager)",
                        "WHATSAPP_API_BASE_URL must be an https URL (http only to a loopback host:"
                            + " the token travels in it)",
                        "WHATSAPP_ACCESS_TOKEN (or WHATSAPP_ACCESS_TOKEN_SECRET_ID) is not set: the"
                            + " templates API needs a token with whatsapp_business_management",
                        "WHATSAPP_TEMPLATE_LANGUAGES must list WhatsApp language codes such as"
                            + " en_US,pt_BR,es (an empty entry)",
                        "WHATSAPP_TEMPLATE_LANGUAGES must list WhatsApp language codes such as"
                            + " en_US,pt_BR,es (got 12 characters, not shown)"))
        .hasMessageNotContaining("447911123456");
  }

  @Test
  void fromEnvironment_shouldRefuseTheChannel_whenItIsNeitherGraphNorEum() {
    assertThatThrownBy(() -> TemplateSettings.fromEnvironment(Map.of(), "sms", List.of()))
        .hasMessageContaining("--channel must be whatsapp or whatsapp-eum");
  }

  @Test
  void templateRef_shouldMatchWantedTemplate_whenNamesAgree() {
    // a guard that the sender's TemplateRef still names (name, language) as templates do
    TemplateRef ref = new TemplateRef("otp_code", "en_US");
    assertThat(new WantedTemplate(ref.name(), ref.languageCode(), TemplateCategory.AUTHENTICATION))
        .extracting(WantedTemplate::name, WantedTemplate::language)
        .containsExactly("otp_code", "en_US");
  }
}
