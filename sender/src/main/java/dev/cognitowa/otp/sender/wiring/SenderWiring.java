package dev.cognitowa.otp.sender.wiring;

import static dev.cognitowa.otp.sender.config.EnvironmentVariables.PSEUDONYM_KEY;
import static dev.cognitowa.otp.sender.config.EnvironmentVariables.PSEUDONYM_KEY_SECRET_ID;

import dev.cognitowa.otp.sender.config.EnvironmentVariables;
import dev.cognitowa.otp.sender.config.FallbackWindow;
import dev.cognitowa.otp.sender.config.SenderConfig;
import dev.cognitowa.otp.sender.config.SenderConfig.Decryption;
import dev.cognitowa.otp.sender.config.SenderConfig.TokenSource;
import dev.cognitowa.otp.sender.config.SenderConfigurationException;
import dev.cognitowa.otp.sender.conversion.BreakerSettings;
import dev.cognitowa.otp.sender.conversion.ConversionBreaker;
import dev.cognitowa.otp.sender.conversion.DynamoDbVerificationLedger;
import dev.cognitowa.otp.sender.conversion.FunnelCounters;
import dev.cognitowa.otp.sender.conversion.VerificationLoop;
import dev.cognitowa.otp.sender.crypto.CodeDecryptor;
import dev.cognitowa.otp.sender.crypto.EncryptionSdkCodeDecryptor;
import dev.cognitowa.otp.sender.delivery.ChannelChain;
import dev.cognitowa.otp.sender.delivery.MessageChannel;
import dev.cognitowa.otp.sender.delivery.MessagePolicy;
import dev.cognitowa.otp.sender.eum.EumWhatsAppChannel;
import dev.cognitowa.otp.sender.eum.EumWhatsAppSettings;
import dev.cognitowa.otp.sender.idempotency.DeliveryLedger;
import dev.cognitowa.otp.sender.idempotency.DynamoDbDeliveryLedger;
import dev.cognitowa.otp.sender.limits.DynamoDbLimitCounter;
import dev.cognitowa.otp.sender.limits.LimitCounter;
import dev.cognitowa.otp.sender.limits.LimitSettings;
import dev.cognitowa.otp.sender.limits.NumberPseudonyms;
import dev.cognitowa.otp.sender.limits.SecretsManagerPseudonymKey;
import dev.cognitowa.otp.sender.limits.SendLimiter;
import dev.cognitowa.otp.sender.sms.EndUserMessagingSmsChannel;
import dev.cognitowa.otp.sender.sms.SmsSettings;
import dev.cognitowa.otp.sender.sms.SnsSmsChannel;
import dev.cognitowa.otp.sender.support.JdkHttpSettings;
import dev.cognitowa.otp.sender.tracking.DynamoDbMessageLedger;
import dev.cognitowa.otp.sender.tracking.MessageLedger;
import dev.cognitowa.otp.sender.whatsapp.AccessTokenProvider;
import dev.cognitowa.otp.sender.whatsapp.SecretsManagerAccessTokenProvider;
import dev.cognitowa.otp.sender.whatsapp.StaticAccessTokenProvider;
import dev.cognitowa.otp.sender.whatsapp.WhatsAppChannel;
import dev.cognitowa.otp.sender.whatsapp.WhatsAppSettings;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Builds the real collaborators from the environment, once per container: the Lambda's no-arg
 * constructor, {@code otp invoke} and {@code otp send} all come through here, so they run the same
 * code.
 *
 * @param config the validated configuration
 * @param decryptor null when the configuration has no decryption part ({@code otp send})
 * @param policy trigger source to template
 * @param channel the channels of {@code OTP_CHANNELS} as one ({@link ChannelChain}); a single
 *     channel as it is
 * @param tokens where the Cloud API channel's access token comes from; null when {@code
 *     OTP_CHANNELS} does not list {@code whatsapp}
 * @param ledger the delivery ledger when {@code OTP_LEDGER_TABLE} is set; its DynamoDB client is
 *     built only then
 * @param messages the message ledger in the same table, for late {@code failed} statuses: present
 *     with the ledger; the sender writes to it only when a later channel is left
 * @param limits the abuse limits ({@code OTP_LIMIT_*}, {@code OTP_*_COUNTRIES}); their counters
 *     live in the ledger's table, so without {@code OTP_LEDGER_TABLE} only the country rules apply
 * @param loop the verification loop (conversion breaker, latest send per user) in the same table;
 *     {@link VerificationLoop#NONE} without one
 */
public record SenderWiring(
    SenderConfig config,
    CodeDecryptor decryptor,
    MessagePolicy policy,
    MessageChannel channel,
    AccessTokenProvider tokens,
    Optional<DeliveryLedger> ledger,
    Optional<MessageLedger> messages,
    SendLimiter limits,
    VerificationLoop loop) {
  /**
   * The TCP connect timeout towards Graph: a healthy edge answers in milliseconds, a dead one
   * should fail fast.
   */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

  /**
   * The origination phone-number id of End User Messaging Social ({@code phone-number-id-...} or
   * its ARN).
   */
  static final String EUM_PHONE_NUMBER_ID = "EUM_WHATSAPP_PHONE_NUMBER_ID";

  /**
   * The channels this build has, by their {@code OTP_CHANNELS} name: adding a channel is one name
   * here and one case in {@link #createChannel}. A name {@code OTP_CHANNELS} may list but missing
   * here is refused at configuration time as not available in this build.
   *
   * <p>A switch rather than a map of lambdas: each lambda's class is spun at run time the first
   * time it is used, about 0.5 ms apiece on a cold JVM's one core (measured with C1 only on Temurin
   * 25), and this registry and {@link #build} used to create fifteen on every cold start.
   */
  static final Set<String> CHANNELS =
      Set.of(
          WhatsAppChannel.NAME,
          EumWhatsAppChannel.NAME,
          EndUserMessagingSmsChannel.NAME,
          SnsSmsChannel.NAME);

  /** Builds one listed channel from what the wiring has made. */
  static MessageChannel createChannel(String name, ChannelParts parts) {
    return switch (name) {
      case WhatsAppChannel.NAME ->
          WhatsAppChannel.create(whatsAppSettings(parts.config()), parts.tokens());
      case EndUserMessagingSmsChannel.NAME ->
          EndUserMessagingSmsChannel.create(
              parts.aws().pinpointSmsVoiceV2(), SmsSettings.fromEnvironment(parts.env()));
      case SnsSmsChannel.NAME ->
          SnsSmsChannel.create(parts.aws().sns(), SmsSettings.fromEnvironment(parts.env()));
      case EumWhatsAppChannel.NAME -> {
        EumWhatsAppSettings settings = eumSettings(parts);
        yield EumWhatsAppChannel.create(
            settings, parts.aws().socialMessaging(settings.originationPhoneNumberId()));
      }
      default -> throw new IllegalArgumentException("no channel " + name + " in this build");
    };
  }

  /**
   * What a channel may be built from.
   *
   * @param config the validated configuration
   * @param env the environment, for settings only that channel reads
   * @param aws the AWS clients, built on first use and shared
   * @param tokens the WhatsApp Cloud API token source
   */
  record ChannelParts(
      SenderConfig config, Map<String, String> env, AwsClients aws, AccessTokenProvider tokens) {}

  static {
    JdkHttpSettings.apply(); // otp invoke and otp send come through here before any connection
  }

  /**
   * Everything the Lambda needs; throws {@code SenderConfigurationException} listing every problem.
   */
  public static SenderWiring fromEnvironment(Map<String, String> env) {
    return build(checked(env, false), env);
  }

  /** The channel and policy only, for {@code otp send}. */
  public static SenderWiring channelFromEnvironment(Map<String, String> env) {
    return build(checked(env, true), env);
  }

  /**
   * The configuration, its problems and those of every listed channel's own settings reported
   * together in one {@link SenderConfigurationException}: an operator fixes them in one deploy, not
   * one per attempt.
   */
  static SenderConfig checked(Map<String, String> env, boolean channelOnly) {
    Set<String> problems = new LinkedHashSet<>(); // sms and sns share settings: each problem once
    SenderConfig config = null;
    try {
      config =
          channelOnly
              ? SenderConfig.channelFromEnvironment(env, CHANNELS)
              : SenderConfig.fromEnvironment(env, CHANNELS);
    } catch (SenderConfigurationException e) {
      problems.addAll(e.problems());
    }
    List<String> listed = config != null ? config.channels() : listedChannels(env);
    for (String name : listed) {
      problems.addAll(channelSettingsProblems(name, env));
    }
    List<String> windowProblems = new ArrayList<>();
    FallbackWindow.fromEnvironment(env, windowProblems);
    problems.addAll(windowProblems);
    problems.addAll(LimitSettings.validate(env));
    problems.addAll(BreakerSettings.validate(env));
    problems.addAll(pseudonymKeyProblems(env));
    if (!problems.isEmpty()) {
      throw new SenderConfigurationException(List.copyOf(problems));
    }
    return config;
  }

  /**
   * The known channels {@code OTP_CHANNELS} names, read leniently: only to check their settings
   * when the rest of the configuration already failed.
   */
  private static List<String> listedChannels(Map<String, String> env) {
    Set<String> listed = new LinkedHashSet<>();
    for (String name : env.getOrDefault(EnvironmentVariables.CHANNELS, "").split(",", -1)) {
      if (CHANNELS.contains(name.strip())) {
        listed.add(name.strip());
      }
    }
    return List.copyOf(listed);
  }

  /** Every problem with a channel's own settings, read from the environment without building it. */
  private static List<String> channelSettingsProblems(String name, Map<String, String> env) {
    return switch (name) {
      case EndUserMessagingSmsChannel.NAME, SnsSmsChannel.NAME -> SmsSettings.validate(env);
      case EumWhatsAppChannel.NAME -> eumIdProblems(env.get(EUM_PHONE_NUMBER_ID));
      default -> List.of();
    };
  }

  private static List<String> eumIdProblems(String id) {
    if (id == null || id.isBlank()) {
      return List.of(
          EUM_PHONE_NUMBER_ID + " is not set (OTP_CHANNELS lists " + EumWhatsAppChannel.NAME + ")");
    }
    return EumWhatsAppSettings.isPhoneNumberId(id.strip())
        ? List.of()
        : List.of(EumWhatsAppSettings.PHONE_NUMBER_ID_RULE);
  }

  private static SenderWiring build(SenderConfig config, Map<String, String> env) {
    // checked() has reported any problem with it already
    Duration window = FallbackWindow.fromEnvironment(env, new ArrayList<>());
    AwsClients aws = new AwsClients(env);
    // Plain branches and loops, not Optional.map and streams: see CHANNELS on lambdas' cold cost.
    CodeDecryptor decryptor =
        config.decryption().isPresent() ? decryptor(config.decryption().get(), aws) : null;
    AccessTokenProvider tokens = tokens(config.accessToken(), aws);
    ChannelParts parts = new ChannelParts(config, env, aws, tokens);
    List<MessageChannel> channels = new ArrayList<>();
    for (String name : config.channels()) {
      channels.add(createChannel(name, parts));
    }
    Optional<DeliveryLedger> ledger = Optional.empty();
    Optional<MessageLedger> messages = Optional.empty();
    Optional<LimitCounter> counters = Optional.empty();
    NumberPseudonyms pseudonyms = pseudonyms(env, aws);
    VerificationLoop loop = VerificationLoop.NONE;
    if (config.ledgerTable().isPresent()) {
      String table = config.ledgerTable().get();
      DynamoDbClient dynamoDb = aws.dynamoDb(table); // one client for all three
      ledger = Optional.of(new DynamoDbDeliveryLedger(dynamoDb, table, Clock.systemUTC()));
      messages = Optional.of(new DynamoDbMessageLedger(dynamoDb, table, window, Clock.systemUTC()));
      // the counters share the ledger's table (ids "limit#...") and so its grant and its TTL
      counters = Optional.of(new DynamoDbLimitCounter(dynamoDb, table, Clock.systemUTC()));
      loop = verificationLoop(dynamoDb, table, env, pseudonyms);
    }
    return new SenderWiring(
        config,
        decryptor,
        new MessagePolicy(config.templateSet(), config.appClientTemplates()),
        ChannelChain.of(channels),
        tokens,
        ledger,
        messages,
        new SendLimiter(
            LimitSettings.fromEnvironment(env), counters, pseudonyms, Clock.systemUTC()),
        loop);
  }

  /**
   * The conversion breaker and the latest send per user, in the ledger's table (ids {@code conv#}
   * and {@code verify#}), named with the same keyed pseudonyms as the limits.
   */
  public static VerificationLoop verificationLoop(
      DynamoDbClient dynamoDb, String table, Map<String, String> env, NumberPseudonyms pseudonyms) {
    return new VerificationLoop(
        Optional.of(
            new ConversionBreaker(
                BreakerSettings.fromEnvironment(env),
                new FunnelCounters(dynamoDb, table, Clock.systemUTC()),
                Clock.systemUTC())),
        Optional.of(
            new DynamoDbVerificationLedger(dynamoDb, table, pseudonyms, Clock.systemUTC())));
  }

  /**
   * How counter ids name numbers: under the deployment's key from Secrets Manager (read on the
   * first counted send, then kept), a key given directly (local runs), or the public local key.
   */
  public static NumberPseudonyms pseudonyms(Map<String, String> env, AwsClients aws) {
    String secretId = env.get(PSEUDONYM_KEY_SECRET_ID);
    if (secretId != null && !secretId.isBlank()) {
      return NumberPseudonyms.loadedBy(
          new SecretsManagerPseudonymKey(
              aws.secretsManager(secretId.strip()), secretId.strip(), Clock.systemUTC()));
    }
    String key = env.get(PSEUDONYM_KEY);
    if (key != null && !key.isBlank()) {
      return NumberPseudonyms.keyed(key.strip().getBytes(StandardCharsets.UTF_8));
    }
    return NumberPseudonyms.unkeyed();
  }

  static List<String> pseudonymKeyProblems(Map<String, String> env) {
    String secretId = env.get(PSEUDONYM_KEY_SECRET_ID);
    String key = env.get(PSEUDONYM_KEY);
    boolean bySecret = secretId != null && !secretId.isBlank();
    boolean direct = key != null && !key.isBlank();
    if (bySecret && direct) {
      return List.of(
          "set one of " + PSEUDONYM_KEY_SECRET_ID + " and " + PSEUDONYM_KEY + ", not both");
    }
    if (direct && key.strip().length() < NumberPseudonyms.MIN_KEY_LENGTH) {
      return List.of(
          PSEUDONYM_KEY + " must be at least " + NumberPseudonyms.MIN_KEY_LENGTH + " characters");
    }
    return List.of();
  }

  /**
   * The whatsapp-eum channel shares the Graph version, attempt bound and attempts with the Cloud
   * API channel.
   */
  private static EumWhatsAppSettings eumSettings(ChannelParts parts) {
    String id = parts.env().get(EUM_PHONE_NUMBER_ID);
    if (id == null || id.isBlank()) {
      throw new SenderConfigurationException(
          List.of(
              EUM_PHONE_NUMBER_ID
                  + " is not set (OTP_CHANNELS lists "
                  + EumWhatsAppChannel.NAME
                  + ")"));
    }
    try {
      return new EumWhatsAppSettings(
          id.strip(),
          parts.config().apiVersion(),
          parts.config().requestTimeout(),
          parts.config().maxAttempts());
    } catch (IllegalArgumentException e) {
      throw new SenderConfigurationException(
          List.of(e.getMessage())); // names the variable, never its value
    }
  }

  private static WhatsAppSettings whatsAppSettings(SenderConfig config) {
    return new WhatsAppSettings(
        config.apiBaseUrl(),
        config.apiVersion(),
        config.phoneNumberId(),
        CONNECT_TIMEOUT,
        config.requestTimeout(),
        config.maxAttempts());
  }

  private static CodeDecryptor decryptor(Decryption decryption, AwsClients aws) {
    if (decryption instanceof Decryption.Kms kms) {
      return EncryptionSdkCodeDecryptor.kms(kms.keyArn(), aws.kms(kms.keyArn()));
    }
    Decryption.LocalAes local = (Decryption.LocalAes) decryption;
    return EncryptionSdkCodeDecryptor.rawAes(
        Base64.getDecoder().decode(local.base64Key().reveal()),
        local.keyNamespace(),
        local.keyName());
  }

  private static AccessTokenProvider tokens(TokenSource source, AwsClients aws) {
    if (source == null) {
      return null; // no Cloud API channel listed: nothing will ask for a token
    }
    if (source instanceof TokenSource.Direct direct) {
      return new StaticAccessTokenProvider(direct.token());
    }
    TokenSource.SecretsManager secret = (TokenSource.SecretsManager) source;
    return new SecretsManagerAccessTokenProvider(
        aws.secretsManager(secret.secretId()),
        secret.secretId(),
        secret.cacheTtl(),
        Clock.systemUTC());
  }
}
