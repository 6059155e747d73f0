package dev.cognitowa.otp.sender.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cognitowa.otp.sender.config.SenderConfig;
import dev.cognitowa.otp.sender.config.SenderConfigurationException;
import dev.cognitowa.otp.sender.delivery.WhatsAppChannel;
import dev.cognitowa.otp.sender.testutils.TestCiphertexts;
import dev.cognitowa.otp.sender.testutils.TestSecrets;
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
  void fromEnvironment_shouldRefuseEveryChannelNotBuilt_whenOtpChannelsNamesThem() {
    // given
    Map<String, String> env = environment();
    env.put("OTP_CHANNELS", "whatsapp,whatsapp-eum,sms,sns");

    // when / then: sms and sns exist, whatsapp-eum is not wired yet
    assertThatThrownBy(() -> SenderWiring.fromEnvironment(env)).isInstanceOf(SenderConfigurationException.class)
        .hasMessageContaining("channel whatsapp-eum is not available in this build")
        .hasMessageNotContaining("channel sms ")
        .hasMessageNotContaining("channel sns ");
  }
}
