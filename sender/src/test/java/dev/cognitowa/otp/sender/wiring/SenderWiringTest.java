package dev.cognitowa.otp.sender.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cognitowa.otp.sender.config.SenderConfig;
import dev.cognitowa.otp.sender.config.SenderConfigurationException;
import dev.cognitowa.otp.sender.delivery.ChannelChain;
import dev.cognitowa.otp.sender.testutils.LocalEnvironment;
import dev.cognitowa.otp.sender.testutils.TestSecrets;
import dev.cognitowa.otp.sender.whatsapp.WhatsAppChannel;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The channel registry: what OTP_CHANNELS may name in this build, and what it builds. */
class SenderWiringTest {
  private static Map<String, String> environment() {
    return LocalEnvironment.whatsApp(null);
  }

  @Test
  void channels_shouldOnlyNameChannelsOtpChannelsKnows_whenTheRegistryIsRead() {
    // given / when / then
    assertThat(SenderConfig.CHANNEL_NAMES).containsAll(SenderWiring.CHANNELS);
  }

  @Test
  void fromEnvironment_shouldBuildTheWhatsAppChannelItself_whenOtpChannelsIsUnset() {
    // given
    Map<String, String> env = environment();

    // when
    SenderWiring wiring = SenderWiring.fromEnvironment(env);

    // then
    assertThat(wiring.channel()).isInstanceOf(WhatsAppChannel.class);
    assertThat(wiring.config().channels()).containsExactly("whatsapp");
  }

  @Test
  void channels_shouldBuildEveryChannelOtpChannelsMayName_whenThisBuildIsComplete() {
    // given / when / then
    assertThat(SenderWiring.CHANNELS)
        .containsExactlyInAnyOrderElementsOf(SenderConfig.CHANNEL_NAMES);
  }

  @Test
  void fromEnvironment_shouldChainTheChannelsInOrder_whenOtpChannelsNamesAllFour() {
    // given
    Map<String, String> env = environment();
    env.put("OTP_CHANNELS", "whatsapp,whatsapp-eum,sms,sns");
    env.put("EUM_WHATSAPP_PHONE_NUMBER_ID", "phone-number-id-0123456789abcdef0123456789abcdef");
    env.put("AWS_REGION", "eu-west-1");

    // when
    SenderWiring wiring = SenderWiring.fromEnvironment(env);

    // then
    assertThat(wiring.channel()).isInstanceOf(ChannelChain.class);
    assertThat(wiring.channel().name()).contains("whatsapp");
    assertThat(wiring.config().channels())
        .containsExactly("whatsapp", "whatsapp-eum", "sms", "sns");
  }

  @Test
  void fromEnvironment_shouldNameTheMissingOriginationNumber_whenWhatsAppEumIsListedWithoutIt() {
    // given
    Map<String, String> env = environment();
    env.put("OTP_CHANNELS", "whatsapp,whatsapp-eum");
    env.put("AWS_REGION", "eu-west-1");

    // when / then
    assertThatThrownBy(() -> SenderWiring.fromEnvironment(env))
        .isInstanceOf(SenderConfigurationException.class)
        .hasMessageContaining("EUM_WHATSAPP_PHONE_NUMBER_ID is not set");
  }

  @Test
  void fromEnvironment_shouldNotEchoTheValue_whenTheOriginationNumberIdIsAPhoneNumber() {
    // given
    Map<String, String> env = environment();
    env.put("OTP_CHANNELS", "whatsapp-eum");
    env.put("EUM_WHATSAPP_PHONE_NUMBER_ID", TestSecrets.PHONE);
    env.put("AWS_REGION", "eu-west-1");

    // when / then
    assertThatThrownBy(() -> SenderWiring.fromEnvironment(env))
        .isInstanceOf(SenderConfigurationException.class)
        .hasMessageContaining("EUM_WHATSAPP_PHONE_NUMBER_ID must be phone-number-id-")
        .hasMessageNotContaining(TestSecrets.PHONE_DIGITS);
  }

  @Test
  void fromEnvironment_shouldNotAskForCloudApiSettings_whenOtpChannelsDoesNotListWhatsapp() {
    // given: an SMS-only deployment has no WhatsApp phone-number id or token to give
    Map<String, String> env = environment();
    env.remove("WHATSAPP_PHONE_NUMBER_ID");
    env.remove("WHATSAPP_ACCESS_TOKEN");
    env.put("OTP_CHANNELS", "sms");
    env.put("AWS_REGION", "eu-west-1");

    // when
    SenderWiring wiring = SenderWiring.fromEnvironment(env);

    // then
    assertThat(wiring.config().channels()).containsExactly("sms");
    assertThat(wiring.config().phoneNumberId()).isNull();
    assertThat(wiring.tokens()).isNull();
    assertThat(wiring.channel().name()).isEqualTo("sms");
  }

  @Test
  void fromEnvironment_shouldStillAskForCloudApiSettings_whenWhatsappIsListedSecond() {
    // given
    Map<String, String> env = environment();
    env.remove("WHATSAPP_ACCESS_TOKEN");
    env.put("OTP_CHANNELS", "sms,whatsapp");
    env.put("AWS_REGION", "eu-west-1");

    // when / then
    assertThatThrownBy(() -> SenderWiring.fromEnvironment(env))
        .isInstanceOf(SenderConfigurationException.class)
        .hasMessageContaining("WHATSAPP_ACCESS_TOKEN_SECRET_ID is not set");
  }

