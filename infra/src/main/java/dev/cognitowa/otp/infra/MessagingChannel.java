package dev.cognitowa.otp.infra;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A delivery channel the deployed function may use, by the name the sender's {@code OTP_CHANNELS}
 * gives it. Only channels the sender implements are offered: a value here is always deployable,
 * with its settings and its IAM statement ({@link ChannelPolicies}).
 */
public enum MessagingChannel {
  /** Meta's WhatsApp Cloud API over HTTPS, with the access token read from Secrets Manager. */
  CLOUD_API("whatsapp"),
  /** The same template message through AWS End User Messaging Social, authorised by IAM. */
  END_USER_MESSAGING_SOCIAL("whatsapp-eum"),
  /** A transactional SMS through AWS End User Messaging SMS ({@code SendTextMessage}). */
  END_USER_MESSAGING_SMS("sms"),
  /** A transactional SMS through Amazon SNS ({@code Publish} to a phone number). */
  SNS_SMS("sns");

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
