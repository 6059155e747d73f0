package dev.cognitowa.otp.infra;

import java.util.List;
import software.amazon.awscdk.services.cognito.IUserPool;
import software.amazon.awscdk.services.wafv2.CfnWebACL;
import software.amazon.awscdk.services.wafv2.CfnWebACLAssociation;
import software.constructs.Construct;

/**
 * An AWS WAF web ACL on the user pool with one rate-based rule: a client IP address that sends more
 * than the limit of requests in five minutes is blocked until its rate drops. WAF sees the pool's
 * API and managed-login requests before Cognito does ("you can protect your user pool from unwanted
 * requests to your classic hosted UI, managed login, and Amazon Cognito API service endpoints";
 * "You can associate one web ACL with each user pool",
 * https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-waf.html), so a sign-up storm
 * from one address is stopped before any code is sent, and blocked requests do not count against
 * Cognito's own quotas. It cannot match on phone numbers (Cognito does not forward them to WAF):
 * the sender's per-number limits do that.
 */
final class UserPoolFirewall {

  /**
   * WAF's own bounds for a rate-based rule's limit: "The lowest limit setting allowed is 10"
   * (https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-type-rate-based-high-level-settings.html);
   * the API's maximum is two billion.
   */
  static final int MIN_RATE_LIMIT = 10;

  static final int MAX_RATE_LIMIT = 2_000_000_000;

  /**
   * Five minutes, WAF's default evaluation window ("300 (5 minutes) is the default"): the limit is
   * requests per IP address in the last five minutes.
   */
  static final int EVALUATION_WINDOW_SECONDS = 300;

  private UserPoolFirewall() {}

  /** The web ACL, associated with {@code pool}. */
  static CfnWebACL create(Construct scope, String id, IUserPool pool, int requestsPerFiveMinutes) {
    CfnWebACL acl =
        CfnWebACL.Builder.create(scope, id)
            .description("Rate limit per client IP address on the OTP user pool")
            .scope("REGIONAL")
            .defaultAction(
                CfnWebACL.DefaultActionProperty.builder()
                    .allow(CfnWebACL.AllowActionProperty.builder().build())
                    .build())
            .visibilityConfig(visibility("UserPoolRequests"))
            .rules(
                List.of(
                    CfnWebACL.RuleProperty.builder()
                        .name("RateLimitPerIp")
                        .priority(0)
                        .action(
                            CfnWebACL.RuleActionProperty.builder()
                                .block(CfnWebACL.BlockActionProperty.builder().build())
                                .build())
                        .statement(
                            CfnWebACL.StatementProperty.builder()
                                .rateBasedStatement(
                                    CfnWebACL.RateBasedStatementProperty.builder()
                                        .aggregateKeyType("IP")
                                        .limit(requestsPerFiveMinutes)
                                        .evaluationWindowSec(EVALUATION_WINDOW_SECONDS)
                                        .build())
                                .build())
                        .visibilityConfig(visibility("RateLimitPerIp"))
                        .build()))
            .build();
    CfnWebACLAssociation.Builder.create(scope, id + "Association")
        .resourceArn(pool.getUserPoolArn())
        .webAclArn(acl.getAttrArn())
        .build();
    return acl;
  }

  /** CloudWatch metrics and sampled requests, so the operator sees what the rule blocks. */
  private static CfnWebACL.VisibilityConfigProperty visibility(String metricName) {
    return CfnWebACL.VisibilityConfigProperty.builder()
        .cloudWatchMetricsEnabled(true)
        .metricName(metricName)
        .sampledRequestsEnabled(true)
        .build();
  }
}
