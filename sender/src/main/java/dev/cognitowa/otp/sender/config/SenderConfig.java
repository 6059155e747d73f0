package dev.cognitowa.otp.sender.config;

import dev.cognitowa.otp.sender.Sensitive;
import dev.cognitowa.otp.sender.delivery.TemplateRef;
import dev.cognitowa.otp.sender.event.TriggerSource;
import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the sender reads from its environment, read once at the edge and validated as a whole: {@link
 * #fromEnvironment(Map)} collects every problem and throws one {@link SenderConfigurationException} listing them.
 *
 * @param phoneNumberId the sender's WhatsApp phone-number id
 * @param accessToken where the Cloud API token comes from
 * @param apiBaseUrl Graph API base, https unless the host is loopback
 * @param apiVersion Graph API version, e.g. v23.0
 * @param templates the template for every trigger source
 * @param requestTimeout how long one Graph request may take
 * @param maxAttempts Graph attempts per event, including the first
 * @param decryption how {@code request.code} is decrypted; empty for {@code otp send}, which sends a plaintext code
 * @param expectedUserPoolId when present, events and ciphertexts of any other pool are refused
 * @param ledgerTable the delivery ledger's DynamoDB table (name or ARN); empty: no ledger (always for {@code otp send})
 */
public record SenderConfig(
    String phoneNumberId,
    TokenSource accessToken,
    URI apiBaseUrl,
    String apiVersion,
    Map<TriggerSource, TemplateRef> templates,
    Duration requestTimeout,
    int maxAttempts,
    Optional<Decryption> decryption,
    Optional<String> expectedUserPoolId,
    Optional<String> ledgerTable) {

  public SenderConfig {
    templates = Map.copyOf(new EnumMap<>(templates));
  }

  /** The template used for a trigger source. */
  public TemplateRef templateFor(TriggerSource source) {
    return templates.get(source);
  }

  /** Everything the Lambda and {@code otp invoke} need. */
  public static SenderConfig fromEnvironment(Map<String, String> env) {
    return new EnvironmentReader(env).read(true);
  }

  /** What {@code otp send} needs: the channel and templates, no decryption key. */
  public static SenderConfig channelFromEnvironment(Map<String, String> env) {
    return new EnvironmentReader(env).read(false);
  }

  /** Where the Cloud API access token comes from. */
  public sealed interface TokenSource {
    /** {@code WHATSAPP_ACCESS_TOKEN}: the token itself, for local runs. */
    record Direct(Sensitive token) implements TokenSource {}

    /**
     * {@code WHATSAPP_ACCESS_TOKEN_SECRET_ID}: a Secrets Manager secret, cached for {@code cacheTtl}.
     *
     * @param secretId name or ARN
     * @param cacheTtl how long a fetched token is reused before Secrets Manager is asked again
     */
    record SecretsManager(String secretId, Duration cacheTtl) implements TokenSource {}
  }

  /** How {@code request.code} is decrypted. */
  public sealed interface Decryption {
    /** {@code KMS_KEY_ARN}: the user pool's custom-sender key, in AWS. */
    record Kms(String keyArn) implements Decryption {}

    /** {@code OTP_LOCAL_AES_KEY} and friends: a raw AES key for local runs and tests. */
    record LocalAes(Sensitive base64Key, String keyNamespace, String keyName) implements Decryption {}
  }
}
