package dev.cognitowa.otp.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The ready stack's alarm topic and hardening, as {@code OtpApp} builds it from context with
 * cdk.json's flags: one stack with every option on (alarm e-mail, web ACL, limits), one with none.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OtpStackHardeningTest {

  private static final String ALARM_EMAIL = "ops@example.org";

  private OtpStack hardened;
  private Template full;
  private Template plain;

  @BeforeAll
  void synthesize() {
    Map<String, Object> options = new HashMap<>(CdkJson.context(CdkJson.DEFAULT));
    options.putAll(
        Map.of(
            "stackName", "Hardened",
            "phoneNumberId", SenderFixtures.PHONE_NUMBER_ID,
            "tokenSecretArn", SenderFixtures.TOKEN_SECRET_ARN,
            "channels", "whatsapp,sns",
            "alarmEmail", ALARM_EMAIL,
            "wafRateLimit", "300",
            "limitPerNumberDay", "8",
            "smsLimitPerNumberDay", "3",
            "smsAllowedCountries", "DE,AT"));
    App app = App.Builder.create().context(options).build();
    hardened = OtpApp.createStack(app, null);
    full = Template.fromStack(hardened);
    Map<String, Object> none = new HashMap<>(CdkJson.context(CdkJson.DEFAULT));
    none.putAll(
        Map.of(
            "stackName", "Plain",
            "phoneNumberId", SenderFixtures.PHONE_NUMBER_ID,
            "tokenSecretArn", SenderFixtures.TOKEN_SECRET_ARN));
    App second = App.Builder.create().context(none).build();
    plain = Template.fromStack(OtpApp.createStack(second, null));
  }

  @Test
  void alarms_shouldAllNotifyTheOneAlarmTopic_whenTheStackIsDeployed() {
    // given
    Map<String, Object> topic = Map.of("Ref", Match.stringLikeRegexp("AlarmTopic.*"));

    // then
    // ten of the sender and the status function, two of the verification loop (conversion, breaker)
    full.resourceCountIs("AWS::CloudWatch::Alarm", 12);
    assertThat(
            full.findResources(
                "AWS::CloudWatch::Alarm",
                Map.of(
                    "Properties",
                    Map.of("AlarmActions", List.of(topic), "OKActions", List.of(topic)))))
        .hasSize(12);
  }

  /**
   * "Email subscriptions require confirmation" (CDK's EmailSubscription): the address gets SNS's
   * confirmation message first.
   */
  @Test
  void alarmTopic_shouldSubscribeTheEmailAddress_whenAlarmEmailIsSet() {
    // then
    full.hasResourceProperties(
        "AWS::SNS::Subscription",
        Map.of(
            "Protocol",
            "email",
            "Endpoint",
            ALARM_EMAIL,
            "TopicArn",
            Map.of("Ref", Match.stringLikeRegexp("AlarmTopic.*"))));
    plain.resourcePropertiesCountIs("AWS::SNS::Subscription", Map.of("Protocol", "email"), 0);
    plain.hasResourceProperties("AWS::SNS::Topic", Map.of("DisplayName", "WhatsApp OTP alarms"));
  }

  /**
   * A topic policy replaces SNS's default one, so CloudWatch alarms of this account may publish
   * explicitly (https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html), and
   * anything without TLS is denied.
   */
  @Test
  void alarmTopicPolicy_shouldLetOnlyThisAccountsAlarmsPublish_whenCloudWatchNotifies() {
    // then
    plain.hasResourceProperties(
        "AWS::SNS::TopicPolicy",
        Map.of(
            "PolicyDocument",
            Map.of(
                "Statement",
                Match.arrayWith(
                    List.of(
                        Match.objectLike(
                            Map.of(
                                "Sid",
                                "CloudWatchAlarmsOfThisAccountPublish",
                                "Principal",
                                Map.of("Service", "cloudwatch.amazonaws.com"),
                                "Action",
                                "sns:Publish",
                                "Condition",
                                Map.of(
                                    "StringEquals",
                                    Map.of("aws:SourceAccount", Map.of("Ref", "AWS::AccountId")),
                                    "ArnLike",
                                    Map.of("aws:SourceArn", Match.anyValue())))))))));
  }

  /**
   * With a custom policy CDK's default client would allow OAuth's code and implicit grants with an
   * example.com callback; the OAuth endpoints exist only with a domain
   * (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-userpools-server-contract-reference.html),
   * which the stack does not create: SRP and refresh only.
   */
  @Test
  void appClient_shouldAllowSrpAndRefreshOnlyWithoutOAuth_whenNoDomainIsConfigured() {
    // then
    for (Template template : List.of(full, plain)) {
      template.hasResourceProperties(
          "AWS::Cognito::UserPoolClient",
          Map.of(
              "ExplicitAuthFlows",
              List.of("ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"),
              "AllowedOAuthFlows",
              Match.absent(),
              "AllowedOAuthScopes",
              Match.absent(),
              "CallbackURLs",
              Match.absent(),
              "GenerateSecret",
              false));
      template.resourceCountIs("AWS::Cognito::UserPoolDomain", 0);
    }
  }

  @Test
  void appClient_shouldAllowOnlyTheCodeGrant_whenADomainIsConfigured() {
    // given
    Map<String, Object> context = new HashMap<>(CdkJson.context(CdkJson.DEFAULT));
    context.putAll(
        Map.of(
            "stackName", "WithDomain",
            "phoneNumberId", SenderFixtures.PHONE_NUMBER_ID,
            "tokenSecretArn", SenderFixtures.TOKEN_SECRET_ARN,
            "domainPrefix", "otp-example",
            "callbackUrls", "https://app.example.org/callback,http://localhost:3000/callback"));

    // when
    Template template =
        Template.fromStack(OtpApp.createStack(App.Builder.create().context(context).build(), null));

    // then
    template.hasResourceProperties("AWS::Cognito::UserPoolDomain", Map.of("Domain", "otp-example"));
    template.hasResourceProperties(
        "AWS::Cognito::UserPoolClient",
        Map.of(
            "ExplicitAuthFlows",
            List.of("ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"),
            "AllowedOAuthFlows",
            List.of("code"),
            "AllowedOAuthFlowsUserPoolClient",
            true,
            "AllowedOAuthScopes",
            List.of("openid", "phone"),
            "CallbackURLs",
            List.of("https://app.example.org/callback", "http://localhost:3000/callback")));
  }

  /**
   * "When you create a user pool with the CreateUserPool API, deletion protection is inactive by
   * default"
   * (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-deletion-protection.html):
   * the stack turns it on unless the pool is meant to go with the stack ({@code retain=false}).
   */
  @Test
  void userPool_shouldHaveDeletionProtection_whenDefaults() {
    // then
    plain.hasResourceProperties("AWS::Cognito::UserPool", Map.of("DeletionProtection", "ACTIVE"));
  }

  /**
   * "You can associate one web ACL with each user pool"
   * (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-waf.html); a rate-based
   * rule counts per IP address over WAF's default five-minute window.
   */
  @Test
  void webAcl_shouldBlockAnIpAboveTheRateAndGuardThePool_whenWafRateLimitIsSet() {
    // then
    full.hasResourceProperties(
        "AWS::WAFv2::WebACL",
        Map.of(
            "Scope",
            "REGIONAL",
            "DefaultAction",
            Map.of("Allow", Map.of()),
            "Rules",
            List.of(
                Match.objectLike(
                    Map.of(
                        "Action",
                        Map.of("Block", Map.of()),
                        "Statement",
                        Map.of(
                            "RateBasedStatement",
                            Map.of(
                                "AggregateKeyType",
                                "IP",
                                "Limit",
                                300,
                                "EvaluationWindowSec",
                                300)))))));
    full.hasResourceProperties(
        "AWS::WAFv2::WebACLAssociation",
        Map.of(
            "ResourceArn",
            Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("UserPool.*"), "Arn")),
            "WebACLArn",
            Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("UserPoolWebAcl.*"), "Arn"))));
    assertThat(hardened.getWebAcl()).isNotNull();
    plain.resourceCountIs("AWS::WAFv2::WebACL", 0);
    plain.resourceCountIs("AWS::WAFv2::WebACLAssociation", 0);
  }

  @Test
  void environment_shouldCarryTheLimitsToBothFunctions_whenLimitKeysAreSet() {
    // then
    assertThat(
            full.findResources(
                "AWS::Lambda::Function",
                Map.of(
                    "Properties",
                    Map.of(
                        "Environment",
                        Map.of(
                            "Variables",
                            Match.objectLike(
                                Map.of(
                                    "OTP_LIMIT_PER_NUMBER_DAY", "8",
                                    "OTP_SMS_LIMIT_PER_NUMBER_DAY", "3",
                                    "OTP_SMS_ALLOWED_COUNTRIES", "DE,AT")))))))
        .hasSize(2);
    assertThat(
            plain.findResources(
                "AWS::Lambda::Function",
                Map.of(
                    "Properties",
                    Map.of(
                        "Environment",
                        Map.of(
                            "Variables",
                            Match.objectLike(
                                Map.of("OTP_LIMIT_PER_NUMBER_DAY", Match.anyValue())))))))
        .isEmpty();
  }

  /**
   * AWS's documented key policy for custom senders
   * (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-custom-sender-triggers.html)
   * conditions CreateGrant on {@code kms:EncryptionContext:userpool-id} and leaves Decrypt
   * unconditioned; ours keeps the first and adds the same condition to Decrypt, in the key policy
   * and in the function's statement (README, "Compared with AWS's documented key policy").
   */
  @Test
  void keyPolicy_shouldBindCreateGrantAndDecryptToThePool_whenComparedWithAwsDocumentedPolicy() {
    // given
    Map<String, Object> region =
        Map.of(
            "StringLike",
            Map.of(
                "kms:EncryptionContext:userpool-id",
                Map.of("Fn::Join", List.of("", List.of(Map.of("Ref", "AWS::Region"), "_*")))));

    // then
    for (String action : List.of("kms:CreateGrant", "kms:Decrypt")) {
      plain.hasResourceProperties(
          "AWS::KMS::Key",
          Map.of(
              "KeyPolicy",
              Map.of(
                  "Statement",
                  Match.arrayWith(
                      List.of(Match.objectLike(Map.of("Action", action, "Condition", region)))))));
    }
    plain.hasResourceProperties(
        "AWS::IAM::Policy",
        Map.of(
            "PolicyDocument",
            Map.of(
                "Statement",
                List.of(
                    Match.objectLike(
                        Map.of(
                            "Sid",
                            "DecryptCodesOfThePoolOnly",
                            "Action",
                            "kms:Decrypt",
                            "Condition",
                            Map.of(
                                "StringEquals",
                                Map.of(
                                    "kms:EncryptionContext:userpool-id",
                                    Map.of("Ref", Match.stringLikeRegexp("UserPool.*"))))))))));
    assertThat(SenderPolicies.ACCOUNT_KEY_ACTIONS)
        .doesNotContain(
            "kms:Decrypt", "kms:Encrypt", "kms:CreateGrant", "kms:GenerateDataKey", "kms:*");
  }

  /**
   * {@code cdk init} writes aws-cdk-lib's recommended flags into a new app's cdk.json
   * (https://docs.aws.amazon.com/cdk/v2/guide/featureflags.html); ours carries every one of this
   * version, with the recommended value, read from the jsii bundle of the aws-cdk-lib jar itself.
   */
  @Test
  void cdkJson_shouldSetEveryRecommendedFeatureFlag_whenComparedWithThisCdkVersion()
      throws IOException {
    // given
    Map<String, Object> recommended = recommendedFlags();

    // when
    Map<String, Object> context = CdkJson.context(Path.of("cdk.json"));

    // then
    assertThat(recommended).hasSizeGreaterThan(50);
    assertThat(context).containsAllEntriesOf(recommended);
  }

  /** {@code package/recommended-feature-flags.json} from the jar's {@code .jsii.tgz} (a tar). */
  private static Map<String, Object> recommendedFlags() throws IOException {
    String bundle = "/software/amazon/awscdk/aws-cdk-lib@2.263.0.jsii.tgz";
    try (InputStream raw = App.class.getResourceAsStream(bundle);
        InputStream tar = new GZIPInputStream(raw)) {
      byte[] header = new byte[TAR_BLOCK];
      while (tar.readNBytes(header, 0, TAR_BLOCK) == TAR_BLOCK && header[0] != 0) {
        String name = new String(header, 0, TAR_NAME_LENGTH, StandardCharsets.US_ASCII).trim();
        String octal =
            new String(header, TAR_SIZE_OFFSET, TAR_SIZE_LENGTH, StandardCharsets.US_ASCII);
        long size = Long.parseLong(octal.replace("\0", "").trim(), 8);
        long padded = (size + TAR_BLOCK - 1) / TAR_BLOCK * TAR_BLOCK;
        if (name.equals("package/recommended-feature-flags.json")) {
          ByteArrayOutputStream json = new ByteArrayOutputStream();
          json.write(tar.readNBytes((int) size));
          return new ObjectMapper()
              .readValue(json.toByteArray(), new TypeReference<Map<String, Object>>() {});
        }
        tar.skipNBytes(padded);
      }
    }
    throw new IOException("recommended-feature-flags.json is not in " + bundle);
  }

  /** The tar format: 512-byte blocks; the name in bytes 0..99, the octal size in 124..135. */
  private static final int TAR_BLOCK = 512;

  private static final int TAR_NAME_LENGTH = 100;
  private static final int TAR_SIZE_OFFSET = 124;
  private static final int TAR_SIZE_LENGTH = 12;
}
