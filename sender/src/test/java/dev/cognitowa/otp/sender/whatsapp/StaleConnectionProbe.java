package dev.cognitowa.otp.sender.whatsapp;

import dev.cognitowa.otp.sender.delivery.OtpMessage;
import dev.cognitowa.otp.sender.delivery.TemplateRef;
import dev.cognitowa.otp.sender.event.TriggerSource;
import dev.cognitowa.otp.sender.phone.Recipient;
import dev.cognitowa.otp.sender.support.Sensitive;
import dev.cognitowa.otp.sender.testutils.TestSecrets;
import dev.cognitowa.otp.sender.wiring.AwsClients;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Run in a fresh JVM by {@link JdkPostRetryTest}: first a Secrets Manager call through {@link
 * AwsClients} (which loads the JDK's HTTP client class, as a cold Lambda's first AWS call would),
 * only then the Graph client, twice. Prints each result's type.
 *
 * <p>Arguments: the Graph stand-in's base URL, and an AWS endpoint URL where nothing listens.
 */
public final class StaleConnectionProbe {
  private StaleConnectionProbe() {}

  public static void main(String[] args) {
    try {
      new AwsClients(
              Map.of(
                  "AWS_REGION",
                  "eu-west-1",
                  "AWS_ACCESS_KEY_ID",
                  "AKIDTEST",
                  "AWS_SECRET_ACCESS_KEY",
                  "test-secret-key",
                  "AWS_ENDPOINT_URL",
                  args[1]))
          .secretsManager("whatsapp/token")
          .getSecretValue(r -> r.secretId("whatsapp/token"));
    } catch (SdkException e) {
      // expected: nothing listens there; the point was to open the JVM's first URL connection
    }
    CloudApiClient client =
        new CloudApiClient(
            new WhatsAppSettings(
                URI.create(args[0]),
                "v26.0",
                TestSecrets.PHONE_NUMBER_ID,
                Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                1));
    WhatsAppMessage message =
        WhatsAppMessage.from(
            new OtpMessage(
                TriggerSource.SIGN_UP,
                Recipient.ofValidatedE164(TestSecrets.PHONE),
                new TemplateRef("otp_code", "en_US"),
                List.of(Sensitive.of(TestSecrets.CODE)),
                Optional.of(Sensitive.of(TestSecrets.CODE))));
    for (int i = 0; i < 2; i++) {
      SendResult result =
          client.send(message, Sensitive.of(TestSecrets.ACCESS_TOKEN), Duration.ofSeconds(5));
      System.out.println(result.getClass().getSimpleName());
    }
  }
}
