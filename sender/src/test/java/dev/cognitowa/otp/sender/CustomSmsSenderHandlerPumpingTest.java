package dev.cognitowa.otp.sender;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import dev.cognitowa.otp.sender.event.TriggerSource;
import dev.cognitowa.otp.sender.phone.Recipient;
import dev.cognitowa.otp.sender.testutils.Dynalite;
import dev.cognitowa.otp.sender.testutils.Events;
import dev.cognitowa.otp.sender.testutils.TestLambdaContext;
import dev.cognitowa.otp.sender.testutils.TestSecrets;
import dev.cognitowa.otp.settings.Settings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SMS pumping end to end, as the Lambda runs: the handler configured by its environment with the
 * chain {@code whatsapp,sms}, the real Cloud API channel against a Graph stand-in that answers
 * 131026 (not on WhatsApp), the real End User Messaging SMS channel against its stand-in, the
 * ledger and the limits' counters in dynalite. libphonenumber's own example numbers of the types
 * pumping signs up get no SMS; a mobile still gets its fallback.
 */
class CustomSmsSenderHandlerPumpingTest {
  private static final String MESSAGES_PATH =
      "/" + Settings.GRAPH_API_VERSION + "/" + TestSecrets.PHONE_NUMBER_ID + "/messages";
  private static final String SEND_TEXT = "PinpointSMSVoiceV2.SendTextMessage";
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

  @RegisterExtension
  static WireMockExtension graph =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @RegisterExtension
  static WireMockExtension smsApi =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @RegisterExtension static Dynalite dynalite = new Dynalite();

  private final List<String> logLines = Collections.synchronizedList(new ArrayList<>());

  /**
   * The first SDK request of a cold JVM may outlast the SMS channel's attempt timeout on a busy
   * machine: one fallback before the tests keeps that out of them.
   */
  @BeforeAll
  static void warmUp() throws Exception {
    stubStandIns(false);
    new CustomSmsSenderHandlerPumpingTest().invoke(example("NG", PhoneNumberType.MOBILE));
    graph.resetAll();
    smsApi.resetAll();
  }

  @BeforeEach
  void setUp() {
    stubStandIns(false);
  }

  private static void stubStandIns(boolean onWhatsApp) {
    graph.stubFor(
        post(urlEqualTo(MESSAGES_PATH))
            .willReturn(
                onWhatsApp
                    ? okJson(
                        "{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.P\"}]}")
                    : aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                            "{\"error\":{\"message\":\"(#131026) Message undeliverable\","
                                + "\"type\":\"OAuthException\",\"code\":131026}}")));
    smsApi.stubFor(
        post(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo(SEND_TEXT))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/x-amz-json-1.0")
                    .withBody("{\"MessageId\":\"sms-pumping-1\"}")));
  }

  private CustomSmsSenderHandler handler() {
    Map<String, String> env =
        new HashMap<>(CustomSmsSenderHandlerTest.environment(graph.baseUrl()));
    env.putAll(dynalite.environment());
    env.put("OTP_CHANNELS", "whatsapp,sms");
    env.put("AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2", smsApi.baseUrl());
    return new CustomSmsSenderHandler(
        env,
        line -> {
          logLines.add(line);
          System.out.println(line); // seen by the suite's output guard
        });
  }

  /** Runs one sign-up code to the number through the Lambda entry point. */
  private void invoke(Recipient to) throws Exception {
    String event =
        Events.encrypted(TriggerSource.SIGN_UP, TestSecrets.CODE)
            .replace(TestSecrets.PHONE, to.e164());
    handler()
        .handleRequest(
            new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)),
            new ByteArrayOutputStream(),
            new TestLambdaContext(10_000));
  }

  private static Recipient example(String region, PhoneNumberType type) {
    return Recipient.ofValidatedE164(
        UTIL.format(UTIL.getExampleNumberForType(region, type), PhoneNumberFormat.E164));
  }

  private Map<String, Object> lastLogLine() throws Exception {
    return JSON.std.mapFrom(logLines.get(logLines.size() - 1));
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "GB, PREMIUM_RATE, premium rate",
    "FR, SHARED_COST, shared cost",
    "DE, TOLL_FREE, toll free",
    "AU, VOIP, VoIP",
    "IT, PREMIUM_RATE, premium rate",
    "ES, SHARED_COST, shared cost",
    "US, TOLL_FREE, toll free",
    "GB, VOIP, VoIP"
  })
  void handleRequest_shouldSendNoSmsAndNameTheType_whenWhatsAppDoesNotKnowAPumpedNumber(
      String region, PhoneNumberType type, String label) throws Exception {
    // given
    Recipient pumped = example(region, type);

    // when: WhatsApp answers 131026, the SMS fallback is asked; the invocation ends normally
    invoke(pumped);

    // then
    graph.verify(1, postRequestedFor(urlEqualTo(MESSAGES_PATH)));
    smsApi.verify(0, postRequestedFor(urlEqualTo("/")));
    Map<String, Object> line = lastLogLine();
    assertThat(line)
        .containsEntry("level", "WARN")
        .containsEntry("outcome", "refused_by_limit")
        .containsEntry("failureKind", "REFUSED_BY_LIMIT")
        .containsEntry("limit", "SMS_NUMBER_TYPE")
        .containsEntry("fallbackFrom", List.of("whatsapp:131026"))
        .containsEntry("recipient", pumped.masked());
    assertThat((String) line.get("reason"))
        .contains("no SMS to " + label + " numbers (" + pumped.masked() + ")");
  }

  @Test
  void handleRequest_shouldStillFallBackToSms_whenWhatsAppDoesNotKnowAMobile() throws Exception {
    // given
    Recipient mobile = example("DE", PhoneNumberType.MOBILE);

    // when
    invoke(mobile);

    // then: the SMS stand-in got exactly one text, to that number
    smsApi.verify(
        1,
        postRequestedFor(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo(SEND_TEXT))
            .withRequestBody(matchingJsonPath("$.DestinationPhoneNumber", equalTo(mobile.e164()))));
    assertThat(lastLogLine())
        .containsEntry("level", "INFO")
        .containsEntry("outcome", "sent")
        .containsEntry("channel", "sms")
        .containsEntry("fallbackFrom", List.of("whatsapp:131026"));
  }

  @Test
  void handleRequest_shouldDeliverOverWhatsApp_whenAPremiumRateNumberIsOnWhatsApp()
      throws Exception {
    // given: the type rule is the SMS channels' only
    stubStandIns(true);
    Recipient premium = example("FR", PhoneNumberType.PREMIUM_RATE);

    // when
    invoke(premium);

    // then
    graph.verify(1, postRequestedFor(urlEqualTo(MESSAGES_PATH)));
    smsApi.verify(0, postRequestedFor(urlEqualTo("/")));
    assertThat(lastLogLine()).containsEntry("outcome", "sent").containsEntry("channel", "whatsapp");
  }
}
