package dev.cognitowa.otp.sender.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cognitowa.otp.sender.config.SenderConfig;
import dev.cognitowa.otp.sender.config.SenderConfigurationException;
import dev.cognitowa.otp.sender.delivery.ChannelChain;
import dev.cognitowa.otp.sender.testutils.TestCiphertexts;
import dev.cognitowa.otp.sender.testutils.TestSecrets;
import dev.cognitowa.otp.sender.whatsapp.WhatsAppChannel;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The channel registry: what OTP_CHANNELS may name in this build, and what it builds. */
class SenderWiringTest {
  private static Map<String, String> environment() {
    Map<String, String> env = new HashMap<>();
    env.put("WHATSAPP_PHONE_NUMBER_ID", TestSecrets.PHONE_NUMBER_ID);
    env.put("WHATSAPP_ACCESS_TOKEN", TestSecrets.ACCESS_TOKEN);
    env.put("OTP_LOCAL_AES_KEY", TestCiphertexts.LOCAL_KEY_BASE64);
    env.put("OTP_LOCAL_KEY_NAMESPACE", TestCiphertexts.LOCAL_KEY_NAMESPACE);
    env.put("OTP_LOCAL_KEY_NAME", TestCiphertexts.LOCAL_KEY_NAME);
    return env;
  }

  @Test
  void channels_shouldOnlyNameChannelsOtpChannelsKnows_whenTheRegistryIsRead() {
    // given / when / then
    assertThat(SenderConfig.CHANNEL_NAMES).containsAll(SenderWiring.CHANNELS.keySet());
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
    assertThat(SenderWiring.CHANNELS.keySet())
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
  void fromEnvironment_shouldRefuse_whenTheFallbackWindowIsOutOfRange() {
    // given
    Map<String, String> env = environment();
    env.put("OTP_FALLBACK_WINDOW_SECONDS", "0");

    // when / then
    assertThatThrownBy(() -> SenderWiring.fromEnvironment(env))
        .isInstanceOf(SenderConfigurationException.class)
        .hasMessageContaining(
            "OTP_FALLBACK_WINDOW_SECONDS must be a whole number of seconds 1..3600, was 0");
  }
}
