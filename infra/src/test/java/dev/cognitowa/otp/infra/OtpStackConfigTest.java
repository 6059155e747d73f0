package dev.cognitowa.otp.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OtpStackConfigTest {

  private static final Map<String, Object> MINIMAL =
      Map.of(
          "phoneNumberId",
          SenderFixtures.PHONE_NUMBER_ID,
          "tokenSecretName",
          "whatsapp/access-token");

  @Test
  void fromContext_shouldListAllMissingValues_whenContextIsEmpty() {
    // when / then
    assertThatThrownBy(() -> OtpStackConfig.fromContext(key -> null))
        .isInstanceOfSatisfying(
            DeploymentConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "phoneNumberId is not set (-c phoneNumberId=<the WhatsApp phone-number id>)",
                        "set exactly one of tokenSecretArn (complete ARN) and tokenSecretName"));
  }

  @Test
  void fromContext_shouldApplyDefaults_whenOnlyRequiredValuesAreSet() {
    // when
    OtpStackConfig config = OtpStackConfig.fromContext(MINIMAL::get);

    // then
    assertThat(config.stackName()).isEqualTo("CognitoWhatsAppOtp");
    assertThat(config.channels()).containsExactly(MessagingChannel.CLOUD_API);
    assertThat(config.deliveryStatus()).isTrue();
    assertThat(config.fallbackWindowSeconds()).isEqualTo(300);
    assertThat(config.appSecretArn()).isEmpty();
    assertThat(config.appSecretName()).isEmpty();
    assertThat(config.selfSignUp()).isTrue();
    assertThat(config.mfa()).isEqualTo(OtpStackConfig.MfaMode.OPTIONAL);
    assertThat(config.tracing()).isFalse();
    assertThat(config.retain()).isTrue();
    assertThat(config.ledger()).isTrue();
    assertThat(config.userPoolId()).isEmpty();
    assertThat(config.tokenSecretName()).contains("whatsapp/access-token");
  }

  @Test
  void fromContext_shouldReadEverySetting_whenGivenAsStringsOrJsonValues() {
    // given
    Map<String, Object> context = new HashMap<>(MINIMAL);
    context.putAll(
        Map.of(
            "stackName",
            "Otp-Staging",
            "selfSignUp",
            false,
            "mfa",
            "required",
            "tracing",
            "true",
            "userPoolId",
            SenderFixtures.EXISTING_POOL_ID,
            "templateName",
            "login_code",
            "templateName.ADMIN_CREATE_USER",
            "welcome_password",
            "templateLanguage.SIGN_UP",
            "pt_BR",
            "channel",
            "cloud_api"));
    context.putAll(Map.of("retain", "false", "ledger", false));

    // when
    OtpStackConfig config = OtpStackConfig.fromContext(context::get);

    // then
    assertThat(config.stackName()).isEqualTo("Otp-Staging");
    assertThat(config.selfSignUp()).isFalse();
    assertThat(config.mfa()).isEqualTo(OtpStackConfig.MfaMode.REQUIRED);
    assertThat(config.tracing()).isTrue();
    assertThat(config.retain()).isFalse();
    assertThat(config.ledger()).isFalse();
    assertThat(config.userPoolId()).contains(SenderFixtures.EXISTING_POOL_ID);
    assertThat(config.templateName()).contains("login_code");
    assertThat(config.templateNameOverrides())
        .containsExactly(Map.entry("ADMIN_CREATE_USER", "welcome_password"));
    assertThat(config.templateLanguageOverrides()).containsExactly(Map.entry("SIGN_UP", "pt_BR"));
  }

  @Test
  void fromContext_shouldRefusePartialArn_whenTheSixCharacterSuffixIsMissing() {
    // given
    Map<String, Object> context =
        Map.of(
            "phoneNumberId",
            "1",
            "tokenSecretArn",
            "arn:aws:secretsmanager:eu-west-1:111122223333:secret:whatsapp/access-token");

    // when / then
    assertThatThrownBy(() -> OtpStackConfig.fromContext(context::get))
        .hasMessageContaining(
            "tokenSecretArn must be the secret's complete ARN, ending in -XXXXXX");
  }

  @Test
  void fromContext_shouldAcceptCompleteArn_whenItEndsInTheSuffix() {
    // when
    OtpStackConfig config =
        OtpStackConfig.fromContext(
            Map.<String, Object>of(
                    "phoneNumberId", "1", "tokenSecretArn", SenderFixtures.TOKEN_SECRET_ARN)
                ::get);

    // then
    assertThat(config.tokenSecretArn()).contains(SenderFixtures.TOKEN_SECRET_ARN);
    assertThat(config.tokenSecretName()).isEqualTo(Optional.empty());
  }

  @Test
  void fromContext_shouldListEveryMalformedValue_whenSeveralAreWrong() {
    // given
    Map<String, Object> context =
        Map.of(
            "phoneNumberId",
            "+4917012345",
            "tokenSecretName",
            "a",
            "tokenSecretArn",
            SenderFixtures.TOKEN_SECRET_ARN,
            "channel",
            "WHATSAPP_WEB",
            "mfa",
            "SOMETIMES",
            "selfSignUp",
            "yes",
            "userPoolId",
            "pool-1",
            "stackName",
            "1st",
            "retain",
            "keep",
            "ledger",
            "no");

    // when / then
    assertThatThrownBy(() -> OtpStackConfig.fromContext(context::get))
        .isInstanceOfSatisfying(
            DeploymentConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "stackName must match [A-Za-z][A-Za-z0-9-]{0,127}, was '1st'",
                        "phoneNumberId must be digits only, was '+4917012345'",
                        "set exactly one of tokenSecretArn (complete ARN) and tokenSecretName",
                        "userPoolId must look like eu-west-1_AbCdEf123, was 'pool-1'",
                        "channel must be one of [CLOUD_API, END_USER_MESSAGING_SOCIAL,"
                            + " END_USER_MESSAGING_SMS, SNS_SMS], was 'WHATSAPP_WEB'",
                        "ledger must be true or false, was 'no'",
                        "selfSignUp must be true or false, was 'yes'",
                        "mfa must be one of [OPTIONAL, REQUIRED], was 'SOMETIMES'",
                        "retain must be true or false, was 'keep'"));
  }
}