  @Test
  void fromEnvironment_shouldListEveryProblemInOneError_whenChannelSettingsAndTheRestAreWrong() {
    // given: a general problem, an SMS setting and a missing EUM id, all at once
    Map<String, String> env = environment();
    env.remove("OTP_LOCAL_AES_KEY");
    env.put("OTP_CHANNELS", "whatsapp,whatsapp-eum,sms,sns");
    env.put("SMS_MAX_ATTEMPTS", "0");
    env.put("AWS_REGION", "eu-west-1");

    // when / then
    assertThatThrownBy(() -> SenderWiring.fromEnvironment(env))
        .isInstanceOfSatisfying(
            SenderConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .anySatisfy(p -> assertThat(p).startsWith("KMS_KEY_ARN is not set"))
                    .anySatisfy(p -> assertThat(p).startsWith("SMS_MAX_ATTEMPTS must be 1.."))
                    .anySatisfy(
                        p -> assertThat(p).startsWith("EUM_WHATSAPP_PHONE_NUMBER_ID is not set"))
                    .filteredOn(p -> p.startsWith("SMS_MAX_ATTEMPTS"))
                    .hasSize(1)); // sms and sns share it: said once
  }

  @Test
  void fromEnvironment_shouldCheckTheListedChannelsSettings_whenOtpChannelsItselfIsBroken() {
    // given: OTP_CHANNELS has an unknown entry, yet the sms settings are checked too
    Map<String, String> env = environment();
    env.put("OTP_CHANNELS", "sms,,carrier-pigeon");
    env.put("SMS_MAX_ATTEMPTS", "x");

    // when / then
    assertThatThrownBy(() -> SenderWiring.fromEnvironment(env))
        .isInstanceOfSatisfying(
            SenderConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .anySatisfy(p -> assertThat(p).contains("unknown channel"))
                    .anySatisfy(p -> assertThat(p).startsWith("SMS_MAX_ATTEMPTS must be 1..")));
  }

  @Test
  void fromEnvironment_shouldBuildTheMessageLedgerWithTheWindow_whenTheLedgerTableIsSet() {
    // given
    Map<String, String> env = environment();
    env.put("OTP_LEDGER_TABLE", "otp-ledger");
    env.put("OTP_FALLBACK_WINDOW_SECONDS", "120");
    env.put("AWS_REGION", "eu-west-1");

    // when
    SenderWiring wiring = SenderWiring.fromEnvironment(env);

    // then
    assertThat(wiring.messages())
        .get()
        .extracting(m -> m.window())
        .isEqualTo(Duration.ofMinutes(2));
    assertThat(SenderWiring.fromEnvironment(environment()).messages()).isEmpty();
  }

  @Test
  void fromEnvironment_shouldListTheWindowWithTheOtherProblems_whenItIsOutOfRange() {
    // given
    Map<String, String> env = environment();
    env.remove("OTP_LOCAL_AES_KEY");
    env.put("OTP_FALLBACK_WINDOW_SECONDS", "0");

    // when / then
    assertThatThrownBy(() -> SenderWiring.fromEnvironment(env))
        .isInstanceOf(SenderConfigurationException.class)
        .hasMessageContaining("KMS_KEY_ARN is not set")
        .hasMessageContaining(
            "OTP_FALLBACK_WINDOW_SECONDS must be a whole number of seconds 1..3600, was 0");
  }

  @Test
  void fromEnvironment_shouldListLimitProblemsWithTheRest_whenBothAreWrong() {
    // given
    Map<String, String> env = environment();
    env.remove("OTP_LOCAL_AES_KEY");
    env.put("OTP_SMS_LIMIT_PER_NUMBER_DAY", "many");
    env.put("OTP_ALLOWED_COUNTRIES", "UK");

    // when / then
    assertThatThrownBy(() -> SenderWiring.fromEnvironment(env))
        .isInstanceOfSatisfying(
            SenderConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .anySatisfy(p -> assertThat(p).startsWith("KMS_KEY_ARN is not set"))
                    .anySatisfy(
                        p -> assertThat(p).startsWith("OTP_SMS_LIMIT_PER_NUMBER_DAY must be"))
                    .anySatisfy(p -> assertThat(p).contains("'UK' is not one")));
  }

  @Test
  void fromEnvironment_shouldCountInTheLedgersTable_whenOtpLedgerTableIsSet() {
    // given
    Map<String, String> env = environment();
    env.put("OTP_LEDGER_TABLE", "otp-delivery-ledger");
    env.put("AWS_REGION", "eu-west-1");

    // when
    SenderWiring wiring = SenderWiring.fromEnvironment(env);
    SenderWiring withoutTable = SenderWiring.fromEnvironment(environment());

    // then
    assertThat(wiring.limits().counts()).isTrue();
    assertThat(withoutTable.limits().counts()).isFalse();
    assertThat(wiring.limits().settings().whatsApp().perNumber15Min()).isEqualTo(5);
  }
}
