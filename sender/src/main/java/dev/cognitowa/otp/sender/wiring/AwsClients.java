package dev.cognitowa.otp.sender.wiring;

import dev.cognitowa.otp.sender.config.SenderConfigurationException;
import dev.cognitowa.otp.sender.support.JdkHttpSettings;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.pinpointsmsvoicev2.PinpointSmsVoiceV2Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.socialmessaging.SocialMessagingClient;

/**
 * Builds the AWS SDK clients from the same environment map the configuration was read from, so
 * tests can point the real clients at loopback with {@code AWS_ENDPOINT_URL_KMS}, {@code
 * AWS_ENDPOINT_URL_SECRETS_MANAGER} or {@code AWS_ENDPOINT_URL} without touching the process
 * environment. Every client uses the JDK's URL connection (the cheapest HTTP client to load in a
 * cold JVM) and is built once per container.
 */
public final class AwsClients {
  static {
    JdkHttpSettings.apply(); // the SDK's URL-connection client may open the JVM's first connection
  }

  private final Map<String, String> env;
  private SdkHttpClient httpClient;

  public AwsClients(Map<String, String> env) {
    this.env = env;
  }

  /** Clients that send every request to {@code httpClient}: priming's offline answers. */
  AwsClients(Map<String, String> env, SdkHttpClient httpClient) {
    this.env = env;
    this.httpClient = httpClient;
  }

  public KmsClient kms(String keyArn) {
    return KmsClient.builder()
        .httpClient(httpClient())
        .region(Region.of(arnRegion(keyArn).orElseGet(this::region)))
        .credentialsProvider(credentials())
        .applyMutation(b -> endpoint("AWS_ENDPOINT_URL_KMS").ifPresent(b::endpointOverride))
        .build();
  }

  public SecretsManagerClient secretsManager(String secretId) {
    return SecretsManagerClient.builder()
        .httpClient(httpClient())
        .region(Region.of(arnRegion(secretId).orElseGet(this::region)))
        .credentialsProvider(credentials())
        .applyMutation(
            b -> endpoint("AWS_ENDPOINT_URL_SECRETS_MANAGER").ifPresent(b::endpointOverride))
        .build();
  }

  /**
   * The delivery ledger's client ({@code AWS_ENDPOINT_URL_DYNAMODB}); an ARN's region wins over
   * AWS_REGION.
   */
  public DynamoDbClient dynamoDb(String table) {
    return DynamoDbClient.builder()
        .httpClient(httpClient())
        .region(Region.of(arnRegion(table).orElseGet(this::region)))
        .credentialsProvider(credentials())
        .applyMutation(b -> endpoint("AWS_ENDPOINT_URL_DYNAMODB").ifPresent(b::endpointOverride))
        .build();
  }

  /**
   * The {@code sms} channel's client ({@code AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2}). The SDK does
   * not retry: a send is not idempotent, so the channel retries itself, counting every attempt.
   */
  public PinpointSmsVoiceV2Client pinpointSmsVoiceV2() {
    return PinpointSmsVoiceV2Client.builder()
        .httpClient(httpClient())
        .region(Region.of(region()))
        .credentialsProvider(credentials())
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .applyMutation(
            b -> endpoint("AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2").ifPresent(b::endpointOverride))
        .build();
  }

  /**
   * The {@code sns} channel's client ({@code AWS_ENDPOINT_URL_SNS}); no SDK retries, as for the
   * {@code sms} one.
   */
  public SnsClient sns() {
    return SnsClient.builder()
        .httpClient(httpClient())
        .region(Region.of(region()))
        .credentialsProvider(credentials())
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .applyMutation(b -> endpoint("AWS_ENDPOINT_URL_SNS").ifPresent(b::endpointOverride))
        .build();
  }

  /**
   * The {@code whatsapp-eum} channel's client ({@code AWS_ENDPOINT_URL_SOCIALMESSAGING}); an
   * origination number ARN's region wins over AWS_REGION. Like the sms and sns clients it makes one
   * attempt per call: the channel counts and spaces its own attempts, as the Cloud API channel
   * does, and an SDK retry of a send could put a second message on the phone.
   */
  public SocialMessagingClient socialMessaging(String originationPhoneNumberId) {
    return SocialMessagingClient.builder()
        .httpClient(httpClient())
        .region(Region.of(arnRegion(originationPhoneNumberId).orElseGet(this::region)))
        .credentialsProvider(credentials())
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .applyMutation(
            b -> endpoint("AWS_ENDPOINT_URL_SOCIALMESSAGING").ifPresent(b::endpointOverride))
        .build();
  }

  private synchronized SdkHttpClient httpClient() {
    if (httpClient == null) {
      httpClient = UrlConnectionHttpClient.create();
    }
    return httpClient;
  }

  private Optional<URI> endpoint(String serviceVariable) {
    return value(serviceVariable).or(() -> value("AWS_ENDPOINT_URL")).map(URI::create);
  }

  private String region() {
    return value("AWS_REGION")
        .or(() -> value("AWS_DEFAULT_REGION"))
        .orElseThrow(
            () ->
                new SenderConfigurationException(
                    List.of("AWS_REGION is not set (the Lambda runtime sets it)")));
  }

  /**
   * Static credentials when the map carries them (tests, local runs); otherwise the SDK's default
   * chain, which in Lambda (SnapStart included) reads the container credentials that are refreshed
   * after a restore.
   */
  private AwsCredentialsProvider credentials() {
    Optional<String> keyId = value("AWS_ACCESS_KEY_ID");
    Optional<String> secret = value("AWS_SECRET_ACCESS_KEY");
    if (keyId.isPresent()
        && secret.isPresent()
        && value("AWS_CONTAINER_CREDENTIALS_FULL_URI").isEmpty()) {
      Optional<String> session = value("AWS_SESSION_TOKEN");
      return StaticCredentialsProvider.create(
          session.isPresent()
              ? AwsSessionCredentials.create(keyId.get(), secret.get(), session.get())
              : AwsBasicCredentials.create(keyId.get(), secret.get()));
    }
    return DefaultCredentialsProvider.builder().build();
  }

  private static Optional<String> arnRegion(String maybeArn) {
    if (!maybeArn.startsWith("arn:")) {
      return Optional.empty();
    }
    String[] parts = maybeArn.split(":", 6);
    return parts.length == 6 && !parts[3].isEmpty() ? Optional.of(parts[3]) : Optional.empty();
  }

  private Optional<String> value(String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }
}
