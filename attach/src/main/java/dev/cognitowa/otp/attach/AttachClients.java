package dev.cognitowa.otp.attach;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The SDK clients attach needs, in the pool's region, from an environment map: the SDK's default
 * credentials, and its endpoint variables ({@code AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER},
 * {@code AWS_ENDPOINT_URL_KMS}, {@code AWS_ENDPOINT_URL_IAM}, {@code AWS_ENDPOINT_URL_STS}, or
 * {@code AWS_ENDPOINT_URL}) read from the map, so tests point them at loopback.
 */
public final class AttachClients implements AutoCloseable {
  private final Map<String, String> env;
  private final Region region;
  private final SdkHttpClient http = UrlConnectionHttpClient.create();

  /**
   * Clients for one region.
   *
   * @param region the pool's region (a pool id begins with it)
   */
  public AttachClients(Map<String, String> env, String region) {
    this.env = Map.copyOf(env);
    this.region = Region.of(region);
  }

  /** The region a user pool id names, e.g. {@code eu-west-1} for {@code eu-west-1_AbC}. */
  public static String regionOfPool(String poolId) {
    int underscore = poolId == null ? -1 : poolId.indexOf('_');
    if (underscore <= 0) {
      throw new AttachRefusedException(
          "--pool must be a user pool id like eu-west-1_AbCdEf123, was "
              + (poolId == null ? "nothing" : "'" + poolId + "'"));
    }
    return poolId.substring(0, underscore);
  }

  public CognitoIdentityProviderClient cognito() {
    return CognitoIdentityProviderClient.builder()
        .httpClient(http)
        .region(region)
        .applyMutation(
            b ->
                endpoint("AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER")
                    .ifPresent(b::endpointOverride))
        .build();
  }

  public KmsClient kms() {
    return KmsClient.builder()
        .httpClient(http)
        .region(region)
        .applyMutation(b -> endpoint("AWS_ENDPOINT_URL_KMS").ifPresent(b::endpointOverride))
        .build();
  }

  /** The policy simulator for the CLI's kms:CreateGrant check. */
  public GrantCheck grantCheck() {
    StsClient sts =
        StsClient.builder()
            .httpClient(http)
            .region(region)
            .applyMutation(b -> endpoint("AWS_ENDPOINT_URL_STS").ifPresent(b::endpointOverride))
            .build();
    IamClient iam =
        IamClient.builder()
            .httpClient(http)
            .region(Region.AWS_GLOBAL)
            .applyMutation(b -> endpoint("AWS_ENDPOINT_URL_IAM").ifPresent(b::endpointOverride))
            .build();
    return GrantCheck.simulated(sts, iam);
  }

  private Optional<URI> endpoint(String serviceVariable) {
    return Optional.ofNullable(env.get(serviceVariable))
        .or(() -> Optional.ofNullable(env.get("AWS_ENDPOINT_URL")))
        .filter(s -> !s.isBlank())
        .map(URI::create);
  }

  @Override
  public void close() {
    http.close();
  }
}
