package dev.cognitowa.otp.settings;

import java.util.List;

/**
 * The delivery channels, by the one name each has everywhere ({@code OTP_CHANNELS}, {@code
 * channels}).
 */
public final class Channels {
  /** WhatsApp through Meta's Cloud API. */
  public static final String WHATSAPP = "whatsapp";

  /** WhatsApp through AWS End User Messaging Social. */
  public static final String WHATSAPP_EUM = "whatsapp-eum";

  /** SMS through AWS End User Messaging SMS. */
  public static final String SMS = "sms";

  /** SMS through Amazon SNS. */
  public static final String SNS = "sns";

  /** Every channel, in the order the docs list them. */
  public static final List<String> ALL = List.of(WHATSAPP, WHATSAPP_EUM, SMS, SNS);

  private Channels() {}

  /** True for the channels that send SMS, the ones SMS pumping aims at. */
  public static boolean isSms(String channel) {
    return SMS.equals(channel) || SNS.equals(channel);
  }
}
