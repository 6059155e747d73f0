package dev.cognitowa.otp.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awscdk.App;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.constructs.IConstruct;

/**
 * The verification function as the construct creates it beside the sender: attached to the pool's
 * Post confirmation and Post authentication triggers, invocable by that pool only, and allowed only
 * its logs, its two ledger prefixes and the pseudonym key.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VerificationFunctionTest {
  private static final Map<String, Object> ACCOUNT = Map.of("Ref", "AWS::AccountId");

  private Stack stack;
  private UserPool pool;
  private WhatsAppOtpSender sender;
  private Template template;

  @BeforeAll
  void synthesize() {
    stack = new Stack(new App(), "Verified");
    pool = UserPool.Builder.create(stack, "Pool").build();
    sender = new WhatsAppOtpSender(stack, "Sender", props(stack, pool).build());
    template = Template.fromStack(stack);
  }

  private static WhatsAppOtpSenderProps.Builder props(Stack stack, Object pool) {
    return WhatsAppOtpSenderProps.builder()
        .withUserPool(
            pool instanceof UserPool owned
                ? owned
                : UserPool.fromUserPoolId(stack, "Existing", SenderFixtures.EXISTING_POOL_ID))
        .withPhoneNumberId(SenderFixtures.PHONE_NUMBER_ID)
        .withAccessTokenSecret(
            Secret.fromSecretCompleteArn(stack, "Token", SenderFixtures.TOKEN_SECRET_ARN))
        .withCode(SenderFixtures.code(stack));
  }

  @Test
  void pool_shouldCallTheVerificationAliasOnPostConfirmationAndPostAuthentication() {
    // then: the same alias for both triggers, the SnapStart-published version
    Map<String, Object> alias = Map.of("Ref", logicalId(sender.getVerification().getAlias()));
    template.hasResourceProperties(
        "AWS::Cognito::UserPool",
        Map.of(
            "LambdaConfig",
            Match.objectLike(Map.of("PostConfirmation", alias, "PostAuthentication", alias))));
  }

  @Test
  void function_shouldRunTheVerificationHandlerWithSnapStartAndAShortTimeout() {
    template.hasResourceProperties(
        "AWS::Lambda::Function",
        Map.of(
            "Handler",
            "dev.cognitowa.otp.sender.verification.VerificationHandler::handleRequest",
            "Timeout",
            5,
            "SnapStart",
            Map.of("ApplyOn", "PublishedVersions"),
            "Environment",
            Map.of(
                "Variables",
                Match.objectLike(
                    Map.of(
                        "OTP_LEDGER_TABLE",
                        Map.of("Ref", logicalId(sender.getLedgerTable())),
                        "OTP_PSEUDONYM_KEY_SECRET_ID",
                        Map.of("Ref", logicalId(sender.getPseudonymKey())))))));
  }

  @Test
  void permission_shouldLetOnlyThisPoolOfThisAccountInvokeTheAlias() {
    template.hasResourceProperties(
        "AWS::Lambda::Permission",
        Map.of(
            "Action",
            "lambda:InvokeFunction",
            "FunctionName",
            Map.of("Ref", logicalId(sender.getVerification().getAlias())),
            "Principal",
            "cognito-idp.amazonaws.com",
            "SourceAccount",
            ACCOUNT,
            "SourceArn",
            Map.of("Fn::GetAtt", List.of(logicalId(pool), "Arn"))));
  }

  @Test
  void role_shouldOnlyWriteItsLogsMarkVerifySendsCreditTheFunnelAndReadTheKey() {
    Map<String, Object> table =
        Map.of("Fn::GetAtt", List.of(logicalId(sender.getLedgerTable()), "Arn"));
    template.hasResourceProperties(
        "AWS::IAM::Policy",
        Map.of(
            "Roles",
            List.of(Map.of("Ref", logicalId(sender.getVerification().getRole()))),
            "PolicyDocument",
            Map.of(
                "Version",
                "2012-10-17",
                "Statement",
                List.of(
                    Match.objectEquals(
                        Map.of(
                            "Sid",
                            "WriteOwnLogs",
                            "Effect",
                            "Allow",
                            "Action",
                            List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                            "Resource",
                            Map.of(
                                "Fn::GetAtt",
                                List.of(
                                    logicalId(sender.getVerification().getLogGroup()), "Arn")))),
                    Match.objectEquals(
                        DeliveryStatusFunctionTest.keyed(
                            "MarkSendsVerified", "dynamodb:UpdateItem", table, "verify#*")),
                    Match.objectEquals(
                        DeliveryStatusFunctionTest.keyed(
                            "CreditFunnel", "dynamodb:UpdateItem", table, "conv#*")),
                    Match.objectEquals(
                        Map.of(
                            "Sid",
                            "ReadPseudonymKey",
                            "Effect",
                            "Allow",
                            "Action",
                            "secretsmanager:GetSecretValue",
                            "Resource",
                            Map.of("Ref", logicalId(sender.getPseudonymKey()))))))));
    // no managed policy: its own statements only
    template.hasResourceProperties(
        "AWS::IAM::Role",
        Map.of(
            "Description",
            Match.stringLikeRegexp("WhatsApp OTP verification.*"),
            "ManagedPolicyArns",
            Match.absent()));
  }

  @Test
  void construct_shouldPinTheImportedPoolAndWarnThatItsTriggersAreTheOperators() {
    // given
    Stack imported = new Stack(new App(), "ImportedVerified");

    // when
    WhatsAppOtpSender other =
        new WhatsAppOtpSender(imported, "Sender", props(imported, "existing").build());
    Template result = Template.fromStack(imported);

    // then
    result.hasResourceProperties(
        "AWS::Lambda::Function",
        Map.of(
            "Handler",
            SenderArtifact.VERIFICATION_HANDLER,
            "Environment",
            Map.of(
                "Variables",
                Match.objectLike(
                    Map.of("COGNITO_USER_POOL_ID", SenderFixtures.EXISTING_POOL_ID)))));
    Annotations.fromStack(imported)
        .hasWarning(
            "/ImportedVerified/Sender/Verification",
            Match.stringLikeRegexp(".*Post confirmation and Post authentication triggers.*"));
    assertThat(other.getVerification()).isNotNull();
  }

  @Test
  void construct_shouldCreateNoVerificationFunction_whenTheLedgerIsOff() {
    // given
    Stack noLedger = new Stack(new App(), "NoLedgerVerified");

    // when
    WhatsAppOtpSender plain =
        new WhatsAppOtpSender(
            noLedger, "Sender", props(noLedger, new Object()).withLedger(false).build());

    // then: nothing to mark without the ledger
    assertThat(plain.getVerification()).isNull();
    Template.fromStack(noLedger).resourceCountIs("AWS::Lambda::Function", 1);
  }

  @Test
  void alarms_shouldFireWhenConversionCollapsesAtRealVolume_andWhenTheBreakerOpens() {
    // then: conversion per hour, judged only at 50 codes or more (else 100)
    template.hasResourceProperties(
        "AWS::CloudWatch::Alarm",
        Map.of(
            "ComparisonOperator",
            "LessThanThreshold",
            "Threshold",
            25,
            "TreatMissingData",
            "notBreaching",
            "Metrics",
            Match.arrayWith(
                List.of(
                    Match.objectLike(
                        Map.of(
                            "Expression",
                            "IF((FILL(sent, 0) + FILL(fallback, 0)) >= 50,"
                                + " 100 * FILL(verified, 0) / (FILL(sent, 0) + FILL(fallback, 0)),"
                                + " 100)"))))));
    // the breaker's refusals carry its setting as the limit dimension: one refusal alarms
    template.hasResourceProperties(
        "AWS::CloudWatch::Alarm",
        Map.of(
            "Threshold",
            1,
            "ComparisonOperator",
            "GreaterThanOrEqualToThreshold",
            "Metrics",
            Match.arrayWith(
                List.of(
                    Match.objectLike(
                        Map.of(
                            "MetricStat",
                            Match.objectLike(
                                Map.of(
                                    "Metric",
                                    Match.objectLike(
                                        Map.of(
                                            "MetricName",
                                            "events",
                                            "Namespace",
                                            "CognitoWhatsAppOtp",
                                            "Dimensions",
                                            Match.arrayWith(
                                                List.of(
                                                    Map.of(
                                                        "Name",
                                                        "limit",
                                                        "Value",
                                                        "OTP_BREAKER_MIN_CONVERSION_PERCENT")))))))))))));
  }

  @Test
  void dashboard_shouldShowTheFunnelPerChannelAndCountry() {
    // then: the widgets' titles and the per-country search, which names no user or number
    Map<String, Map<String, Object>> dashboards =
        template.findResources("AWS::CloudWatch::Dashboard", Map.of());
    String body = dashboards.values().iterator().next().toString();
    assertThat(body)
        .contains("Verification funnel: codes sent and used (per hour)")
        .contains("Time to verify (ms) and conversion breaker refusals")
        .contains("Codes used per channel and country (per hour)")
        .contains("{CognitoWhatsAppOtp,channel,country,result}");
  }

  private String logicalId(IConstruct construct) {
    IConstruct element =
        construct instanceof CfnElement ? construct : construct.getNode().getDefaultChild();
    return stack.getLogicalId((CfnElement) element);
  }
}
