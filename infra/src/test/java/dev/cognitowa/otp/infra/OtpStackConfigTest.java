package dev.cognitowa.otp.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.services.cognito.FeaturePlan;

class OtpStackConfigTest {

  private static final Map<String, Object> MINIMAL =
      Map.of(
          "phoneNumberId",
          SenderFixtures.PHONE_NUMBER_ID,
          "tokenSecretName",
          "whatsapp/access-token");

  /** The one line a chain with an SMS channel and no SMS allow-list gets. */
  private static final String SMS_ALLOW_LIST_REQUIRED =
      "smsAllowedCountries is required when channels lists sms or sns: the countries SMS may go"
          + " to (-c smsAllowedCountries=DE,AT), or * for every country, which leaves the SMS"
          + " fallback open to SMS pumping at the dearest destinations";

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
    // one channel: nothing to fall back to, so no status path (issue 19.1)
    assertThat(config.deliveryStatus()).isFalse();
    assertThat(config.statusConcurrency()).contains(10);
    assertThat(config.senderConcurrency()).isEmpty();
    assertThat(config.eumWabaId()).isEmpty();
    assertThat(config.featurePlan()).isEqualTo(FeaturePlan.LITE);
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
    assertThat(config.architecture()).isEqualTo(LambdaArchitecture.X86_64);
  }

  @Test
  void fromContext_shouldReadTheArchitecture_whenX86OrArm() {
    for (Map.Entry<String, LambdaArchitecture> given :
        Map.of(
                "x86_64", LambdaArchitecture.X86_64,
                "arm64", LambdaArchitecture.ARM64,
                " ARM64 ", LambdaArchitecture.ARM64)
            .entrySet()) {
      // given
      Map<String, Object> context = new HashMap<>(MINIMAL);
      context.put("architecture", given.getKey());

      // when / then
      assertThat(OtpStackConfig.fromContext(context::get).architecture())
          .isEqualTo(given.getValue());
    }
    assertThat(LambdaArchitecture.ARM64.contextName()).isEqualTo("arm64");
  }

  @Test
  void fromContext_shouldRefuseOtherArchitectures_inOneLine() {
    // given: the names other tools use for the same CPUs are refused too
    Map<String, Object> context = new HashMap<>(MINIMAL);
    context.put("architecture", "aarch64");

    // when / then
    assertThatThrownBy(() -> OtpStackConfig.fromContext(context::get))
        .isInstanceOfSatisfying(
            DeploymentConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly("architecture must be x86_64 or arm64, was 'aarch64'"));
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
                        "channel must be one of [CLOUD_API, END_USER_MESSAGING_SOCIAL,"
                            + " END_USER_MESSAGING_SMS, SNS_SMS], was 'WHATSAPP_WEB'",
                        "phoneNumberId must be digits only, was '+4917012345'",
                        "set exactly one of tokenSecretArn (complete ARN) and tokenSecretName",
                        "userPoolId must look like eu-west-1_AbCdEf123, was 'pool-1'",
                        "ledger must be true or false, was 'no'",
                        "selfSignUp must be true or false, was 'yes'",
                        "mfa must be one of [OPTIONAL, REQUIRED], was 'SOMETIMES'",
                        "retain must be true or false, was 'keep'"));
  }

  @Test
  void fromContext_shouldReadTheChainAndEachListedChannelsSettings_whenGiven() {
    // given
    Map<String, Object> context = new HashMap<>(MINIMAL);
    context.putAll(
        Map.of(
            "channels",
            "whatsapp, whatsapp-eum,sms,sns",
            "eumPhoneNumberId",
            WhatsAppOtpSenderChannelsTest.EUM_PHONE_NUMBER_ID,
            "smsOriginationIdentity",
            WhatsAppOtpSenderChannelsTest.SMS_POOL_ID,
            "smsConfigurationSet",
            WhatsAppOtpSenderChannelsTest.CONFIGURATION_SET,
            "smsText",
            "Code: {code}",
            "smsText.ADMIN_CREATE_USER",
            "Hi {username}, password {code}",
            "fallbackWindowSeconds",
            "120",
            "appSecretName",
            "whatsapp/app-secret",
            "smsAllowedCountries",
            "*"));

    // when
    OtpStackConfig config = OtpStackConfig.fromContext(context::get);

    // then
    assertThat(config.channels())
        .containsExactly(
            MessagingChannel.CLOUD_API,
            MessagingChannel.END_USER_MESSAGING_SOCIAL,
            MessagingChannel.END_USER_MESSAGING_SMS,
            MessagingChannel.SNS_SMS);
    assertThat(config.eumPhoneNumberId())
        .contains(WhatsAppOtpSenderChannelsTest.EUM_PHONE_NUMBER_ID);
    assertThat(config.smsOriginationIdentity()).contains(WhatsAppOtpSenderChannelsTest.SMS_POOL_ID);
    assertThat(config.smsConfigurationSet())
        .contains(WhatsAppOtpSenderChannelsTest.CONFIGURATION_SET);
    assertThat(config.smsText()).contains("Code: {code}");
    assertThat(config.smsTextOverrides())
        .containsExactly(Map.entry("ADMIN_CREATE_USER", "Hi {username}, password {code}"));
    assertThat(config.fallbackWindowSeconds()).isEqualTo(120);
    assertThat(config.appSecretName()).contains("whatsapp/app-secret");
    assertThat(config.deliveryStatus()).isTrue();
  }

  @Test
  void fromContext_shouldReadTheChainAsAJsonList_whenCdkJsonGivesOne() {
    // given
    Map<String, Object> context = new HashMap<>(MINIMAL);
    context.put("channels", List.of("sns", "whatsapp"));
    context.put("smsAllowedCountries", "BR");

    // when
    OtpStackConfig config = OtpStackConfig.fromContext(context::get);

    // then
    assertThat(config.channels())
        .containsExactly(MessagingChannel.SNS_SMS, MessagingChannel.CLOUD_API);
  }

  @Test
  void fromContext_shouldListEveryChannelProblem_whenTheChainAndItsSettingsDisagree() {
    // given: sms and whatsapp-eum listed without their settings, an unknown name, both keys
    Map<String, Object> context = new HashMap<>();
    context.putAll(
        Map.of(
            "channels",
            "whatsapp-eum,fax,sms",
            "channel",
            "CLOUD_API",
            "smsText",
            "no placeholder"));

    // when / then
    assertThatThrownBy(() -> OtpStackConfig.fromContext(context::get))
        .isInstanceOfSatisfying(
            DeploymentConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "set only one of channels and channel (channels replaces it)",
                        "channels names an unknown channel 'fax'; known: whatsapp, whatsapp-eum,"
                            + " sms, sns",
                        "eumPhoneNumberId is required when channels lists whatsapp-eum",
                        "smsOriginationIdentity is required when channels lists sms",
                        "smsText must contain {code}",
                        SMS_ALLOW_LIST_REQUIRED));
  }

  /** Chains with an SMS channel, each with every other setting it needs. */
  static Stream<Arguments> smsChains() {
    Map<String, Object> withSms = new HashMap<>(MINIMAL);
    withSms.putAll(
        Map.of(
            "channels",
            "whatsapp,sms",
            "smsOriginationIdentity",
            WhatsAppOtpSenderChannelsTest.SMS_POOL_ID));
    return Stream.of(
        Arguments.of("whatsapp,sms", withSms),
        Arguments.of("sns", Map.of("channels", "sns")),
        Arguments.of(
            "whatsapp-eum,sns",
            Map.of(
                "channels",
                "whatsapp-eum,sns",
                "eumPhoneNumberId",
                WhatsAppOtpSenderChannelsTest.EUM_PHONE_NUMBER_ID)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("smsChains")
  void fromContext_shouldRefuseWithOneLine_whenAnSmsChannelIsListedWithoutAnSmsAllowList(
      String name, Map<String, Object> chain) {
    // given: an allow-list for every channel is not the SMS one
    Map<String, Object> context = new HashMap<>(chain);
    context.put("allowedCountries", "DE");

    // when / then
    assertThatThrownBy(() -> OtpStackConfig.fromContext(context::get))
        .isInstanceOfSatisfying(
            DeploymentConfigurationException.class,
            e -> assertThat(e.problems()).containsExactly(SMS_ALLOW_LIST_REQUIRED));
  }

  @Test
  void fromContext_shouldTakeAStarAsTheOperatorsChoice_whenSmsMayGoToEveryCountry() {
    // given
    Map<String, Object> context =
        Map.of("channels", "sns", "smsAllowedCountries", "*", "smsDeniedCountries", "001,ZZ");

    // when
    OtpStackConfig config = OtpStackConfig.fromContext(context::get);

    // then: passed to the sender as written, which reads * as every country
    assertThat(config.limitVariables())
        .containsEntry("OTP_SMS_ALLOWED_COUNTRIES", "*")
        .containsEntry("OTP_SMS_DENIED_COUNTRIES", "001,ZZ");
  }

  @Test
  void fromContext_shouldRefuseAStar_whenMixedWithCodesOrDenied() {
    // given
    Map<String, Object> context =
        Map.of("channels", "sns", "smsAllowedCountries", "DE,*", "deniedCountries", "*");

    // when / then
    assertThatThrownBy(() -> OtpStackConfig.fromContext(context::get))
        .isInstanceOfSatisfying(
            DeploymentConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .containsExactlyInAnyOrder(
                        "smsAllowedCountries may be * (every country) only alone, was 'DE,*'",
                        "deniedCountries cannot be *: deny countries by name"));
  }

  @Test
  void fromContext_shouldTurnTheStatusFunctionOff_whenTheLedgerIsOffAndNothingElseIsSaid() {
    // given
    Map<String, Object> context = new HashMap<>(MINIMAL);
    context.put("ledger", "false");

    // when
    OtpStackConfig config = OtpStackConfig.fromContext(context::get);

    // then
    assertThat(config.deliveryStatus()).isFalse();
  }

  @Test
  void fromContext_shouldListEveryStatusProblem_whenTheStatusSettingsAreWrong() {
    // given
    Map<String, Object> context = new HashMap<>(MINIMAL);
    context.putAll(
        Map.of(
            "ledger",
            "false",
            "deliveryStatus",
            "true",
            "appSecretArn",
            "arn:aws:secretsmanager:eu-west-1:111122223333:secret:whatsapp/appsecret",
            "appSecretName",
            "whatsapp/app-secret",
            "fallbackWindowSeconds",
            "5 minutes"));

    // when / then
    assertThatThrownBy(() -> OtpStackConfig.fromContext(context::get))
        .isInstanceOfSatisfying(
            DeploymentConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "set at most one of appSecretArn (complete ARN) and appSecretName",
                        "appSecretArn must be the secret's complete ARN, ending in -XXXXXX, was"
                            + " 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:whatsapp/appsecret'",
                        "deliveryStatus=true needs the ledger (it finds the send a status belongs"
                            + " to there): drop ledger=false, or set deliveryStatus=false",
                        "fallbackWindowSeconds must be a whole number 1..3600, was '5 minutes'"));
  }

  @Test
  void fromContext_shouldRefuseAnAppSecret_whenTheStatusFunctionIsOff() {
    // given
    Map<String, Object> context = new HashMap<>(MINIMAL);
    context.putAll(Map.of("deliveryStatus", "false", "appSecretName", "whatsapp/app-secret"));

    // when / then
    assertThatThrownBy(() -> OtpStackConfig.fromContext(context::get))
        .hasMessageContaining("appSecretArn/appSecretName are for the delivery-status function");
  }

  @Test
  void fromContext_shouldAskForNoWhatsAppSettings_whenTheChainDoesNotListWhatsApp() {
    // given
    Map<String, Object> context = Map.of("channels", "sns", "smsAllowedCountries", "DE");

    // when
    OtpStackConfig config = OtpStackConfig.fromContext(context::get);

    // then
    assertThat(config.phoneNumberId()).isEmpty();
    assertThat(config.tokenSecretArn()).isEmpty();
    assertThat(config.tokenSecretName()).isEmpty();
  }

  @Test
  void fromContext_shouldRefuseWhatsAppSettings_whenTheChainDoesNotListWhatsApp() {
    // given
    Map<String, Object> context = new HashMap<>(MINIMAL);
    context.put("channels", "sns");
    context.put("smsAllowedCountries", "DE");

    // when / then
    assertThatThrownBy(() -> OtpStackConfig.fromContext(context::get))
        .isInstanceOfSatisfying(
            DeploymentConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "phoneNumberId is set but channels does not list whatsapp",
                        "tokenSecretArn/tokenSecretName is set but channels does not list whatsapp"));
  }

  @Test
  void fromContext_shouldReadAlarmEmailWebAclAndLimits_whenSet() {
    // given
    Map<String, Object> context = new HashMap<>(MINIMAL);
    context.putAll(
        Map.of(
            "alarmEmail", "ops@example.org",
            "wafRateLimit", 1000,
            "limitPerNumber15Min", "4",
            "deniedCountries", "ru, by",
            "channels", "whatsapp,sms",
            "smsOriginationIdentity", "pool-0123456789abcdef0123456789abcdef",
            "smsLimitPoolPerMinute", "0",
            "smsLimitPoolPerDay", "200",
            "smsAllowedCountries", "DE,001"));

    // when
    OtpStackConfig config = OtpStackConfig.fromContext(context::get);

    // then
    assertThat(config.alarmEmail()).contains("ops@example.org");
    assertThat(config.wafRateLimit()).contains(1000);
    assertThat(config.limitVariables())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "OTP_LIMIT_PER_NUMBER_15MIN", "4",
                "OTP_DENIED_COUNTRIES", "ru, by",
                "OTP_SMS_LIMIT_POOL_PER_MINUTE", "0",
                "OTP_SMS_LIMIT_POOL_PER_DAY", "200",
                "OTP_SMS_ALLOWED_COUNTRIES", "DE,001"));
  }

  @Test
  void fromContext_shouldLeaveAlarmEmailWebAclAndLimitsOut_whenNotSet() {
    // when
    OtpStackConfig config = OtpStackConfig.fromContext(MINIMAL::get);

    // then
    assertThat(config.alarmEmail()).isEmpty();
    assertThat(config.wafRateLimit()).isEmpty();
    assertThat(config.limitVariables()).isEmpty();
  }

  @Test
  void fromContext_shouldListEveryAlarmWebAclAndLimitProblem_whenValuesAreWrong() {
    // given
    Map<String, Object> context = new HashMap<>(MINIMAL);
    context.putAll(
        Map.of(
            "alarmEmail", "ops at example",
            "wafRateLimit", "5",
            "limitPerNumberDay", "-1",
            "limitPoolPerMinute", "50001",
            "allowedCountries", "DE,XX",
            "smsDeniedCountries", "RU",
            "ledger", "false"));

    // when / then
    assertThatThrownBy(() -> OtpStackConfig.fromContext(context::get))
        .isInstanceOfSatisfying(
            DeploymentConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .containsExactlyInAnyOrder(
                        "alarmEmail must be one e-mail address (name@example.org), was 'ops at"
                            + " example'",
                        "wafRateLimit must be a whole number 10..2000000000, was '5'",
                        "limitPerNumberDay must be a whole number 0..50000 (0 = no limit), was"
                            + " '-1'",
                        "limitPerNumberDay needs the ledger (the counters live in its table): drop"
                            + " ledger=false",
                        "limitPoolPerMinute must be a whole number 0..50000 (0 = no limit), was"
                            + " '50001'",
                        "limitPoolPerMinute needs the ledger (the counters live in its table):"
                            + " drop ledger=false",
                        "allowedCountries must list ISO 3166 alpha-2 codes such as DE,FR,BR (or"
                            + " 001 for non-geographic numbers, ZZ for unknown ones), was 'DE,XX'",
                        "smsDeniedCountries is set but channels lists neither sms nor sns"));
  }

  @Test
  void fromContext_shouldListEveryDomainProblem_whenDomainAndCallbacksDisagree() {
    // given
    Map<String, Object> context = new HashMap<>(MINIMAL);
    context.putAll(
        Map.of(
            "domainPrefix",
            "my-cognito-login",
            "userPoolId",
            SenderFixtures.EXISTING_POOL_ID,
            "callbackUrls",
            List.of("http://app.example.org/callback")));

    // when / then
    assertThatThrownBy(() -> OtpStackConfig.fromContext(context::get))
        .isInstanceOfSatisfying(
            DeploymentConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "domainPrefix must be lowercase letters, digits and hyphens (at most 63),"
                            + " without aws, amazon or cognito, was 'my-cognito-login'",
                        "domainPrefix is for a pool the stack creates; an existing pool keeps its"
                            + " own domain",
                        "callbackUrls must be https:// URLs (http://localhost for development),"
                            + " was 'http://app.example.org/callback'"));
  }

  @Test
  void fromContext_shouldRefuseCallbacksWithoutDomain_andADomainWithoutCallbacks() {
    // given
    Map<String, Object> callbacksOnly = new HashMap<>(MINIMAL);
    callbacksOnly.put("callbackUrls", "https://app.example.org/callback");
    Map<String, Object> domainOnly = new HashMap<>(MINIMAL);
    domainOnly.put("domainPrefix", "otp-example");

    // when / then
    assertThatThrownBy(() -> OtpStackConfig.fromContext(callbacksOnly::get))
        .hasMessageContaining("callbackUrls is set but domainPrefix is not");
    assertThatThrownBy(() -> OtpStackConfig.fromContext(domainOnly::get))
        .hasMessageContaining("callbackUrls is required with domainPrefix");
  }

  @Test
  void limitKeys_shouldSetExactlyTheSendersLimitVariables_whenComparedWithItsSettings() {
    // then
    assertThat(
            java.util.stream.Stream.concat(
                    SendLimitSettings.COUNTS.values().stream(),
                    SendLimitSettings.COUNTRIES.values().stream())
                .toList())
        .containsExactlyInAnyOrder(
            dev.cognitowa.otp.sender.limits.LimitSettings.PER_NUMBER_15MIN,
            dev.cognitowa.otp.sender.limits.LimitSettings.PER_NUMBER_DAY,
            dev.cognitowa.otp.sender.limits.LimitSettings.POOL_PER_MINUTE,
            dev.cognitowa.otp.sender.limits.LimitSettings.SMS_PER_NUMBER_15MIN,
            dev.cognitowa.otp.sender.limits.LimitSettings.SMS_PER_NUMBER_DAY,
            dev.cognitowa.otp.sender.limits.LimitSettings.SMS_POOL_PER_MINUTE,
            dev.cognitowa.otp.sender.limits.LimitSettings.SMS_POOL_PER_DAY,
            dev.cognitowa.otp.sender.limits.LimitSettings.ALLOWED_COUNTRIES,
            dev.cognitowa.otp.sender.limits.LimitSettings.DENIED_COUNTRIES,
            dev.cognitowa.otp.sender.limits.LimitSettings.SMS_ALLOWED_COUNTRIES,
            dev.cognitowa.otp.sender.limits.LimitSettings.SMS_DENIED_COUNTRIES);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "DE,AT", "001", "zz, gb", "*", " * ", "DE,*", "*,*", "XX", "002", "DE,,AT", "EU", "UK"
      })
  void countryKeys_shouldAcceptExactlyWhatTheSenderAccepts_forEachList(String value) {
    // given
    for (String variable : SendLimitSettings.COUNTRIES.values()) {
      Map<String, String> variables = Map.of(variable, value);

      // when
      boolean stack =
          SendLimitSettings.validate(variables, true, List.of(MessagingChannel.SNS_SMS)).isEmpty();
      boolean sender = dev.cognitowa.otp.sender.limits.LimitSettings.validate(variables).isEmpty();

      // then
      assertThat(stack).as(variable + "=" + value).isEqualTo(sender);
    }
  }

  @Test
  void fromContext_shouldSetTheSendersLanguageVariables_whenLanguageKeysAreGiven() {
    // given: a list as cdk.json writes it, app clients as a JSON object, texts per language
    Map<String, Object> context = new HashMap<>(MINIMAL);
    context.put("templateLanguages", List.of("en_US", "pt_BR", "es"));
    context.put(
        "appClients",
        Map.of("4rp0fj3q2mf1m5n7ll3a0k2jo9", Map.of("WHATSAPP_TEMPLATE_NAME", "acme_otp")));
    context.put(
        "localizedSmsTexts",
        Map.of("pt_BR", "{code} é o seu código", "FORGOT_PASSWORD_es", "Código: {code}"));

    // when
    OtpStackConfig config = OtpStackConfig.fromContext(context::get);

    // then
    assertThat(config.languageVariables())
        .containsEntry("WHATSAPP_TEMPLATE_LANGUAGES", "en_US,pt_BR,es")
        .containsEntry(
            "OTP_APP_CLIENTS",
            "{\"4rp0fj3q2mf1m5n7ll3a0k2jo9\":{\"WHATSAPP_TEMPLATE_NAME\":\"acme_otp\"}}")
        .containsEntry("SMS_TEXT_pt_BR", "{code} é o seu código")
        .containsEntry("SMS_TEXT_FORGOT_PASSWORD_es", "Código: {code}");
  }

  @Test
  void fromContext_shouldListEveryLanguageProblem_whenTheLanguageKeysAreWrong() {
    // given
    Map<String, Object> context = new HashMap<>(MINIMAL);
    context.put("templateLanguages", "pt-BR,es");
    context.put("appClients", "{\"bad id!\":{},\"client1\":{\"KMS_KEY_ARN\":\"x\"}}");
    context.put("localizedSmsTexts", "{\"fr\":\"Code {code}\"}");

    // when / then
    assertThatThrownBy(() -> OtpStackConfig.fromContext(context::get))
        .isInstanceOfSatisfying(
            DeploymentConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .anySatisfy(p -> assertThat(p).contains("('_', not '-')"))
                    .anySatisfy(
                        p -> assertThat(p).contains("must include templateLanguage (en_US)"))
                    .anySatisfy(p -> assertThat(p).contains("not an app client id"))
                    .anySatisfy(p -> assertThat(p).contains("appClients.client1 may set only"))
                    .anySatisfy(
                        p -> assertThat(p).contains("localizedSmsTexts key fr must be <lang>")));
  }

  @Test
  void fromContext_shouldLeaveTheLanguageVariablesOut_whenNoLanguageKeyIsSet() {
    // when / then
    assertThat(OtpStackConfig.fromContext(MINIMAL::get).languageVariables()).isEmpty();
  }

  @Test
  void fromContext_shouldDeployTheStatusPathByDefault_onlyWhenTheChainHasALaterChannel() {
    // given
    Map<String, Object> two = new java.util.HashMap<>(MINIMAL);
    two.put("channels", "whatsapp,whatsapp-eum");
    two.put("eumPhoneNumberId", "phone-number-id-0123456789abcdef0123456789abcdef");
    Map<String, Object> forced = new java.util.HashMap<>(MINIMAL);
    forced.put("deliveryStatus", "true");

    // when / then
    assertThat(OtpStackConfig.fromContext(two::get).deliveryStatus()).isTrue();
    assertThat(OtpStackConfig.fromContext(forced::get).deliveryStatus()).isTrue();
    two.put("deliveryStatus", "false");
    assertThat(OtpStackConfig.fromContext(two::get).deliveryStatus()).isFalse();
  }

  @Test
  void fromContext_shouldReadConcurrencyWabaAndPlan_whenSet() {
    // given
    Map<String, Object> context = new java.util.HashMap<>(MINIMAL);
    context.put("deliveryStatus", "true");
    context.put("statusConcurrency", "none");
    context.put("senderConcurrency", "50");
    context.put("eumWabaId", "waba-0123456789abcdef0123456789abcdef");
    context.put("featurePlan", "essentials");

    // when
    OtpStackConfig config = OtpStackConfig.fromContext(context::get);

    // then
    assertThat(config.statusConcurrency()).isEmpty();
    assertThat(config.senderConcurrency()).contains(50);
    assertThat(config.eumWabaId()).contains("waba-0123456789abcdef0123456789abcdef");
    assertThat(config.featurePlan()).isEqualTo(FeaturePlan.ESSENTIALS);
  }

  @Test
  void fromContext_shouldListEachBadNewValue_whenConcurrencyPlanAndWabaAreWrong() {
    // given: the status path is off (one channel), so a WABA has nothing to configure
    Map<String, Object> context = new java.util.HashMap<>(MINIMAL);
    context.put("statusConcurrency", "0");
    context.put("senderConcurrency", "many");
    context.put("featurePlan", "gold");
    context.put("eumWabaId", "waba-0123456789abcdef0123456789abcdef");

    // when / then
    assertThatThrownBy(() -> OtpStackConfig.fromContext(context::get))
        .isInstanceOfSatisfying(
            DeploymentConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .contains(
                        "statusConcurrency must be a whole number of at least 1, or none, was '0'",
                        "senderConcurrency must be a whole number of at least 1, or none, was"
                            + " 'many'",
                        "featurePlan must be one of [LITE, ESSENTIALS, PLUS], was 'gold'",
                        "eumWabaId is for the delivery-status function, which is off"));
  }
}
