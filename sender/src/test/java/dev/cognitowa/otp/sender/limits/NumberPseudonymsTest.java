package dev.cognitowa.otp.sender.limits;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.cognitowa.otp.sender.testutils.MutableClock;
import dev.cognitowa.otp.sender.testutils.TestSecrets;
import dev.cognitowa.otp.sender.wiring.AwsClients;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Counter ids name numbers by a keyed HMAC: whoever reads the table without the key cannot reverse
 * them by hashing numbers, and the key comes from Secrets Manager through the real SDK client.
 */
class NumberPseudonymsTest {
  private static final String POOL = "eu-west-1_EXAMPLE";
  private static final String KEY_ARN =
      "arn:aws:secretsmanager:eu-west-1:123456789012:secret:otp-pseudonym-key-AbCdEf";
  private static final String DEPLOYMENT_KEY_SECRET =
      "k3y0fThisDeploymentMadeBySecretsManager0123456789abcdefghijklmnop";

  @RegisterExtension
  static WireMockExtension aws =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-08T10:00:00Z"));

  private Instant soon() {
    return clock.instant().plusSeconds(5);
  }

  private static String plainSha256Base64Url(String... fields) throws Exception {
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    for (String field : fields) {
      byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
      sha256.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
      sha256.update((byte) ':');
      sha256.update(bytes);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256.digest());
  }

  private NumberPseudonyms fromSecretsManager() {
    AwsClients clients =
        new AwsClients(
            Map.of(
                "AWS_REGION", "eu-west-1",
                "AWS_ACCESS_KEY_ID", "AKIDTEST",
                "AWS_SECRET_ACCESS_KEY", "test-secret-key",
                "AWS_ENDPOINT_URL_SECRETS_MANAGER", aws.baseUrl()));
    return NumberPseudonyms.loadedBy(
        new SecretsManagerPseudonymKey(clients.secretsManager(KEY_ARN), KEY_ARN, clock));
  }

  private static void secretIs(int status, String body) {
    aws.stubFor(
        post(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withBody(body)));
  }

  @Test
  void of_shouldDifferFromEveryUnkeyedHash_whenAKeyIsSet() throws Exception {
    // given
    NumberPseudonyms keyed =
        NumberPseudonyms.keyed(DEPLOYMENT_KEY_SECRET.getBytes(StandardCharsets.UTF_8));
    NumberPseudonyms otherDeployment =
        NumberPseudonyms.keyed(
            "another-deployment-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8));

    // when
    String pseudonym = keyed.of(POOL, TestSecrets.PHONE, soon());

    // then: stable for the key, unlike the plain hash (old and new field tags) or another key
    assertThat(pseudonym)
        .hasSize(43)
        .isEqualTo(keyed.of(POOL, TestSecrets.PHONE, soon()))
        .isNotEqualTo(plainSha256Base64Url("otp-limit-v1", POOL, TestSecrets.PHONE))
        .isNotEqualTo(plainSha256Base64Url("otp-limit-v2", POOL, TestSecrets.PHONE))
        .isNotEqualTo(NumberPseudonyms.unkeyed().of(POOL, TestSecrets.PHONE, soon()))
        .isNotEqualTo(otherDeployment.of(POOL, TestSecrets.PHONE, soon()))
        .isNotEqualTo(keyed.of("eu-west-1_OTHER", TestSecrets.PHONE, soon()));
  }

  @Test
  void of_shouldReadTheKeyOnceFromSecretsManager_whenCountingManySends() {
    // given
    secretIs(
        200,
        "{\"ARN\":\""
            + KEY_ARN
            + "\",\"Name\":\"otp-pseudonym-key\",\"SecretString\":\""
            + DEPLOYMENT_KEY_SECRET
            + "\",\"VersionId\":\"v1\"}");
    NumberPseudonyms pseudonyms = fromSecretsManager();

    // when
    String first = pseudonyms.of(POOL, TestSecrets.PHONE, soon());
    String second = pseudonyms.of(POOL, TestSecrets.PHONE, soon());

    // then: the deployment's key, read once
    assertThat(first)
        .isEqualTo(second)
        .isEqualTo(
            NumberPseudonyms.keyed(DEPLOYMENT_KEY_SECRET.getBytes(StandardCharsets.UTF_8))
                .of(POOL, TestSecrets.PHONE, soon()));
    aws.verify(
        1,
        postRequestedFor(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue")));
  }

  @Test
  void of_shouldFailClosedAndAskAgainNextTime_whenSecretsManagerRefuses() {
    // given
    secretIs(400, "{\"__type\":\"AccessDeniedException\",\"message\":\"not allowed\"}");
    NumberPseudonyms pseudonyms = fromSecretsManager();

    // when / then: no send goes out unchecked, and the message names the secret, not a value
    assertThatThrownBy(() -> pseudonyms.of(POOL, TestSecrets.PHONE, soon()))
        .isInstanceOf(SendLimitsUnavailableException.class)
        .hasMessage("cannot read the pseudonym key " + KEY_ARN + ": AccessDeniedException");
    assertThatThrownBy(() -> pseudonyms.of(POOL, TestSecrets.PHONE, soon()))
        .isInstanceOf(SendLimitsUnavailableException.class);
    aws.verify(
        2,
        postRequestedFor(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue")));
  }

  @Test
  void of_shouldRefuseTheKey_whenTheSecretIsShorterThan32Characters() {
    // given
    secretIs(
        200,
        "{\"ARN\":\""
            + KEY_ARN
            + "\",\"Name\":\"k\",\"SecretString\":\"short\",\"VersionId\":\"v\"}");

    // when / then
    assertThatThrownBy(() -> fromSecretsManager().of(POOL, TestSecrets.PHONE, soon()))
        .isInstanceOf(SendLimitsUnavailableException.class)
        .hasMessage("the pseudonym key " + KEY_ARN + " is shorter than 32 characters");
  }
}
