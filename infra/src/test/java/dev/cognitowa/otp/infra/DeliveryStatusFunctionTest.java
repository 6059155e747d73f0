package dev.cognitowa.otp.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awscdk.App;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.constructs.IConstruct;

/**
 * The delivery-status function as the construct deploys it by default (ledger on), beside the
 * sender of a pool in the same stack; and its absence or refusal when the ledger is off.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeliveryStatusFunctionTest {

  static final String APP_SECRET_ARN =
      "arn:aws:secretsmanager:eu-west-1:111122223333:secret:whatsapp/app-secret-XyZ789";

  private Stack stack;
  private WhatsAppOtpSender sender;
  private DeliveryStatusFunction status;
  private Template template;

  @BeforeAll
  void synthesize() {
    stack = new Stack(new App(), "Status");
    sender =
        new WhatsAppOtpSender(
            stack, "Sender", props(stack).withFallbackWindow(Duration.minutes(10)).build());
    status = sender.getDeliveryStatus();
    template = Template.fromStack(stack);
  }

  @Test
  void function_shouldRunTheStatusHandlerSizedLikeTheSender_whenTheLedgerIsOn() {
    // then
    assertThat(status).isNotNull();
    template.hasResourceProperties(
        "AWS::Lambda::Function",
        Map.of(
            "Handler",
            "dev.cognitowa.otp.sender.status.DeliveryStatusHandler::handleRequest",
            "Runtime",
            "java25",
            "Architectures",
            List.of("x86_64"),
            "MemorySize",
            1024,
            "Timeout",
            10,
            "SnapStart",
            Map.of("ApplyOn", "PublishedVersions"),
            "LoggingConfig",
            Map.of("LogGroup", ref(status.getLogGroup()))));
    template.hasResourceProperties(
        "AWS::Logs::LogGroup", Map.of("RetentionInDays", 30)); // as the sender's
  }

  @Test
  void function_shouldRunOnTheSendersArchitecture_whenArm64IsChosen() {
    // given
    Stack arm = new Stack(new App(), "StatusArm");
    new WhatsAppOtpSender(
        arm, "Sender", props(arm).withArchitecture(LambdaArchitecture.ARM64).build());

    // when
    Template armTemplate = Template.fromStack(arm);

    // then: the sender, the status function and the verification function, all three
    armTemplate.resourcePropertiesCountIs(
        "AWS::Lambda::Function", Map.of("Architectures", List.of("arm64")), 3);
    armTemplate.resourcePropertiesCountIs(
        "AWS::Lambda::Function", Map.of("Architectures", List.of("x86_64")), 0);
  }

  @Test
  void environment_shouldBeTheSendersPlusTheAppSecretAndTheFallbackWindow_whenDeployed() {
    // then
    template.hasResourceProperties(
        "AWS::Lambda::Function",
        Map.of(
            "Handler",
            SenderArtifact.STATUS_HANDLER,
            "Environment",
            Map.of(
                "Variables",
                Map.of(
                    "OTP_CHANNELS",
                    "whatsapp,whatsapp-eum",
                    "OTP_STATUS_TOPIC_ARN",
                    ref(status.getTopic()),
                    "OTP_LEDGER_TABLE",
                    ref(sender.getLedgerTable()),
                    "KMS_KEY_ARN",
                    arn(sender.getKey()),
                    "WHATSAPP_PHONE_NUMBER_ID",
                    SenderFixtures.PHONE_NUMBER_ID,
                    "WHATSAPP_ACCESS_TOKEN_SECRET_ID",
                    SenderFixtures.TOKEN_SECRET_ARN,
                    "WHATSAPP_APP_SECRET_SECRET_ID",
                    ref(status.getAppSecret()),
                    "OTP_FALLBACK_WINDOW_SECONDS",
                    "600"))));
  }

  @Test
  void senderEnvironment_shouldCarryTheSameFallbackWindow_whenTheStatusFunctionIsDeployed() {
    // then: the sender sets its tracked items' expiry from the window the status function uses
    template.hasResourceProperties(
        "AWS::Lambda::Function",
        Map.of(
            "Handler",
            SenderArtifact.HANDLER,
            "Environment",
            Map.of("Variables", Match.objectLike(Map.of("OTP_FALLBACK_WINDOW_SECONDS", "600")))));
  }

  @Test
  void appSecret_shouldHoldAGeneratedVerifyTokenAndAPlaceholder_whenNoneIsGiven() {
    // then
    template.hasResourceProperties(
        "AWS::SecretsManager::Secret",
        Map.of(
            "GenerateSecretString",
            Map.of(
                "SecretStringTemplate",
                "{\"appSecret\":\"REPLACE_ME\"}",
                "GenerateStringKey",
                "verifyToken",
                "ExcludePunctuation",
                true,
                "PasswordLength",
                32)));
  }

  @Test
  void functionUrl_shouldBePublicOnTheAliasWithBothInvokePermissions_whenMetaCannotSign() {
    // then
    template.hasResourceProperties(
        "AWS::Lambda::Url",
        Map.of(
            "AuthType",
            "NONE",
            "TargetFunctionArn",
            arn(status.getFunction()),
            "Qualifier",
            WhatsAppOtpSender.ALIAS_NAME));
    template.hasResourceProperties(
        "AWS::Lambda::Permission",
        Map.of(
            "Action", "lambda:InvokeFunctionUrl",
            "Principal", "*",
            "FunctionUrlAuthType", "NONE",
            "FunctionName", ref(status.getAlias())));
    template.hasResourceProperties(
        "AWS::Lambda::Permission",
        Map.of(
            "Action",
            "lambda:InvokeFunction",
            "Principal",
            "*",
            "InvokedViaFunctionUrl",
            true,
            "FunctionName",
            ref(status.getAlias())));
  }

  @Test
  void topic_shouldLetEndUserMessagingSocialPublishAndInvokeTheAlias_whenCreated() {
    // then
    template.hasResourceProperties(
        "AWS::SNS::TopicPolicy",
        Map.of(
            "PolicyDocument",
            Map.of(
                "Statement",
                Match.arrayWith(
                    List.of(
                        Match.objectLike(
                            Map.of(
                                "Effect",
                                "Deny",
                                "Condition",
                                Map.of("Bool", Map.of("aws:SecureTransport", "false")))),
                        // the conditions AWS's event-destination page shows, "to avoid the
                        // confused deputy problem" (managing-event-destinations-add.html)
                        Match.objectLike(
                            Map.of(
                                "Effect",
                                "Allow",
                                "Principal",
                                Map.of("Service", "social-messaging.amazonaws.com"),
                                "Action",
                                "sns:Publish",
                                "Resource",
                                ref(status.getTopic()),
                                "Condition",
                                Map.of(
                                    "StringEquals",
                                    Map.of("aws:SourceAccount", Map.of("Ref", "AWS::AccountId")),
                                    "ArnLike",
                                    Map.of(
                                        "aws:SourceArn",
                                        Map.of(
                                            "Fn::Join",
                                            List.of(
                                                "",
                                                List.of(
                                                    "arn:",
                                                    Map.of("Ref", "AWS::Partition"),
                                                    ":social-messaging:",
                                                    Map.of("Ref", "AWS::Region"),
                                                    ":",
                                                    Map.of("Ref", "AWS::AccountId"),
                                                    ":*"))))))))))));
    template.hasResourceProperties(
        "AWS::SNS::Subscription",
        Map.of(
            "Protocol",
            "lambda",
            "TopicArn",
            ref(status.getTopic()),
            "Endpoint",
            ref(status.getAlias())));
    template.hasResourceProperties(
        "AWS::Lambda::Permission",
        Map.of(
            "Principal", "sns.amazonaws.com",
            "SourceArn", ref(status.getTopic()),
            "FunctionName", ref(status.getAlias())));
  }

  @Test
  void rolePolicy_shouldSendOnlyAfterTheFirstChannelAndNeverPutAnItem_whenDeployed() {
    // then: no ReadAccessToken (it never sends through the first channel), no PutItem (it writes
    // no new item), and only the tracked messages' and counters' keys (LeadingKeys, see
    // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/specifying-conditions.html)
    template.hasResourceProperties(
        "AWS::IAM::Policy",
        Map.of(
            "PolicyDocument",
            Map.of(
                "Statement",
                List.of(
                    statement(
                        "WriteOwnLogs",
                        List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                        arn(status.getLogGroup())),
                    statement(
                        "ReadAppSecret",
                        "secretsmanager:GetSecretValue",
                        ref(status.getAppSecret())),
                    Match.objectLike(
                        Map.of(
                            "Sid", "SendWhatsAppThroughEndUserMessagingSocial",
                            "Action", "social-messaging:SendWhatsAppMessage")),
                    statement(
                        "ReportFailedDeliveries", "sqs:SendMessage", arn(status.getFailureQueue())),
                    keyed(
                        "FollowTrackedMessages",
                        List.of("dynamodb:GetItem", "dynamodb:UpdateItem"),
                        arn(sender.getLedgerTable()),
                        "msg#*"),
                    keyed(
                        "CountSends",
                        "dynamodb:UpdateItem",
                        arn(sender.getLedgerTable()),
                        "limit#*"),
                    // the fallback passes the conversion breaker and becomes the latest send
                    keyed(
                        "CountFunnelAndBreaker",
                        List.of("dynamodb:GetItem", "dynamodb:UpdateItem"),
                        arn(sender.getLedgerTable()),
                        "conv#*"),
                    keyed(
                        "KeepLatestSendForVerification",
                        "dynamodb:UpdateItem",
                        arn(sender.getLedgerTable()),
                        "verify#*"),
                    statement(
                        "ReadPseudonymKey",
                        "secretsmanager:GetSecretValue",
                        ref(sender.getPseudonymKey())))),
            "Roles",
            List.of(ref(status.getRole()))));
  }

  @Test
  void asyncInvocation_shouldRetryLikeTheSenderThenUseItsOwnQueue_whenSnsInvokesTheAlias() {
    // then
    template.hasResourceProperties(
        "AWS::Lambda::EventInvokeConfig",
        Map.of(
            "FunctionName",
            ref(status.getFunction()),
            "MaximumRetryAttempts",
            1,
            "MaximumEventAgeInSeconds",
            300,
            "DestinationConfig",
            Map.of("OnFailure", Map.of("Destination", arn(status.getFailureQueue())))));
    // a failed status holds Meta's recipient_id: kept for the window (300 s) and 15 minutes
    template.hasResourceProperties(
        "AWS::SQS::Queue", Map.of("SqsManagedSseEnabled", true, "MessageRetentionPeriod", 1_500));
  }

  @Test
  void constructor_shouldUseTheGivenSecretAndCreateNone_whenAnAppSecretIsImported() {
    // given
    Stack imported = new Stack(new App(), "ImportedSecret");

    // when
    WhatsAppOtpSender withSecret =
        new WhatsAppOtpSender(
            imported,
            "Sender",
            props(imported)
                .withAppSecret(Secret.fromSecretCompleteArn(imported, "App", APP_SECRET_ARN))
                .build());
    Template result = Template.fromStack(imported);

    // then
    assertThat(withSecret.getDeliveryStatus().getAppSecret().getSecretArn())
        .isEqualTo(APP_SECRET_ARN);
    // only the counters' pseudonym key is made, no app secret
    result.resourceCountIs("AWS::SecretsManager::Secret", 1);
    result.hasResourceProperties(
        "AWS::Lambda::Function",
        Map.of(
            "Environment",
            Map.of(
                "Variables",
                Match.objectLike(Map.of("WHATSAPP_APP_SECRET_SECRET_ID", APP_SECRET_ARN)))));
    result.hasResourceProperties(
        "AWS::IAM::Policy",
        Map.of(
            "PolicyDocument",
            Map.of(
                "Statement",
                Match.arrayWith(
                    List.of(
                        statement(
                            "ReadAppSecret", "secretsmanager:GetSecretValue", APP_SECRET_ARN))))));
  }

  @Test
  void constructor_shouldDeployNoStatusFunction_whenTheLedgerIsOff() {
    // given
    Stack noLedger = new Stack(new App(), "NoLedger");

    // when
    WhatsAppOtpSender plain =
        new WhatsAppOtpSender(noLedger, "Sender", props(noLedger).withLedger(false).build());
    Template result = Template.fromStack(noLedger);

    // then
    assertThat(plain.getDeliveryStatus()).isNull();
    result.resourceCountIs("AWS::Lambda::Function", 1);
    result.resourceCountIs("AWS::Lambda::Url", 0);
    result.resourceCountIs("AWS::SNS::Topic", 0);
    result.resourceCountIs("AWS::SecretsManager::Secret", 0);
  }

  @Test
  void constructor_shouldRefuseTheStatusFunctionAndABadWindow_whenTheLedgerIsOff() {
    // given
    Stack bad = new Stack(new App(), "Bad");
    WhatsAppOtpSenderProps props =
        props(bad)
            .withLedger(false)
            .withDeliveryStatus(true)
            .withFallbackWindow(Duration.days(2))
            .build();

    // when / then
    assertThatThrownBy(() -> new WhatsAppOtpSender(bad, "Sender", props))
        .isInstanceOf(DeploymentConfigurationException.class)
        .hasMessageContaining("deliveryStatus needs the ledger")
        .hasMessageContaining("fallbackWindow must be 1..3600 seconds, was 172800");
  }

  /** The Cloud API first, End User Messaging Social after it: a chain with a fallback. */
  private static WhatsAppOtpSenderProps.Builder props(Stack stack) {
    return WhatsAppOtpSenderProps.builder()
        .withUserPool(UserPool.Builder.create(stack, "Pool").build())
        .withPhoneNumberId(SenderFixtures.PHONE_NUMBER_ID)
        .withAccessTokenSecret(
            Secret.fromSecretCompleteArn(stack, "Token", SenderFixtures.TOKEN_SECRET_ARN))
        .withChannels(List.of(MessagingChannel.WHATSAPP, MessagingChannel.WHATSAPP_EUM))
        .withEumPhoneNumberId(WhatsAppOtpSenderChannelsTest.EUM_PHONE_NUMBER_ID)
        .withCode(SenderFixtures.code(stack));
  }

  /** An Allow statement whose items are only those whose partition key is like {@code keys}. */
  static Map<String, Object> keyed(String sid, Object action, Object resource, String keys) {
    return Map.of(
        "Sid",
        sid,
        "Effect",
        "Allow",
        "Action",
        action,
        "Resource",
        resource,
        "Condition",
        Map.of("ForAllValues:StringLike", Map.of("dynamodb:LeadingKeys", keys)));
  }

  @Test
  void decryptPolicy_shouldBeSharedWithTheSender_whenALaterChannelCanResendTheCode() {
    // then: one policy, both roles, the same encryption-context condition
    template.hasResourceProperties(
        "AWS::IAM::Policy",
        Map.of(
            "PolicyDocument",
            Map.of(
                "Statement", List.of(Match.objectLike(Map.of("Sid", "DecryptCodesOfThePoolOnly")))),
            "Roles",
            List.of(ref(sender.getRole()), ref(status.getRole()))));
  }

  @Test
  void function_shouldReserveConcurrency_soThePublicUrlCannotStarveTheSender() {
    // then: reserved concurrency is the function's ceiling ("the maximum number of concurrent
    // instances", https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html);
    // the sender reserves none by default
    template.hasResourceProperties(
        "AWS::Lambda::Function",
        Map.of(
            "Handler",
            SenderArtifact.STATUS_HANDLER,
            "ReservedConcurrentExecutions",
            WhatsAppOtpSenderProps.DEFAULT_STATUS_RESERVED_CONCURRENCY));
    template.hasResourceProperties(
        "AWS::Lambda::Function",
        Map.of("Handler", SenderArtifact.HANDLER, "ReservedConcurrentExecutions", Match.absent()));
  }

  @Test
  void constructor_shouldDeployNoStatusPath_whenTheChainHasOneChannel() {
    // given: the sender tracks a message only when a later channel is left, so with one channel
    // no status could start anything
    Stack single = new Stack(new App(), "Single");

    // when
    WhatsAppOtpSender plain =
        new WhatsAppOtpSender(
            single,
            "Sender",
            props(single)
                .withChannels(List.of(MessagingChannel.WHATSAPP))
                .withEumPhoneNumberId(null)
                .build());
    Template result = Template.fromStack(single);

    // then
    assertThat(plain.getDeliveryStatus()).isNull();
    result.resourceCountIs("AWS::Lambda::Url", 0);
    result.resourceCountIs("AWS::SNS::Topic", 0);
    result.resourceCountIs("AWS::SecretsManager::Secret", 1); // the counters' pseudonym key only
  }

  @Test
  void constructor_shouldGiveTheForcedStatusFunctionNoChannel_whenTheChainHasOneChannel() {
    // given
    Stack forced = new Stack(new App(), "Forced");

    // when
    WhatsAppOtpSender withStatus =
        new WhatsAppOtpSender(
            forced,
            "Sender",
            props(forced)
                .withChannels(List.of(MessagingChannel.WHATSAPP))
                .withEumPhoneNumberId(null)
                .withDeliveryStatus(true)
                .withEumWabaId("waba-0123456789abcdef0123456789abcdef")
                .build());
    Template result = Template.fromStack(forced);

    // then: deployed, but without the Graph token (it never sends through the first channel)
    assertThat(withStatus.getDeliveryStatus()).isNotNull();
    Map<String, Map<String, Object>> policies =
        result.findResources(
            "AWS::IAM::Policy",
            Map.of(
                "Properties",
                Map.of(
                    "PolicyDocument",
                    Map.of(
                        "Statement",
                        Match.arrayWith(
                            List.of(Match.objectLike(Map.of("Sid", "ReadAccessToken"))))))));
    assertThat(policies).hasSize(1); // the sender's only
    // nor the code: the decrypt policy names the sender's role alone
    result.hasResourceProperties(
        "AWS::IAM::Policy",
        Map.of(
            "PolicyDocument",
            Map.of(
                "Statement", List.of(Match.objectLike(Map.of("Sid", "DecryptCodesOfThePoolOnly")))),
            "Roles",
            List.of(
                Map.of(
                    "Ref",
                    forced.getLogicalId(
                        (CfnElement) withStatus.getRole().getNode().getDefaultChild())))));
    result.hasResourceProperties(
        "AWS::Lambda::Function",
        Map.of(
            "Handler",
            SenderArtifact.STATUS_HANDLER,
            "Environment",
            Map.of(
                "Variables",
                Match.objectLike(
                    Map.of(
                        "EUM_WHATSAPP_BUSINESS_ACCOUNT_ID",
                        "waba-0123456789abcdef0123456789abcdef")))));
  }

  static Map<String, Object> statement(String sid, Object action, Object resource) {
    return Map.of("Sid", sid, "Effect", "Allow", "Action", action, "Resource", resource);
  }

  private Map<String, Object> ref(IConstruct construct) {
    return Map.of("Ref", logicalId(construct));
  }

  private Map<String, Object> arn(IConstruct construct) {
    return Map.of("Fn::GetAtt", List.of(logicalId(construct), "Arn"));
  }

  private String logicalId(IConstruct construct) {
    IConstruct element =
        construct instanceof CfnElement ? construct : construct.getNode().getDefaultChild();
    return stack.getLogicalId((CfnElement) element);
  }
}
