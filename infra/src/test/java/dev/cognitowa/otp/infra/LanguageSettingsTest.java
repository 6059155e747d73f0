package dev.cognitowa.otp.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the synth can check of the sender's language variables before the function starts. */
class LanguageSettingsTest {

  private static List<String> problems(Map<String, String> variables) {
    return LanguageSettings.validate(variables, "en_US");
  }

  @Test
  void validate_shouldAcceptTheSettings_whenEveryCodeTextAndClientIsWellFormed() {
    // given
    Map<String, String> variables = new LinkedHashMap<>();
    variables.put("WHATSAPP_TEMPLATE_LANGUAGES", "en_US, pt_BR,es,zh_CN");
    variables.put("SMS_TEXT_pt_BR", "{code} é o seu código");
    variables.put("SMS_TEXT_ADMIN_CREATE_USER_es", "{username}: {code}");
    variables.put(
        "OTP_APP_CLIENTS",
        "{\"client+1\":{\"WHATSAPP_TEMPLATE_NAME_SIGN_UP\":\"acme\",\"SMS_TEXT_es\":\"{code}\"}}");

    // when / then
    assertThat(problems(variables)).isEmpty();
  }

  @Test
  void validate_shouldNameEachProblem_whenTheListRepeatsOverflowsOrTextsLackTheCode() {
    // given
    Map<String, String> variables = new LinkedHashMap<>();
    variables.put(
        "WHATSAPP_TEMPLATE_LANGUAGES",
        "en_US,es,es,"
            + String.join(",", Collections.nCopies(LanguageSettings.MAX_LANGUAGES, "fr")));
    variables.put("SMS_TEXT_es", "no code here");
    variables.put("SMS_TEXT_de", "{code}");

    // when
    List<String> problems = problems(variables);

    // then
    assertThat(problems)
        .contains(
            "templateLanguages lists es twice",
            "templateLanguages lists more than 64 languages",
            "localizedSmsTexts.es must contain {code}",
            "localizedSmsTexts key de must be <lang> or <SOURCE>_<lang> with <lang> in"
                + " templateLanguages");
  }

  @Test
  void validate_shouldRefuseTexts_whenNoLanguageListIsSet() {
    // given: a text in a language the sender would never choose
    Map<String, String> variables = Map.of("SMS_TEXT_pt_BR", "{code}");

    // when / then
    assertThat(problems(variables)).singleElement().asString().contains("key pt_BR");
  }

  @Test
  void validate_shouldSayWhatIsWrong_whenAppClientsIsNotAnObjectOfStringVariables() {
    // given / when / then
    assertThat(problems(Map.of("OTP_APP_CLIENTS", "{not json")))
        .containsExactly("appClients is not valid JSON");
    assertThat(problems(Map.of("OTP_APP_CLIENTS", "[1,2]")))
        .singleElement()
        .asString()
        .startsWith("appClients must be a JSON object");
    assertThat(problems(Map.of("OTP_APP_CLIENTS", "{\"client1\":\"acme\"}")))
        .containsExactly("appClients.client1 must be an object of variables");
    assertThat(problems(Map.of("OTP_APP_CLIENTS", "{\"client1\":{\"SMS_TEXT\":3}}")))
        .singleElement()
        .asString()
        .startsWith("appClients.client1 may set only");
  }
}
