package dev.cognitowa.otp.sender.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cognitowa.otp.sender.config.SenderConfig.Decryption;
import dev.cognitowa.otp.sender.config.SenderConfig.TokenSource;
import dev.cognitowa.otp.sender.delivery.TemplateRef;
import dev.cognitowa.otp.sender.event.TriggerSource;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SenderConfigTest {
  private static final String AES_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
  private static final String ACCESS_TOKEN = "EAAconfig-test-token-42";
  private static final String KEY_ARN =
      "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

  /** What a Meta system-user token looks like: "EAA" and some 200 letters and digits. */
  private static final String PASTED_TOKEN =
      "EAAGm0PX4ZCpsBAKZCZBZAd8dZC" + "Zq7rTx9vLm2Wn4Ys8Kc1Hb5Jf3Ue6Ra0".repeat(6);

  private static Map<String, String> minimalLocal() {
    Map<String, String> env = new HashMap<>();
    env.put("WHATSAPP_PHONE_NUMBER_ID", "100000000000001");
    env.put("WHATSAPP_ACCESS_TOKEN", ACCESS_TOKEN);
    env.put("OTP_LOCAL_AES_KEY", AES_KEY);
    env.put("OTP_LOCAL_KEY_NAMESPACE", "otp-local");
    env.put("OTP_LOCAL_KEY_NAME", "cognito-code-key");
    return env;
  }

  @Test
  void fromEnvironment_shouldApplyContractDefaults_whenOnlyRequiredVariablesAreSet() {
    // given
    Map<String, String> env = minimalLocal();

    // when
    SenderConfig config = SenderConfig.fromEnvironment(env);

    // then
    assertThat(config.apiBaseUrl()).isEqualTo(URI.create("https://graph.facebook.com"));
    assertThat(config.apiVersion()).isEqualTo("v26.0");
    assertThat(config.templateFor(TriggerSource.SIGN_UP))
        .isEqualTo(new TemplateRef("otp_code", "en_US"));
    assertThat(config.templateFor(TriggerSource.AUTHENTICATION))
        .isEqualTo(new TemplateRef("otp_code", "en_US"));
    assertThat(config.templateFor(TriggerSource.ADMIN_CREATE_USER))
        .isEqualTo(new TemplateRef("temporary_password", "en_US"));
    assertThat(config.maxAttempts()).isEqualTo(3);
    assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.expectedUserPoolId()).isEmpty();
    assertThat(config.accessToken()).isInstanceOf(TokenSource.Direct.class);
    assertThat(config.decryption()).containsInstanceOf(Decryption.LocalAes.class);
  }

  @Test
  void fromEnvironment_shouldListAllMissingVariables_whenEmpty() {
    // when / then
    assertThatThrownBy(() -> SenderConfig.fromEnvironment(Map.of()))
        .isInstanceOf(SenderConfigurationException.class)
        .satisfies(
            e ->
                assertThat(((SenderConfigurationException) e).problems())
                    .containsExactly(
                        "WHATSAPP_PHONE_NUMBER_ID is not set",
                        "WHATSAPP_ACCESS_TOKEN_SECRET_ID is not set (or WHATSAPP_ACCESS_TOKEN for local runs)",
                        "KMS_KEY_ARN is not set (or OTP_LOCAL_AES_KEY for local runs)"))
        .hasMessageStartingWith("invalid configuration: WHATSAPP_PHONE_NUMBER_ID is not set; ");
  }

  @Test
  void fromEnvironment_shouldUseSecretsManagerAndKms_whenConfiguredForAws() {
    // given
    Map<String, String> env =
        Map.of(
            "WHATSAPP_PHONE_NUMBER_ID", "100000000000001",
            "WHATSAPP_ACCESS_TOKEN_SECRET_ID", "whatsapp/access-token",
            "WHATSAPP_ACCESS_TOKEN_CACHE_SECONDS", "60",
            "KMS_KEY_ARN", KEY_ARN,
            "COGNITO_USER_POOL_ID", "eu-west-1_AbC123",
            "WHATSAPP_TEMPLATE_NAME_FORGOT_PASSWORD", "reset_code",
            "WHATSAPP_TEMPLATE_LANGUAGE", "pt_BR",
            "WHATSAPP_TEMPLATE_LANGUAGE_AUTHENTICATION", "es_419");

    // when
    SenderConfig config = SenderConfig.fromEnvironment(env);

    // then
    assertThat(config.accessToken())
        .isEqualTo(new TokenSource.SecretsManager("whatsapp/access-token", Duration.ofSeconds(60)));
    assertThat(config.decryption()).contains(new Decryption.Kms(KEY_ARN));
    assertThat(config.expectedUserPoolId()).contains("eu-west-1_AbC123");
    assertThat(config.templateFor(TriggerSource.FORGOT_PASSWORD))
        .isEqualTo(new TemplateRef("reset_code", "pt_BR"));
    assertThat(config.templateFor(TriggerSource.AUTHENTICATION))
        .isEqualTo(new TemplateRef("otp_code", "es_419"));
    assertThat(config.templateFor(TriggerSource.ADMIN_CREATE_USER))
        .isEqualTo(new TemplateRef("temporary_password", "pt_BR"));
  }

  static Stream<Arguments> badValues() {
    return Stream.of(
        Arguments.of(
            "phone number instead of id",
            "WHATSAPP_PHONE_NUMBER_ID",
            "+447911123456",
            "WHATSAPP_PHONE_NUMBER_ID must be digits only"),
        Arguments.of(
            "plain http to a remote host",
            "WHATSAPP_API_BASE_URL",
            "http://graph.example.com",
            "WHATSAPP_API_BASE_URL must use https unless the host is loopback"),
        Arguments.of(
            "not a url",
            "WHATSAPP_API_BASE_URL",
            "graph.facebook.com",
            "WHATSAPP_API_BASE_URL must be an absolute http(s) URL"),
        Arguments.of(
            "version without v",
            "WHATSAPP_API_VERSION",
            "23.0",
            "WHATSAPP_API_VERSION must be like v26.0"),
        Arguments.of(
            "template with capitals",
            "WHATSAPP_TEMPLATE_NAME",
            "OTP Code",
            "WHATSAPP_TEMPLATE_NAME must be lower-case letters"),
        Arguments.of(
            "per-source template",
            "WHATSAPP_TEMPLATE_NAME_SIGN_UP",
            "sign-up",
            "WHATSAPP_TEMPLATE_NAME_SIGN_UP must be lower-case letters"),
        Arguments.of(
            "language",
            "WHATSAPP_TEMPLATE_LANGUAGE",
            "english",
            "WHATSAPP_TEMPLATE_LANGUAGE must be a"),
        Arguments.of(
            "attempts too high",
            "WHATSAPP_MAX_ATTEMPTS",
            "9",
            "WHATSAPP_MAX_ATTEMPTS must be 1..5, was 9"),
        Arguments.of(
            "attempts not a number",
            "WHATSAPP_MAX_ATTEMPTS",
            "three",
            "WHATSAPP_MAX_ATTEMPTS must be a whole number 1..5"),
        Arguments.of(
            "timeout",
            "WHATSAPP_REQUEST_TIMEOUT_MILLIS",
            "10",
            "WHATSAPP_REQUEST_TIMEOUT_MILLIS must be"),
        Arguments.of(
            "short aes key",
            "OTP_LOCAL_AES_KEY",
            "AAECAwQFBgc=",
            "OTP_LOCAL_AES_KEY must decode to 16, 24 or 32 bytes, was 8"),
        Arguments.of(
            "aes key not base64",
            "OTP_LOCAL_AES_KEY",
            "not base64!",
            "OTP_LOCAL_AES_KEY is not valid base64"),
        Arguments.of(
            "both token sources",
            "WHATSAPP_ACCESS_TOKEN_SECRET_ID",
            "whatsapp/token",
            "set only one of WHATSAPP_ACCESS_TOKEN and WHATSAPP_ACCESS_TOKEN_SECRET_ID"),
        Arguments.of(
            "both keys",
            "KMS_KEY_ARN",
            KEY_ARN,
            "set only one of KMS_KEY_ARN and OTP_LOCAL_AES_KEY"),
        Arguments.of(
            "pool id", "COGNITO_USER_POOL_ID", "my pool", "COGNITO_USER_POOL_ID must look like"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badValues")
  void fromEnvironment_shouldNameTheVariable_whenAValueIsBad(
      String name, String variable, String value, String expected) {
    // given
    Map<String, String> env = minimalLocal();
    env.put(variable, value);

    // when / then
    assertThatThrownBy(() -> SenderConfig.fromEnvironment(env))
        .isInstanceOf(SenderConfigurationException.class)
        .hasMessageContaining(expected)
        .satisfies(
            e -> assertThat(e.getMessage()).doesNotContain(ACCESS_TOKEN, AES_KEY, "+447911123456"));
  }

  @Test
  void fromEnvironment_shouldNotEchoTheValue_whenATokenIsPastedAsTheSecretId() {
    // given
    Map<String, String> env = minimalLocal();
    env.remove("WHATSAPP_ACCESS_TOKEN");
    env.put("WHATSAPP_ACCESS_TOKEN_SECRET_ID", PASTED_TOKEN);

    // when / then
    assertThatThrownBy(() -> SenderConfig.fromEnvironment(env))
        .isInstanceOf(SenderConfigurationException.class)
        .hasMessageContaining(
            "WHATSAPP_ACCESS_TOKEN_SECRET_ID must be a Secrets Manager secret name or ARN")
        .satisfies(
            e ->
                assertThat(e.getMessage())
                    .doesNotContain(PASTED_TOKEN.substring(0, 8), PASTED_TOKEN.substring(40, 48)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("secretIds")
  void fromEnvironment_shouldAcceptTheSecret_whenTheIdIsANameOrAnArn(String secretId) {
    // given
    Map<String, String> env = minimalLocal();
    env.remove("WHATSAPP_ACCESS_TOKEN");
    env.put("WHATSAPP_ACCESS_TOKEN_SECRET_ID", secretId);

    // when
    SenderConfig config = SenderConfig.fromEnvironment(env);

    // then
    assertThat(config.accessToken())
        .isEqualTo(new TokenSource.SecretsManager(secretId, Duration.ofMinutes(5)));
  }

  static Stream<String> secretIds() {
    return Stream.of(
        "whatsapp/access-token",
        "WhatsAppAccessToken",
        "prod/otp/whatsapp_token+v2@eu",
        "arn:aws:secretsmanager:eu-west-1:123456789012:secret:whatsapp/access-token-AbC123");
  }

  /**
   * Variables whose bad value used to be echoed (64 characters of it); a secret pasted there must
   * not be.
   */
  static Stream<Arguments> echoedBefore() {
    return Stream.of(
        Arguments.of(
            "COGNITO_USER_POOL_ID", "COGNITO_USER_POOL_ID must look like eu-west-1_AbC123"),
        Arguments.of(
            "WHATSAPP_API_BASE_URL", "WHATSAPP_API_BASE_URL must be an absolute http(s) URL"),
        Arguments.of("WHATSAPP_API_VERSION", "WHATSAPP_API_VERSION must be like v26.0"),
        Arguments.of("WHATSAPP_TEMPLATE_NAME", "WHATSAPP_TEMPLATE_NAME must be lower-case letters"),
        Arguments.of(
            "WHATSAPP_TEMPLATE_LANGUAGE_SIGN_UP",
            "WHATSAPP_TEMPLATE_LANGUAGE_SIGN_UP must be a WhatsApp"),
        Arguments.of("WHATSAPP_MAX_ATTEMPTS", "WHATSAPP_MAX_ATTEMPTS must be a whole number 1..5"),
        Arguments.of("KMS_KEY_ARN", "KMS_KEY_ARN must be a key ARN"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("echoedBefore")
  void fromEnvironment_shouldSayWhatWasExpectedWithoutTheValue_whenAVariableHoldsSomethingElse(
      String variable, String expected) {
    // given: a token in the wrong variable
    Map<String, String> env = minimalLocal();
    if (variable.equals("KMS_KEY_ARN")) {
      env.remove("OTP_LOCAL_AES_KEY");
    }
    env.put(variable, PASTED_TOKEN + "!");

    // when / then
    assertThatThrownBy(() -> SenderConfig.fromEnvironment(env))
        .isInstanceOf(SenderConfigurationException.class)
        .hasMessageContaining(expected)
        .hasMessageContaining("(got " + (PASTED_TOKEN.length() + 1) + " characters, not shown)")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PASTED_TOKEN.substring(0, 8)));
  }

  @Test
  void fromEnvironment_shouldNotEchoALongNumber_whenItIsOutOfRange() {
    // given: a phone number's digits where a small number belongs
    Map<String, String> env = minimalLocal();
    env.put("WHATSAPP_REQUEST_TIMEOUT_MILLIS", "447911123");

    // when / then
    assertThatThrownBy(() -> SenderConfig.fromEnvironment(env))
        .hasMessageContaining(
            "WHATSAPP_REQUEST_TIMEOUT_MILLIS must be 100..30000 (got 9 characters, not shown)")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("447911123"));
  }

  @Test
  void fromEnvironment_shouldRequireKeyNames_whenLocalKeyIsSet() {
    // given
    Map<String, String> env = minimalLocal();
    env.remove("OTP_LOCAL_KEY_NAMESPACE");
    env.remove("OTP_LOCAL_KEY_NAME");

    // when / then
    assertThatThrownBy(() -> SenderConfig.fromEnvironment(env))
        .hasMessageContaining("OTP_LOCAL_KEY_NAMESPACE is not set")
        .hasMessageContaining("OTP_LOCAL_KEY_NAME is not set");
  }

  @Test
  void fromEnvironment_shouldAcceptLoopbackHttp_whenBaseUrlIsLocal() {
    // given
    Map<String, String> env = minimalLocal();
    env.put("WHATSAPP_API_BASE_URL", "http://127.0.0.1:8089/");

    // when
    SenderConfig config = SenderConfig.fromEnvironment(env);

    // then
    assertThat(config.apiBaseUrl()).isEqualTo(URI.create("http://127.0.0.1:8089"));
  }

  @Test
  void channelFromEnvironment_shouldNotRequireAKey_whenSendingPlaintext() {
    // given
    Map<String, String> env =
        Map.of("WHATSAPP_PHONE_NUMBER_ID", "1", "WHATSAPP_ACCESS_TOKEN", ACCESS_TOKEN);

    // when
    SenderConfig config = SenderConfig.channelFromEnvironment(env);

    // then
    assertThat(config.decryption()).isEmpty();
  }

  @Test
  void fromEnvironment_shouldTreatBlankAsUnset_whenCloudFormationWritesEmptyStrings() {
    // given
    Map<String, String> env = minimalLocal();
    env.put("KMS_KEY_ARN", "");
    env.put("COGNITO_USER_POOL_ID", " ");

    // when
    SenderConfig config = SenderConfig.fromEnvironment(env);

    // then
    assertThat(config.decryption()).containsInstanceOf(Decryption.LocalAes.class);
    assertThat(config.expectedUserPoolId()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "otp-delivery-ledger",
        "arn:aws:dynamodb:eu-west-1:123456789012:table/otp-delivery-ledger"
      })
  void fromEnvironment_shouldReadTheLedgerTable_whenANameOrArnIsSet(String table) {
    // given
    Map<String, String> env = minimalLocal();
    env.put("OTP_LEDGER_TABLE", table);

    // when
    SenderConfig config = SenderConfig.fromEnvironment(env);

    // then
    assertThat(config.ledgerTable()).contains(table);
    assertThat(SenderConfig.fromEnvironment(minimalLocal()).ledgerTable()).isEmpty();
  }

  @Test
  void fromEnvironment_shouldNameTheLedgerTable_whenItIsNotATableName() {
    // given
    Map<String, String> env = minimalLocal();
    env.put("OTP_LEDGER_TABLE", "no spaces/allowed");

    // when / then
    assertThatThrownBy(() -> SenderConfig.fromEnvironment(env))
        .isInstanceOf(SenderConfigurationException.class)
        .hasMessageContaining("OTP_LEDGER_TABLE must be a DynamoDB table name or table ARN");
  }

  @Test
  void fromEnvironment_shouldUseWhatsAppAlone_whenOtpChannelsIsUnset() {
    // given
    Map<String, String> env = minimalLocal();

    // when
    SenderConfig config = SenderConfig.fromEnvironment(env);

    // then
    assertThat(config.channels()).containsExactly("whatsapp");
  }

  @Test
  void fromEnvironment_shouldKeepTheOrder_whenOtpChannelsListsSeveral() {
    // given
    Map<String, String> env = minimalLocal();
    env.put("OTP_CHANNELS", " whatsapp-eum, whatsapp ,sns,sms");

    // when
    SenderConfig config = SenderConfig.fromEnvironment(env);

    // then
    assertThat(config.channels()).containsExactly("whatsapp-eum", "whatsapp", "sns", "sms");
  }

  @Test
  void
      fromEnvironment_shouldListEveryProblem_whenOtpChannelsHasAnUnknownADuplicateAndAnEmptyEntry() {
    // given
    Map<String, String> env = minimalLocal();
    env.put("OTP_CHANNELS", "whatsapp,,fax,whatsapp");
    env.put("WHATSAPP_MAX_ATTEMPTS", "9");

    // when / then
    assertThatThrownBy(() -> SenderConfig.fromEnvironment(env))
        .isInstanceOf(SenderConfigurationException.class)
        .hasMessageContaining("OTP_CHANNELS has an empty entry")
        .hasMessageContaining(
            "OTP_CHANNELS names an unknown channel fax; known: whatsapp, whatsapp-eum, sms, sns")
        .hasMessageContaining("OTP_CHANNELS lists whatsapp twice")
        .hasMessageContaining("WHATSAPP_MAX_ATTEMPTS must be 1..5, was 9");
  }

  @Test
  void fromEnvironment_shouldNotEchoTheName_whenAnUnknownChannelLooksLikeAnythingElse() {
    // given
    Map<String, String> env = minimalLocal();
    env.put("OTP_CHANNELS", "whatsapp,+447911123456");

    // when / then
    assertThatThrownBy(() -> SenderConfig.fromEnvironment(env))
        .isInstanceOf(SenderConfigurationException.class)
        .hasMessageContaining(
            "OTP_CHANNELS names an unknown channel (got 13 characters, not shown)")
        .hasMessageNotContaining("7911");
  }

  @Test
  void fromEnvironment_shouldRefuseAChannelThisBuildLacks_whenOtpChannelsNamesIt() {
    // given
    Map<String, String> env = minimalLocal();
    env.put("OTP_CHANNELS", "whatsapp,sms,sns");

    // when / then
    assertThatThrownBy(() -> SenderConfig.fromEnvironment(env, Set.of("whatsapp")))
        .isInstanceOf(SenderConfigurationException.class)
        .hasMessageContaining("channel sms is not available in this build")
        .hasMessageContaining("channel sns is not available in this build");
  }
}
