package dev.cognitowa.otp.sender.whatsapp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.jr.ob.JSON;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.cognitowa.otp.sender.delivery.DeliveryOutcome;
import dev.cognitowa.otp.sender.delivery.OtpMessage;
import dev.cognitowa.otp.sender.delivery.TemplateRef;
import dev.cognitowa.otp.sender.event.TriggerSource;
import dev.cognitowa.otp.sender.phone.Recipient;
import dev.cognitowa.otp.sender.support.Sensitive;
import dev.cognitowa.otp.sender.testutils.MutableClock;
import dev.cognitowa.otp.sender.testutils.SilentServer;
import dev.cognitowa.otp.sender.testutils.TestSecrets;
import dev.cognitowa.otp.sender.wiring.AwsClients;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The real SDK v2 Secrets Manager client, pointed at a loopback stand-in through
 * AWS_ENDPOINT_URL_SECRETS_MANAGER.
 */
class SecretsManagerAccessTokenProviderTest {
  private static final String SECRET_ARN =
      "arn:aws:secretsmanager:eu-west-1:123456789012:secret:whatsapp-token-AbCdEf";
  private static final String FIRST_TOKEN = "EAAfirst-token-from-secrets-manager";
  private static final String SECOND_TOKEN = "EAAsecond-token-after-rotation";
  private static final String GRAPH_PATH = "/v26.0/" + TestSecrets.PHONE_NUMBER_ID + "/messages";

