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
import java.util.Map;
import java.util.function.DoubleSupplier;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/**
 * Delivers an SMS through SNS ({@code Publish} to a phone number) as a transactional message, the
 * type carriers deliver first and SNS never drops for price. Never throws for provider or network
 * failures.
 */
public final class SnsSmsChannel implements MessageChannel {
  public static final String NAME = Channels.SNS;
  static final String SMS_TYPE = "AWS.SNS.SMS.SMSType";
  static final Map<String, MessageAttributeValue> TRANSACTIONAL =
      Map.of(
          SMS_TYPE,
          MessageAttributeValue.builder().dataType("String").stringValue("Transactional").build());

  private final SnsClient client;
  private final SmsSettings settings;
  private final SendLoop loop;

  public SnsSmsChannel(SnsClient client, SmsSettings settings, Clock clock) {
    this(client, settings, clock, Sleeper.REAL, null);
  }

  /** For tests: a sleeper that records instead of sleeping and a fixed jitter. */
  SnsSmsChannel(
      SnsClient client, SmsSettings settings, Clock clock, Sleeper sleeper, DoubleSupplier random) {
    this.client = client;
    this.settings = settings;
    this.loop = new SendLoop(NAME, settings.maxAttempts(), clock, sleeper, random);
  }

  /** The production channel: the SDK client built from the environment, the system clock. */
  public static SnsSmsChannel create(SnsClient client, SmsSettings settings) {
    return new SnsSmsChannel(client, settings, Clock.systemUTC());
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
                .publish(
                    PublishRequest.builder()
                        .phoneNumber(message.recipient().e164())
                        .message(text.reveal())
                        .messageAttributes(TRANSACTIONAL)
                        .overrideConfiguration(SdkCallTimeouts.within(left))
                        .build())
                .messageId(),
        SnsErrorClassifier::classify);
  }
}
