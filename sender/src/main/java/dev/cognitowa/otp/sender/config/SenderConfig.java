package dev.cognitowa.otp.sender.config;

import dev.cognitowa.otp.sender.delivery.TemplateRef;
import dev.cognitowa.otp.sender.delivery.TemplateSet;
import dev.cognitowa.otp.sender.event.TriggerSource;
import dev.cognitowa.otp.sender.support.Sensitive;
import dev.cognitowa.otp.settings.Channels;
import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the sender reads from its environment, read once at the edge and validated as a whole:
 * {@link #fromEnvironment(Map)} collects every problem and throws one {@link
 * SenderConfigurationException} listing them.
 *
 * @param phoneNumberId the sender's WhatsApp phone-number id; null when {@code OTP_CHANNELS} does
 *     not list {@code whatsapp} (the Cloud API channel)
 * @param accessToken where the Cloud API token comes from; null when {@code OTP_CHANNELS} does not
 *     list {@code whatsapp}
 * @param apiBaseUrl Graph API base, https unless the host is loopback
 * @param apiVersion Graph API version, e.g. v26.0
 * @param templates the template for every trigger source, in its default language
 * @param templateLanguages the languages a user's locale may pick ({@code
 *     WHATSAPP_TEMPLATE_LANGUAGES}); empty when unset: no choice, each template in its default
 *     language
 * @param appClientTemplates the templates and languages of the app clients {@code OTP_APP_CLIENTS}
 *     names, by app client id
 * @param requestTimeout how long one Graph request may take
 * @param maxAttempts Graph attempts per event, including the first
 * @param decryption how {@code request.code} is decrypted; empty for {@code otp send}, which sends
 *     a plaintext code
 * @param expectedUserPoolId when present, events and ciphertexts of any other pool are refused
 * @param ledgerTable the delivery ledger's DynamoDB table (name or ARN); empty: no ledger (always
 *     for {@code otp send})
 * @param channels the delivery channels in the order they are tried ({@code OTP_CHANNELS}), at
 *     least one
 */
public record SenderConfig(
    String phoneNumberId,
    TokenSource accessToken,
    URI apiBaseUrl,
    String apiVersion,
    Map<TriggerSource, TemplateRef> templates,
    List<String> templateLanguages,
    Map<String, TemplateSet> appClientTemplates,
    Duration requestTimeout,
    int maxAttempts,
    Optional<Decryption> decryption,
    Optional<String> expectedUserPoolId,
    Optional<String> ledgerTable,
    List<String> channels) {

  /** Every channel name {@code OTP_CHANNELS} may list, whether or not this build has it. */
  public static final List<String> CHANNEL_NAMES = Channels.ALL;

  public SenderConfig {
    templates = Map.copyOf(new EnumMap<>(templates));
    templateLanguages = List.copyOf(templateLanguages);
    appClientTemplates = Map.copyOf(appClientTemplates);
    channels = List.copyOf(channels);
  }

  /** The template used for a trigger source. */
  public TemplateRef templateFor(TriggerSource source) {
    return templates.get(source);
  }

  /** The pool's templates and the languages a user's locale may pick among. */
  public TemplateSet templateSet() {
    return new TemplateSet(templates, templateLanguages);
  }

  /**
   * Every language a pool template must be approved in: those listed in {@code
   * WHATSAPP_TEMPLATE_LANGUAGES}, then the sources' default languages not among them ({@code
   * WHATSAPP_TEMPLATE_LANGUAGE} when nothing else is set).
   */
  public List<String> approvedLanguages() {
    Set<String> languages = new LinkedHashSet<>(templateLanguages);
    for (TriggerSource source : TriggerSource.values()) {
      languages.add(templates.get(source).languageCode());
    }
    return List.copyOf(languages);
  }

  /** Everything the Lambda and {@code otp invoke} need. */
  public static SenderConfig fromEnvironment(Map<String, String> env) {
    return fromEnvironment(env, Set.copyOf(CHANNEL_NAMES));
  }

  /**
   * As {@link #fromEnvironment(Map)}, refusing channels outside {@code availableChannels} (not in
   * this build).
   */
  public static SenderConfig fromEnvironment(
      Map<String, String> env, Set<String> availableChannels) {
    return new EnvironmentReader(env, availableChannels).read(true);
  }

  /** What {@code otp send} needs: the channel and templates, no decryption key. */
  public static SenderConfig channelFromEnvironment(Map<String, String> env) {
    return channelFromEnvironment(env, Set.copyOf(CHANNEL_NAMES));
  }

  /**
   * As {@link #channelFromEnvironment(Map)}, refusing channels outside {@code availableChannels}.
   */
  public static SenderConfig channelFromEnvironment(
      Map<String, String> env, Set<String> availableChannels) {
    return new EnvironmentReader(env, availableChannels).read(false);
  }

  /** Where the Cloud API access token comes from. */
  public sealed interface TokenSource {
    /** {@code WHATSAPP_ACCESS_TOKEN}: the token itself, for local runs. */
    record Direct(Sensitive token) implements TokenSource {}

    /**
     * {@code WHATSAPP_ACCESS_TOKEN_SECRET_ID}: a Secrets Manager secret, cached for {@code
     * cacheTtl}.
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
    record LocalAes(Sensitive base64Key, String keyNamespace, String keyName)
        implements Decryption {}
  }
}