  @RegisterExtension
  static WireMockExtension aws =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @RegisterExtension
  static WireMockExtension graph =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));

  private SecretsManagerClient client() {
    return new AwsClients(
            Map.of(
                "AWS_REGION",
                "eu-west-1",
                "AWS_ACCESS_KEY_ID",
                "AKIDTEST",
                "AWS_SECRET_ACCESS_KEY",
                "test-secret-key",
                "AWS_ENDPOINT_URL_SECRETS_MANAGER",
                aws.baseUrl()))
        .secretsManager(SECRET_ARN);
  }

  private SecretsManagerAccessTokenProvider provider() {
    return new SecretsManagerAccessTokenProvider(
        client(), SECRET_ARN, Duration.ofMinutes(5), clock);
  }

  private Instant soon() {
    return clock.instant().plusSeconds(10);
  }

  private static String secretValue(String secretString) throws Exception {
    return JSON.std.asString(
        Map.of(
            "ARN",
            SECRET_ARN,
            "Name",
            "whatsapp-token",
            "SecretString",
            secretString,
            "VersionId",
            "v1"));
  }

  private static void secretIs(String secretString) throws Exception {
    aws.stubFor(
        post(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withBody(secretValue(secretString))));
  }

  @Test
  void token_shouldReturnThePlainSecret_whenTheSecretIsTheTokenItself() throws Exception {
    // given
    secretIs(FIRST_TOKEN + "\n");

    // when
    Sensitive token = provider().token(soon());

    // then
    assertThat(token.reveal()).isEqualTo(FIRST_TOKEN);
    aws.verify(
        postRequestedFor(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
            .withHeader("Authorization", containing("AWS4-HMAC-SHA256"))
            .withRequestBody(containing(SECRET_ARN)));
  }

  @Test
  void token_shouldReadAccessToken_whenTheSecretIsJson() throws Exception {
    // given
    secretIs("{\"accessToken\":\"" + FIRST_TOKEN + "\",\"appId\":\"123\"}");

    // when / then
    assertThat(provider().token(soon()).reveal()).isEqualTo(FIRST_TOKEN);
  }

  @Test
  void token_shouldRefuseWithoutShowingTheSecret_whenJsonHasNoAccessToken() throws Exception {
    // given
    secretIs("{\"token\":\"" + FIRST_TOKEN + "\"}");

    // when / then
    assertThatThrownBy(() -> provider().token(soon()))
        .isInstanceOf(WhatsAppAccessTokenException.class)
        .hasMessageContaining("is JSON without a non-empty \"accessToken\"")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(FIRST_TOKEN))
        .satisfies(e -> assertThat(((WhatsAppAccessTokenException) e).isTransient()).isFalse());
  }

  @Test
  void token_shouldAskSecretsManagerOncePerTtl_whenCalledOften() throws Exception {
    // given
    secretIs(FIRST_TOKEN);
    SecretsManagerAccessTokenProvider provider = provider();

    // when
    for (int i = 0; i < 20; i++) {
      provider.token(soon());
      clock.advance(Duration.ofSeconds(10));
    }

    // then: 200 s of calls inside a 300 s TTL
    aws.verify(1, postRequestedFor(urlEqualTo("/")));
    clock.advance(Duration.ofSeconds(101));
    provider.token(soon());
    aws.verify(2, postRequestedFor(urlEqualTo("/")));
  }

  @Test
  void token_shouldNameTheSecretNotItsContent_whenTheSecretDoesNotExist() {
    // given
    aws.stubFor(
        post(urlEqualTo("/"))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withBody(
                        "{\"__type\":\"ResourceNotFoundException\",\"message\":\"Secrets Manager can't find the specified "
                            + "secret.\"}")));

    // when / then
    assertThatThrownBy(() -> provider().token(soon()))
        .isInstanceOf(WhatsAppAccessTokenException.class)
        .hasMessage("cannot read secret " + SECRET_ARN + ": ResourceNotFoundException")
        .satisfies(e -> assertThat(((WhatsAppAccessTokenException) e).isTransient()).isFalse());
  }

  @Test
  void deliver_shouldReloadTheSecretOnceAndRetry_whenGraphSaysTheTokenExpired() throws Exception {
    // given: Secrets Manager hands out the old token, then the rotated one; Graph only accepts the
    // rotated one
    aws.stubFor(
        post(urlEqualTo("/"))
            .inScenario("rotation")
            .whenScenarioStateIs("Started")
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withBody(secretValue(FIRST_TOKEN)))
            .willSetStateTo("rotated"));
    aws.stubFor(
        post(urlEqualTo("/"))
            .inScenario("rotation")
            .whenScenarioStateIs("rotated")
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withBody(secretValue(SECOND_TOKEN))));
    graph.stubFor(
        post(urlEqualTo(GRAPH_PATH))
            .withHeader("Authorization", equalTo("Bearer " + FIRST_TOKEN))
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"error\":{\"message\":\"Invalid OAuth access token\",\"type\":\"OAuthException\","
                            + "\"code\":190}}")));
    graph.stubFor(
        post(urlEqualTo(GRAPH_PATH))
            .withHeader("Authorization", equalTo("Bearer " + SECOND_TOKEN))
            .willReturn(okJson("{\"messages\":[{\"id\":\"wamid.ROTATED\"}]}")));

    // when
    DeliveryOutcome outcome =
        channel(provider()).deliver(message(), clock.instant().plusSeconds(30));

    // then
    assertThat(outcome)
        .isEqualTo(DeliveryOutcome.Delivered.accepted("whatsapp", "wamid.ROTATED", 2));
    aws.verify(2, postRequestedFor(urlEqualTo("/")));
    graph.verify(2, postRequestedFor(urlEqualTo(GRAPH_PATH)));
  }

  @Test
  void deliver_shouldStopAfterOneReload_whenTheReloadedTokenIsRejectedToo() throws Exception {
    // given
    secretIs(FIRST_TOKEN);
    graph.stubFor(
        post(urlEqualTo(GRAPH_PATH))
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"error\":{\"message\":\"Invalid OAuth access token\",\"type\":\"OAuthException\",\"code\":190}}")));

    // when
    DeliveryOutcome outcome =
        channel(provider()).deliver(message(), clock.instant().plusSeconds(30));

    // then
    assertThat(outcome).isInstanceOf(DeliveryOutcome.Failed.class);
    assertThat(((DeliveryOutcome.Failed) outcome).kind())
        .isEqualTo(DeliveryOutcome.FailureKind.CONFIGURATION);
    assertThat(((DeliveryOutcome.Failed) outcome).errorCode()).isEqualTo(190);
    aws.verify(2, postRequestedFor(urlEqualTo("/")));
    graph.verify(2, postRequestedFor(urlEqualTo(GRAPH_PATH)));
  }

  private static void secretsManagerFails() {
    secretsManagerFails(500, "InternalServiceError");
  }

  private static void secretsManagerFails(int status, String errorType) {
    aws.stubFor(
        post(urlEqualTo("/"))
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withBody(
                        "{\"__type\":\"" + errorType + "\",\"message\":\"from the stand-in\"}")));
  }

  @Test
  void token_shouldServeTheCachedTokenPastItsTtl_whenSecretsManagerFails() throws Exception {
    // given
    secretIs(FIRST_TOKEN);
    SecretsManagerAccessTokenProvider provider = provider();
    provider.token(soon());
    secretsManagerFails();
    clock.advance(Duration.ofMinutes(6)); // past the 5 min TTL

    // when
    Sensitive token = provider.token(soon());

    // then
    assertThat(token.reveal()).isEqualTo(FIRST_TOKEN);
    assertThat(provider.loadCount()).isEqualTo(2);
  }

  @Test
  void token_shouldBackOffExponentially_whenSecretsManagerKeepsFailing() throws Exception {
    // given: a token loaded, then Secrets Manager refusing from the end of the TTL on (an error the
    // SDK does not
    // retry, so that one load is one request)
    secretIs(FIRST_TOKEN);
    SecretsManagerAccessTokenProvider provider = provider();
    provider.token(soon());
    secretsManagerFails(400, "AccessDeniedException");
    clock.advance(Duration.ofMinutes(5));
    List<Long> callsAfterEachSecond = new ArrayList<>();

    // when: an event every second for 40 s
    for (int second = 0; second < 40; second++) {
      assertThat(provider.token(soon()).reveal()).isEqualTo(FIRST_TOKEN);
      callsAfterEachSecond.add(provider.loadCount());
      clock.advance(Duration.ofSeconds(1));
    }

    // then: asked at 0 s, then after waits of 5, 10 and 20 s (at 5, 15 and 35 s), not 40 times
    assertThat(provider.loadCount()).isEqualTo(1 + 4);
    assertThat(callsAfterEachSecond).element(4).isEqualTo(2L);
    assertThat(callsAfterEachSecond).element(5).isEqualTo(3L);
    assertThat(callsAfterEachSecond).element(14).isEqualTo(3L);
    assertThat(callsAfterEachSecond).element(15).isEqualTo(4L);
    assertThat(callsAfterEachSecond).element(35).isEqualTo(5L);
    aws.verify(5, postRequestedFor(urlEqualTo("/")));
  }

  @Test
  void token_shouldStopServingTheCachedToken_whenItIsAnHourPastItsTtl() throws Exception {
    // given
    secretIs(FIRST_TOKEN);
    SecretsManagerAccessTokenProvider provider = provider();
    provider.token(soon());
    secretsManagerFails();
    clock.advance(
        Duration.ofMinutes(5).plus(SecretsManagerAccessTokenProvider.MAX_STALENESS).plusSeconds(1));

    // when / then
    assertThatThrownBy(() -> provider.token(soon()))
        .isInstanceOf(WhatsAppAccessTokenException.class)
        .hasMessage("cannot read secret " + SECRET_ARN + ": InternalServiceError")
        .satisfies(e -> assertThat(((WhatsAppAccessTokenException) e).isTransient()).isTrue());
  }

  @Test
  void token_shouldFailAtOnceWithoutAskingAgain_whenNoTokenWasLoadedAndTheLastTryJustFailed() {
    // given: a cold container whose first read failed
    secretsManagerFails();
    SecretsManagerAccessTokenProvider provider = provider();
    assertThatThrownBy(() -> provider.token(soon()))
        .isInstanceOf(WhatsAppAccessTokenException.class);
    clock.advance(Duration.ofSeconds(2));

    // when / then
    assertThatThrownBy(() -> provider.token(soon()))
        .isInstanceOf(WhatsAppAccessTokenException.class)
        .hasMessage(
            "cannot read secret "
                + SECRET_ARN
                + ": InternalServiceError (Secrets Manager is asked again in "
                + "3 s)")
        .satisfies(e -> assertThat(((WhatsAppAccessTokenException) e).isTransient()).isTrue());
    assertThat(provider.loadCount()).isEqualTo(1);
  }

  @Test
  void token_shouldFailTransientlyBeforeTheDeadline_whenSecretsManagerNeverAnswers()
      throws Exception {
    // given
    try (SilentServer silent = new SilentServer()) {
      SecretsManagerClient client =
          new AwsClients(
                  Map.of(
                      "AWS_REGION",
                      "eu-west-1",
                      "AWS_ACCESS_KEY_ID",
                      "AKIDTEST",
                      "AWS_SECRET_ACCESS_KEY",
                      "test-secret-key",
                      "AWS_ENDPOINT_URL_SECRETS_MANAGER",
                      silent.baseUrl()))
              .secretsManager(SECRET_ARN);
      SecretsManagerAccessTokenProvider provider =
          new SecretsManagerAccessTokenProvider(
              client, SECRET_ARN, Duration.ofMinutes(5), Clock.systemUTC());
      Instant deadline = Instant.now().plusSeconds(2);

      // when / then
      assertThatThrownBy(() -> provider.token(deadline))
          .isInstanceOf(WhatsAppAccessTokenException.class)
          .satisfies(e -> assertThat(((WhatsAppAccessTokenException) e).isTransient()).isTrue());
      assertThat(Instant.now())
          .isBefore(deadline.plusMillis(500)); // generous: the handler keeps 500 ms back
      assertThat(silent.connections()).isPositive();
    }
  }

  @Test
  void deliver_shouldFailAsTokenRefreshFailed_whenGraphSays190AndSecretsManagerIsDown()
      throws Exception {
    // given: a token loaded; then it is rotated (Graph refuses it) while Secrets Manager is down
    secretIs(FIRST_TOKEN);
    SecretsManagerAccessTokenProvider provider = provider();
    provider.token(soon());
    secretsManagerFails();
    graph.stubFor(
        post(urlEqualTo(GRAPH_PATH))
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"error\":{\"message\":\"Invalid OAuth access "
                            + "token\",\"type\":\"OAuthException\",\"code\":190}}")));

    // when
    DeliveryOutcome outcome = channel(provider).deliver(message(), clock.instant().plusSeconds(30));

    // then
    assertThat(outcome).isInstanceOf(DeliveryOutcome.Failed.class);
    DeliveryOutcome.Failed failed = (DeliveryOutcome.Failed) outcome;
    assertThat(failed.kind()).isEqualTo(DeliveryOutcome.FailureKind.TOKEN_REFRESH_FAILED);
    assertThat(failed.errorCode()).isEqualTo(190);
    assertThat(failed.reason())
        .isEqualTo(
            "token expired (190) and refresh failed: cannot read secret "
                + SECRET_ARN
                + ": InternalServiceError");
    graph.verify(1, postRequestedFor(urlEqualTo(GRAPH_PATH)));
  }

  private WhatsAppChannel channel(AccessTokenProvider tokens) {
    WhatsAppSettings settings =
        new WhatsAppSettings(
            URI.create(graph.baseUrl()),
            "v26.0",
            TestSecrets.PHONE_NUMBER_ID,
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            3);
    return new WhatsAppChannel(
        new CloudApiClient(settings),
        tokens,
        new RetryPolicy(3, () -> 0.5),
        Duration.ofSeconds(2),
        clock,
        clock::advance);
  }

  private static OtpMessage message() {
    return new OtpMessage(
        TriggerSource.AUTHENTICATION,
        Recipient.ofValidatedE164(TestSecrets.PHONE),
        new TemplateRef("otp_code", "en_US"),
        List.of(Sensitive.of(TestSecrets.CODE)),
        Optional.of(Sensitive.of(TestSecrets.CODE)));
  }
}
