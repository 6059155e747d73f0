package dev.cognitowa.otp.sender;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.cognitowa.otp.sender.event.TriggerSource;
import dev.cognitowa.otp.sender.testutils.Events;
import dev.cognitowa.otp.sender.testutils.TestSecrets;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The language and the app client's template, end to end: fixture events with a locale, the real
 * handler and channel, a local Graph stand-in that records the request.
 */
class CustomSmsSenderHandlerLanguageTest {
  private static final String MESSAGES_PATH = "/v26.0/" + TestSecrets.PHONE_NUMBER_ID + "/messages";

  /** The app client id of the fixtures' callerContext. */
  private static final String FIXTURE_CLIENT = "EXAMPLEl2f6rjkqkbji2qr3u";

  @RegisterExtension
  static WireMockExtension graph =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final List<String> logLines = new ArrayList<>();
  private CustomSmsSenderHandler handler;

  @BeforeEach
  void setUp() {
    graph.stubFor(
        post(urlEqualTo(MESSAGES_PATH))
            .willReturn(
                okJson(
                    "{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.L\"}]}")));
    Map<String, String> env = CustomSmsSenderHandlerTest.environment(graph.baseUrl());
    env.put("WHATSAPP_TEMPLATE_LANGUAGES", "en_US,pt_BR,es");
    handler =
        new CustomSmsSenderHandler(
            env,
            line -> {
              logLines.add(line);
              System.out.println(line); // seen by the suite's output guard
            });
  }

  private static String signUp(String userLocale, String clientMetadata) {
    String event = Events.encrypted(TriggerSource.SIGN_UP, TestSecrets.CODE);
    if (clientMetadata != null) {
      event = event.replace("\"clientMetadata\": null", "\"clientMetadata\": " + clientMetadata);
    }
    return userLocale == null
        ? event
        : event.replace("\"sub\":", "\"locale\": \"" + userLocale + "\", \"sub\":");
  }

  private void deliver(String event) {
    handler.deliver(event.getBytes(StandardCharsets.UTF_8), Instant.now().plusSeconds(10), "req-l");
  }

  @Test
  void deliver_shouldSendTheTemplateInTheUsersLanguage_whenTheirLocaleIsAvailable() {
    // when
    deliver(signUp("pt-BR", null));

    // then
    graph.verify(
        postRequestedFor(urlEqualTo(MESSAGES_PATH))
            .withRequestBody(matchingJsonPath("$.template.name", equalTo("otp_code")))
            .withRequestBody(matchingJsonPath("$.template.language.code", equalTo("pt_BR"))));
    assertThat(logLines).singleElement().asString().contains("\"language\":\"pt_BR\"");
  }

  @Test
  void deliver_shouldSendTheAppsLanguage_whenClientMetadataNamesOne() {
    // when
    deliver(signUp("pt-BR", "{\"locale\": \"es-419\"}"));

    // then
    graph.verify(
        postRequestedFor(urlEqualTo(MESSAGES_PATH))
            .withRequestBody(matchingJsonPath("$.template.language.code", equalTo("es"))));
  }

  @Test
  void deliver_shouldSendTheDefaultAndLogNothingOfTheLocale_whenTheLocaleIsHostile() {
    // given: a locale that tries to forge a log field
    String hostile = "pt-BR\\\",\\\"level\\\":\\\"DEBUG";

    // when
    deliver(signUp(hostile, "{\"locale\": \"<script>alert(1)</script>\"}"));

    // then
    graph.verify(
        postRequestedFor(urlEqualTo(MESSAGES_PATH))
            .withRequestBody(matchingJsonPath("$.template.language.code", equalTo("en_US"))));
    assertThat(logLines)
        .singleElement()
        .asString()
        .contains("\"level\":\"INFO\"", "\"language\":\"en_US\"")
        .doesNotContain("DEBUG")
        .doesNotContain("script");
  }

  @Test
  void deliver_shouldKeepTheDefaultLanguage_whenNoLanguagesAreListed() {
    // given: the environment as it was before languages could be listed
    handler =
        new CustomSmsSenderHandler(
            CustomSmsSenderHandlerTest.environment(graph.baseUrl()), logLines::add);

    // when
    deliver(signUp("pt-BR", "{\"locale\": \"pt-BR\"}"));

    // then
    graph.verify(
        postRequestedFor(urlEqualTo(MESSAGES_PATH))
            .withRequestBody(matchingJsonPath("$.template.language.code", equalTo("en_US"))));
  }

  @Test
  void deliver_shouldSendTheAppClientsTemplate_whenOtpAppClientsNamesTheEventsClient() {
    // given
    Map<String, String> env = CustomSmsSenderHandlerTest.environment(graph.baseUrl());
    env.put("WHATSAPP_TEMPLATE_LANGUAGES", "en_US,pt_BR");
    env.put(
        "OTP_APP_CLIENTS",
        "{\"" + FIXTURE_CLIENT + "\":{\"WHATSAPP_TEMPLATE_NAME\":\"acme_otp\"}}");
    handler = new CustomSmsSenderHandler(env, logLines::add);

    // when
    deliver(signUp("pt-PT", null));

    // then
    graph.verify(
        postRequestedFor(urlEqualTo(MESSAGES_PATH))
            .withRequestBody(matchingJsonPath("$.template.name", equalTo("acme_otp")))
            .withRequestBody(matchingJsonPath("$.template.language.code", equalTo("pt_BR"))));
    assertThat(logLines).singleElement().asString().contains("\"template\":\"acme_otp\"");
  }
}
