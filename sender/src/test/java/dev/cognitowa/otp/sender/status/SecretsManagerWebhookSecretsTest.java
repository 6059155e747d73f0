package dev.cognitowa.otp.sender.status;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.jr.ob.JSON;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.cognitowa.otp.sender.support.Sensitive;
import dev.cognitowa.otp.sender.testutils.MutableClock;
import dev.cognitowa.otp.sender.wiring.AwsClients;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The webhook secrets through the real Secrets Manager client, pointed at a loopback stand-in: JSON
 * or a plain string, the placeholder, the cache and its staleness bound.
 */
class SecretsManagerWebhookSecretsTest {
  private static final String SECRET_ARN =
      "arn:aws:secretsmanager:eu-west-1:123456789012:secret:whatsapp-webhook-AbCdEf";
  private static final String APP_SECRET = "sm-app-secret-3c9d0e7f1a2b";
  private static final String VERIFY_TOKEN = "sm-verify-token-91";

  @RegisterExtension
  static WireMockExtension aws =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
  private SecretsManagerWebhookSecrets secrets;

  @BeforeEach
  void setUp() {
    aws.resetAll();
    secrets =
        new SecretsManagerWebhookSecrets(
            new AwsClients(
                    Map.of(
                        "AWS_REGION", "eu-west-1",
                        "AWS_ACCESS_KEY_ID", "AKIDTEST",
                        "AWS_SECRET_ACCESS_KEY", "test-secret-key",
                        "AWS_ENDPOINT_URL_SECRETS_MANAGER", aws.baseUrl()))
                .secretsManager(SECRET_ARN),
            SECRET_ARN,
            clock);
  }

  private static void secretIs(String secretString) throws Exception {
    aws.stubFor(
        post(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withBody(
                        JSON.std.asString(
                            Map.of("ARN", SECRET_ARN, "SecretString", secretString)))));
  }

  private Instant soon() {
    return clock.instant().plusSeconds(5);
  }

  @Test
  void secrets_shouldReadBoth_whenTheSecretIsJson() throws Exception {
    // given
    secretIs(JSON.std.asString(Map.of("appSecret", APP_SECRET, "verifyToken", VERIFY_TOKEN)));

    // when
    WebhookSecrets read = secrets.secrets(soon());

    // then
    assertThat(read.appSecret()).contains(Sensitive.of(APP_SECRET));
    assertThat(read.verifyToken()).contains(Sensitive.of(VERIFY_TOKEN));
  }

  @Test
  void secrets_shouldHaveNoVerifyToken_whenTheSecretIsAPlainString() throws Exception {
    // given
    secretIs(APP_SECRET + "\n");

    // when
    WebhookSecrets read = secrets.secrets(soon());

    // then
    assertThat(read.appSecret()).contains(Sensitive.of(APP_SECRET));
    assertThat(read.verifyToken()).isEmpty();
  }

  @Test
  void secrets_shouldCountAsNotConfigured_whenTheAppSecretIsThePlaceholder() throws Exception {
    // given: as the stack deploys it
    secretIs("{\"appSecret\":\"REPLACE_ME\",\"verifyToken\":\"REPLACE_ME\"}");

    // when
    WebhookSecrets read = secrets.secrets(soon());

    // then
    assertThat(read).isEqualTo(new WebhookSecrets(Optional.empty(), Optional.empty()));
  }

  @Test
  void secrets_shouldAskSecretsManagerOncePerTtl_whenCalledOften() throws Exception {
    // given
    secretIs(APP_SECRET);

    // when
    for (int i = 0; i < 5; i++) {
      secrets.secrets(soon());
      clock.advance(Duration.ofSeconds(30));
    }

    // then
    aws.verify(1, postRequestedFor(urlEqualTo("/")));
  }

  @Test
  void secrets_shouldServeTheLastValueWithinTheStalenessBound_whenSecretsManagerFails()
      throws Exception {
    // given
    secretIs(APP_SECRET);
    secrets.secrets(soon());
    aws.stubFor( // refused, not failing: the SDK does not retry it, so the test takes no backoff
        post(urlEqualTo("/"))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withBody("{\"__type\":\"AccessDeniedException\",\"Message\":\"no\"}")));

    // when
    clock.advance(SecretsManagerWebhookSecrets.TTL.plusMinutes(1));
    WebhookSecrets stale = secrets.secrets(soon());
    clock.advance(SecretsManagerWebhookSecrets.MAX_STALENESS);

    // then
    assertThat(stale.appSecret()).contains(Sensitive.of(APP_SECRET));
    assertThatThrownBy(() -> secrets.secrets(soon()))
        .isInstanceOf(WebhookSecretException.class)
        .hasMessageContaining(SECRET_ARN)
        .hasMessageNotContaining(APP_SECRET);
  }

  @Test
  void secrets_shouldRefuseWithoutQuotingIt_whenTheJsonIsBroken() throws Exception {
    // given
    secretIs("{\"appSecret\":\"" + APP_SECRET);

    // when / then
    assertThatThrownBy(() -> secrets.secrets(soon()))
        .isInstanceOf(WebhookSecretException.class)
        .hasMessageContaining("does not parse")
        .hasMessageNotContaining(APP_SECRET);
  }
}
