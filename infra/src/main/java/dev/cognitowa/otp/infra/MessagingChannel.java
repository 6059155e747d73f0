package dev.cognitowa.otp.infra;

import dev.cognitowa.otp.settings.Channels;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A delivery channel the deployed function may use, named as the settings registry names it ({@link
 * Channels}) in {@code OTP_CHANNELS} and the {@code channels} context key. Only channels the sender
 * implements are offered: a value here is always deployable, with its settings and its IAM
 * statement ({@link ChannelPolicies}).
 */
public enum MessagingChannel {
  /** Meta's WhatsApp Cloud API over HTTPS, with the access token read from Secrets Manager. */
  WHATSAPP(Channels.WHATSAPP),
  /** The same template message through AWS End User Messaging Social, authorised by IAM. */
  WHATSAPP_EUM(Channels.WHATSAPP_EUM),
  /** A transactional SMS through AWS End User Messaging SMS ({@code SendTextMessage}). */
  SMS(Channels.SMS),
  /** A transactional SMS through Amazon SNS ({@code Publish} to a phone number). */
  SNS(Channels.SNS);

  private final String channelName;

  MessagingChannel(String channelName) {
    this.channelName = channelName;
  }

  /** The name in {@code OTP_CHANNELS} and in the {@code channels} context key. */
  public String channelName() {
    return channelName;
  }

  /** The channel named {@code name} as {@code OTP_CHANNELS} spells it, if there is one. */
  public static Optional<MessagingChannel> fromChannelName(String name) {
    return Arrays.stream(values()).filter(c -> c.channelName.equals(name)).findFirst();
  }

  /** Every channel name, in declaration order, for error messages. */
  public static List<String> channelNames() {
    return Arrays.stream(values()).map(MessagingChannel::channelName).toList();
  }
}
