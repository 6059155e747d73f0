package dev.cognitowa.otp.infra;

import java.util.List;
import software.amazon.awscdk.services.cognito.AuthFlow;
import software.amazon.awscdk.services.cognito.CognitoDomainOptions;
import software.amazon.awscdk.services.cognito.OAuthFlows;
import software.amazon.awscdk.services.cognito.OAuthScope;
import software.amazon.awscdk.services.cognito.OAuthSettings;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.cognito.UserPoolClientOptions;
import software.amazon.awscdk.services.cognito.UserPoolDomainOptions;

/**
 * The stack's app client: SRP sign-in and refresh only (CDK adds {@code ALLOW_REFRESH_TOKEN_AUTH}
 * to any explicit flow), no client secret, and OAuth only with a domain.
 *
 * <p>CDK's default client allows the authorization-code and implicit grants with an example.com
 * callback, yet the OAuth endpoints exist only once the pool has a domain ("Amazon Cognito
 * activates the public webpages listed here when you assign a domain to your user pool",
 * https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-userpools-server-contract-reference.html).
 * So without {@code domainPrefix} the client has no OAuth at all; with it, the pool gets that
 * Cognito prefix domain and the client the authorization-code grant only (never implicit, which
 * puts tokens in the URL), scopes {@code openid} and {@code phone}, and the given callback URLs.
 */
final class AppClient {

  private AppClient() {}

  /**
   * @param domainPrefix the Cognito domain prefix, or null for no domain and no OAuth
   * @param callbackUrls the OAuth callback URLs, with a domain only
   */
  static UserPoolClient create(UserPool pool, String domainPrefix, List<String> callbackUrls) {
    UserPoolClientOptions.Builder options =
        UserPoolClientOptions.builder()
            .authFlows(AuthFlow.builder().userSrp(true).build())
            .preventUserExistenceErrors(true)
            .generateSecret(false);
    if (domainPrefix == null) {
      options.disableOAuth(true);
    } else {
      pool.addDomain(
          "Domain",
          UserPoolDomainOptions.builder()
              .cognitoDomain(CognitoDomainOptions.builder().domainPrefix(domainPrefix).build())
              .build());
      options.oAuth(
          OAuthSettings.builder()
              .flows(OAuthFlows.builder().authorizationCodeGrant(true).build())
              .scopes(List.of(OAuthScope.OPENID, OAuthScope.PHONE))
              .callbackUrls(callbackUrls)
              .build());
    }
    return pool.addClient("AppClient", options.build());
  }
}
