package dev.cognitowa.otp.sender.sms;

import dev.cognitowa.otp.sender.delivery.DeliveryOutcome;
import dev.cognitowa.otp.sender.delivery.MessageChannel;
import dev.cognitowa.otp.sender.delivery.OtpMessage;
import dev.cognitowa.otp.sender.support.SdkCallTimeouts;
import dev.cognitowa.otp.sender.support.Sensitive;
import dev.cognitowa.otp.sender.support.Sleeper;
import dev.cognitowa.otp.settings.Channels;
import java.time.Clock;
import java.time.Instant;
import java.util.function.DoubleSupplier;
import software.amazon.awssdk.services.pinpointsmsvoicev2.PinpointSmsVoiceV2Client;
import software.amazon.awssdk.services.pinpointsmsvoicev2.model.MessageType;
import software.amazon.awssdk.services.pinpointsmsvoicev2.model.SendTextMessageRequest;

/**
 * Delivers a transactional SMS through AWS End User Messaging SMS ({@code SendTextMessage}), from
 * the configured origination identity and configuration set when set. Never throws for provider or
 * network failures.
 */
public final class EndUserMessagingSmsChannel implements MessageChannel {
  public static final String NAME = Channels.SMS;

  private final PinpointSmsVoiceV2Client client;
  private final SmsSettings settings;
  private final SendLoop loop;

  public EndUserMessagingSmsChannel(
      PinpointSmsVoiceV2Client client, SmsSettings settings, Clock clock) {
    this(client, settings, clock, Sleeper.REAL, null);
  }

  /** For tests: a sleeper that records instead of sleeping and a fixed jitter. */
  EndUserMessagingSmsChannel(
      PinpointSmsVoiceV2Client client,
      SmsSettings settings,
      Clock clock,
      Sleeper sleeper,
      DoubleSupplier random) {
    this.client = client;
    this.settings = settings;
    this.loop = new SendLoop(NAME, settings.maxAttempts(), clock, sleeper, random);
  }

  /** The production channel: the SDK client built from the environment, the system clock. */
  public static EndUserMessagingSmsChannel create(
      PinpointSmsVoiceV2Client client, SmsSettings settings) {
    return new EndUserMessagingSmsChannel(client, settings, Clock.systemUTC());
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void afterRestore() {
    loop.reseed();
  }

  @Override
  public DeliveryOutcome deliver(OtpMessage message, Instant deadline) {
    Sensitive text = settings.texts().render(message);
    return loop.run(
        deadline,
        left ->
            client
                .sendTextMessage(
                    SendTextMessageRequest.builder()
                        .destinationPhoneNumber(message.recipient().e164())
                        .messageBody(text.reveal())
                        .messageType(MessageType.TRANSACTIONAL)
                        .applyMutation(
                            b -> settings.originationIdentity().ifPresent(b::originationIdentity))
                        .applyMutation(
                            b -> settings.configurationSet().ifPresent(b::configurationSetName))
                        .overrideConfiguration(SdkCallTimeouts.within(left))
                        .build())
                .messageId(),
        SmsErrorClassifier::classify);
  }
}
