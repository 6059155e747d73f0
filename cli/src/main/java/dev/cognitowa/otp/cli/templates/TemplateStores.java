package dev.cognitowa.otp.cli.templates;

import dev.cognitowa.otp.sender.config.SenderConfig.TokenSource;
import dev.cognitowa.otp.sender.support.Sensitive;
import dev.cognitowa.otp.sender.whatsapp.SecretsManagerAccessTokenProvider;
import dev.cognitowa.otp.sender.wiring.AwsClients;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Opens the {@link TemplateStore} of the configured channel, with the real clients. */
public final class TemplateStores {
  /** Reading the token from Secrets Manager: its own calls take tens of milliseconds. */
  static final Duration TOKEN_READ_TIMEOUT = Duration.ofSeconds(10);

  private TemplateStores() {}

  /**
   * The Graph store with the token read now, or End User Messaging Social's.
   *
   * @param env for the AWS clients' region, credentials and endpoints
   * @throws dev.cognitowa.otp.sender.whatsapp.WhatsAppAccessTokenException when the secret cannot
   *     be read
   */
  public static TemplateStore open(TemplateSettings settings, Map<String, String> env) {
    AwsClients aws = new AwsClients(env);
    if (TemplateSettings.EUM.equals(settings.channel())) {
      return new EumTemplateStore(aws.socialMessaging(settings.accountId()), settings.accountId());
    }
    return new GraphTemplateStore(
        settings.apiBaseUrl(),
        settings.apiVersion(),
        settings.accountId(),
        token(settings.token().orElseThrow(), aws));
  }

  private static Sensitive token(TokenSource source, AwsClients aws) {
    if (source instanceof TokenSource.Direct direct) {
      return direct.token();
    }
    TokenSource.SecretsManager secret = (TokenSource.SecretsManager) source;
    return new SecretsManagerAccessTokenProvider(
            aws.secretsManager(secret.secretId()),
            secret.secretId(),
            secret.cacheTtl(),
            Clock.systemUTC())
        .token(Instant.now().plus(TOKEN_READ_TIMEOUT));
  }
}
