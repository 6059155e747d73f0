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
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.constructs.IConstruct;

/** The construct wired to a pool of its own stack: one synth, shared by every test. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WhatsAppOtpSenderTest {

  private static final Map<String, Object> ACCOUNT = Map.of("Ref", "AWS::AccountId");
  private static final Map<String, Object> ACCOUNT_ROOT =
      join("arn:", Map.of("Ref", "AWS::Partition"), ":iam::", ACCOUNT, ":root");

  private Stack stack;
  private UserPool pool;
  private WhatsAppOtpSender sender;
  private Template template;

  @BeforeAll
  void synthesize() {
    stack = new Stack(new App(), "Owned");
    pool = UserPool.Builder.create(stack, "Pool").build();
    sender =
        new WhatsAppOtpSender(
            stack,
            "Sender",
            WhatsAppOtpSenderProps.builder()
                .withUserPool(pool)
                .withPhoneNumberId(SenderFixtures.PHONE_NUMBER_ID)
                .withAccessTokenSecret(
                    Secret.fromSecretCompleteArn(stack, "Token", SenderFixtures.TOKEN_SECRET_ARN))
                .withCode(SenderFixtures.code(stack))
                .withDeliveryStatus(true) // one channel: on only when asked for
                .build());
    template = Template.fromStack(stack);
  }

  @Test
  void key_shouldBeSymmetricWithRotation_whenCreated() {
    // then
    template.resourceCountIs("AWS::KMS::Key", 1);
    template.hasResourceProperties(
        "AWS::KMS::Key",
        Map.of(
            "EnableKeyRotation", true,
            "KeySpec", Match.absent(), // absent means SYMMETRIC_DEFAULT
            "KeyUsage", Match.absent())); // absent means ENCRYPT_DECRYPT
  }

  @Test
  void keyPolicy_shouldLetTheAccountAdministerTheKeyWithoutUsingIt_whenCreated() {
    // then
    template.hasResourceProperties(
        "AWS::KMS::Key",
        Map.of(
            "KeyPolicy",
            Map.of(
                "Statement",
                Match.arrayWith(
                    List.of(
                        Match.objectEquals(
                            Map.of(
                                "Sid", "AccountAdministersKey",
                                "Effect", "Allow",
                                "Principal", Map.of("AWS", ACCOUNT_ROOT),
                                "Action", SenderPolicies.ACCOUNT_KEY_ACTIONS,
                                "Resource", "*")))))));
    assertThat(SenderPolicies.ACCOUNT_KEY_ACTIONS)
        .doesNotContain(
            "kms:Decrypt",
            "kms:CreateGrant",
            "kms:Encrypt",
            "kms:GenerateDataKey",
            "kms:ReEncryptFrom",
            "kms:ReEncryptTo");
  }

  @Test
  void keyPolicy_shouldDelegateGrantAndDecryptOnlyForUserPoolsOfThisRegion_whenPoolIsInTheStack() {
    // then
    for (String[] sidAndAction :
        new String[][] {
          {"AccountMayLetCognitoGrantItselfThePool", "kms:CreateGrant"},
          {"AccountMayDelegateDecryptOfPoolCodes", "kms:Decrypt"}
        }) {
      template.hasResourceProperties(
          "AWS::KMS::Key",
          Map.of(
              "KeyPolicy",
              Map.of(
                  "Statement",
                  Match.arrayWith(
                      List.of(
                          Match.objectEquals(
                              Map.of(
                                  "Sid",
                                  sidAndAction[0],
                                  "Effect",
                                  "Allow",
                                  "Principal",
                                  Map.of("AWS", ACCOUNT_ROOT),
                                  "Action",
                                  sidAndAction[1],
                                  "Resource",
                                  "*",
                                  "Condition",
                                  Map.of(
                                      "StringLike",
                                      Map.of(
                                          "kms:EncryptionContext:userpool-id",
                                          join(Map.of("Ref", "AWS::Region"), "_*"))))))))));
    }
  }

  @Test
  void keyPolicy_shouldHaveExactlyThreeStatementsWithoutWildcardActions_whenCreated() {
    // given
    Capture statements = new Capture();

    // when
    template.hasResourceProperties(
        "AWS::KMS::Key", Map.of("KeyPolicy", Map.of("Statement", statements)));

    // then
    assertThat(statements.asArray()).hasSize(3);
    assertThat(actionsOf(statements.asArray()))
        .doesNotContain("*", "kms:*")
        .allMatch(a -> !a.contains("*"));
    assertThat(actionsOf(statements.asArray()).stream().filter(a -> !a.startsWith("kms:")))
        .isEmpty();
  }

  @Test
  void decryptPolicy_shouldRequireThePoolsEncryptionContext_whenPoolIsInTheStack() {
    // then
    template.hasResourceProperties(
        "AWS::IAM::Policy",
        Map.of(
            "PolicyDocument",
            Map.of(
                "Statement",
                List.of(
                    Match.objectEquals(
                        Map.of(
                            "Sid", "DecryptCodesOfThePoolOnly",
                            "Effect", "Allow",
                            "Action", "kms:Decrypt",
                            "Resource",
                                Map.of("Fn::GetAtt", List.of(logicalId(sender.getKey()), "Arn")),
                            "Condition",
                                Map.of(
                                    "StringEquals",
                                    Map.of(
                                        "kms:EncryptionContext:userpool-id",
                                        Map.of("Ref", logicalId(pool)))))))),
            // one channel: the status function has nothing to send a code through, so no decrypt
            "Roles",
            List.of(Map.of("Ref", logicalId(sender.getRole())))));
  }

  @Test
  void rolePolicy_shouldGrantLogsTokenQueueAndLedgerOnTheirExactResources_whenCreated() {
    // then
    template.hasResourceProperties(
        "AWS::IAM::Policy",
        Map.of(
            "PolicyDocument",
            Map.of(
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
                            Map.of("Fn::GetAtt", List.of(logicalId(sender.getLogGroup()), "Arn")))),
                    Match.objectEquals(
                        Map.of(
                            "Sid",
                            "ReadAccessToken",
                            "Effect",
                            "Allow",
                            "Action",
                            "secretsmanager:GetSecretValue",
                            "Resource",
                            SenderFixtures.TOKEN_SECRET_ARN)),
                    Match.objectEquals(
                        Map.of(
                            "Sid",
                            "ReportFailedDeliveries",
                            "Effect",
                            "Allow",
                            "Action",
                            "sqs:SendMessage",
                            "Resource",
                            Map.of(
                                "Fn::GetAtt",
                                List.of(logicalId(sender.getFailureQueue()), "Arn")))),
                    // an event's key: 43 base64url characters, no prefix (LeadingKeys,
                    // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/specifying-conditions.html)
                    Match.objectEquals(
                        DeliveryStatusFunctionTest.keyed(
                            "RecordDeliveries",
                            List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"),
                            Map.of(
                                "Fn::GetAtt", List.of(logicalId(sender.getLedgerTable()), "Arn")),
                            "?".repeat(43))),
                    Match.objectEquals(
                        DeliveryStatusFunctionTest.keyed(
                            "CountSends",
                            "dynamodb:UpdateItem",
                            Map.of(
                                "Fn::GetAtt", List.of(logicalId(sender.getLedgerTable()), "Arn")),
                            "limit#*")),
                    // the latest send per user, for the verification function to mark
                    Match.objectEquals(
                        DeliveryStatusFunctionTest.keyed(
                            "KeepLatestSendForVerification",
                            "dynamodb:UpdateItem",
                            Map.of(
                                "Fn::GetAtt", List.of(logicalId(sender.getLedgerTable()), "Arn")),
                            "verify#*")),
                    // the funnel per channel, country and quarter hour, read back by the breaker
                    Match.objectEquals(
                        DeliveryStatusFunctionTest.keyed(
                            "CountFunnelAndBreaker",
                            List.of("dynamodb:GetItem", "dynamodb:UpdateItem"),
                            Map.of(
                                "Fn::GetAtt", List.of(logicalId(sender.getLedgerTable()), "Arn")),
                            "conv#*")),
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
    // one channel: no message is tracked, so the sender may write no msg# item
  }

  @Test
  void pseudonymKey_shouldBeGeneratedPerDeploymentAndNamedToTheSender_whenTheLedgerIsOn() {
    // then: 64 letters and digits made by Secrets Manager at deploy, deleted with the table
    template.hasResource(
        "AWS::SecretsManager::Secret",
        Map.of(
            "DeletionPolicy",
            "Delete",
            "Properties",
            Match.objectLike(
                Map.of(
                    "GenerateSecretString",
                    Map.of(
                        "ExcludePunctuation",
                        true,
                        "IncludeSpace",
                        false,
                        "PasswordLength",
                        64)))));
    template.hasResourceProperties(
        "AWS::Lambda::Function",
        Map.of(
            "Handler",
            SenderArtifact.HANDLER,
            "Environment",
            Map.of(
                "Variables",
                Match.objectLike(
                    Map.of(
                        "OTP_PSEUDONYM_KEY_SECRET_ID",
                        Map.of("Ref", logicalId(sender.getPseudonymKey())))))));
  }

  @Test
  void role_shouldHaveNoManagedPoliciesAndOnlyItsTwoPolicies_whenCreated() {
    // then
    template.hasResourceProperties(
        "AWS::IAM::Role",
        Map.of(
            "AssumeRolePolicyDocument",
                Match.objectLike(
                    Map.of(
                        "Statement",
                        List.of(
                            Match.objectLike(
                                Map.of("Principal", Map.of("Service", "lambda.amazonaws.com")))))),
            "ManagedPolicyArns", Match.absent()));
    // the sender's default policy, the shared decrypt policy, the status function's default and
    // the verification function's default
    template.resourceCountIs("AWS::IAM::Policy", 4);
  }

  @Test
  void function_shouldRunJava25OnX86WithSnapStart_whenCreated() {
    // then: x86_64, the CPU of the Lambda jar's native P-384 verifier
    template.hasResourceProperties(
        "AWS::Lambda::Function",
        Map.of(
            "Runtime",
            "java25",
            "Architectures",
            List.of("x86_64"),
            "Handler",
            "dev.cognitowa.otp.sender.CustomSmsSenderHandler::handleRequest",
            "MemorySize",
            1024,
            "Timeout",
            10,
            "SnapStart",
            Map.of("ApplyOn", "PublishedVersions"),
            "TracingConfig",
            Match.absent(),
            "LoggingConfig",
            Map.of("LogGroup", Map.of("Ref", logicalId(sender.getLogGroup())))));
  }

  @Test
  void function_shouldNotDependOnTheDecryptPolicy_whenItNamesThePool() {
    // given
    Capture dependsOn = new Capture();

    // when
    template.hasResource("AWS::Lambda::Function", Map.of("DependsOn", dependsOn));

    // then
    assertThat(dependsOn.asArray())
        .isNotEmpty()
        .doesNotContain(logicalId(sender.getNode().findChild("DecryptCodes")));
  }

  @Test
  void environment_shouldConfigureTheSenderWithoutThePoolId_whenPoolIsInTheStack() {
    // then
    template.hasResourceProperties(
        "AWS::Lambda::Function",
        Map.of(
            "Environment",
            Map.of(
                "Variables",
                Map.of(
                    "WHATSAPP_PHONE_NUMBER_ID",
                    SenderFixtures.PHONE_NUMBER_ID,
                    "WHATSAPP_ACCESS_TOKEN_SECRET_ID",
                    SenderFixtures.TOKEN_SECRET_ARN,
                    "WHATSAPP_API_VERSION",
                    "v26.0",
                    "WHATSAPP_TEMPLATE_NAME",
                    "otp_code",
                    "WHATSAPP_TEMPLATE_LANGUAGE",
                    "en_US",
                    "KMS_KEY_ARN",
                    Map.of("Fn::GetAtt", List.of(logicalId(sender.getKey()), "Arn")),
                    "OTP_LEDGER_TABLE",
                    Map.of("Ref", logicalId(sender.getLedgerTable())),
                    "JAVA_TOOL_OPTIONS",
                    "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"
                        + " --enable-native-access=ALL-UNNAMED"))));
  }

  @Test
  void ledger_shouldKeyOnIdExpireOnExpiresAtAndBillOnDemand_whenOn() {
    // then
    template.resourceCountIs("AWS::DynamoDB::Table", 1);
    template.hasResource(
        "AWS::DynamoDB::Table",
        Map.of(
            "DeletionPolicy",
            "Delete",
            "Properties",
            Map.of(
                "KeySchema", List.of(Map.of("AttributeName", "id", "KeyType", "HASH")),
                "AttributeDefinitions",
                    List.of(Map.of("AttributeName", "id", "AttributeType", "S")),
                "TimeToLiveSpecification", Map.of("AttributeName", "expiresAt", "Enabled", true),
                "BillingMode", "PAY_PER_REQUEST",
                // off: a restore would hold pending fallbacks' numbers for 35 days (SECURITY.md)
                "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", false),
                // SSEEnabled false is DynamoDB's AWS owned key; true would be the AWS managed or a
                // customer key
                "SSESpecification", Map.of("SSEEnabled", false))));
  }

  @Test
  void keyAndLogs_shouldBeRetainedExceptOnAFailedCreate_whenTheRemovalPolicyIsTheDefault() {
    // then: "RetainExceptOnCreate behaves like Retain for stack operations, except for the stack
    // operation that initially created the resource"
    // (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-deletionpolicy.html)
    template.hasResource(
        "AWS::KMS::Key",
        Map.of(
            "DeletionPolicy",
            "RetainExceptOnCreate",
            "UpdateReplacePolicy",
            "Retain",
            "Properties",
            Match.objectLike(Map.of("PendingWindowInDays", 30))));
    template.hasResource("AWS::Logs::LogGroup", Map.of("DeletionPolicy", "RetainExceptOnCreate"));
  }

  @Test
  void constructor_shouldWarnOfTheSplitLifecycle_whenThePoolIsRetainedButTheKeyIsNot() {
    // given
    Stack split = new Stack(new App(), "Split");
    UserPool kept =
        UserPool.Builder.create(split, "Pool").removalPolicy(RemovalPolicy.RETAIN).build();

    // when
    new WhatsAppOtpSender(
        split,
        "Sender",
        WhatsAppOtpSenderProps.builder()
            .withUserPool(kept)
            .withPhoneNumberId(SenderFixtures.PHONE_NUMBER_ID)
            .withAccessTokenSecret(
                Secret.fromSecretCompleteArn(split, "Token", SenderFixtures.TOKEN_SECRET_ARN))
            .withCode(SenderFixtures.code(split))
            .withRemovalPolicy(RemovalPolicy.DESTROY)
            .build());

    // then
    Annotations.fromStack(split)
        .hasWarning(
            "/Split/Sender",
            Match.stringLikeRegexp(
                ".*user pool is retained on delete but its custom-sender key is not.*"));
    Template.fromStack(split).hasResource("AWS::KMS::Key", Map.of("DeletionPolicy", "Delete"));
  }

  @Test
  void userPool_shouldInvokeTheAliasAndEncryptWithTheKey_whenWired() {
    // then
    template.hasResourceProperties(
        "AWS::Cognito::UserPool",
        Map.of(
            "LambdaConfig",
            Map.of(
                "CustomSMSSender",
                    Map.of(
                        "LambdaArn",
                        Map.of("Ref", logicalId(sender.getAlias())),
                        "LambdaVersion",
                        "V1_0"),
                "KMSKeyID", Map.of("Fn::GetAtt", List.of(logicalId(sender.getKey()), "Arn")))));
  }

  @Test
  void alias_shouldPointAtThePublishedVersion_whenCreated() {
    // then
    assertThat(
            template.findResources(
                "AWS::Lambda::Version",
                Map.of(
                    "Properties",
                    Map.of("FunctionName", Map.of("Ref", logicalId(sender.getFunction()))))))
        .hasSize(1);
    template.hasResourceProperties(
        "AWS::Lambda::Alias",
        Map.of(
            "Name",
            "live",
            "FunctionVersion",
            Map.of(
                "Fn::GetAtt",
                List.of(
                    Match.stringLikeRegexp("SenderFunctionCurrentVersion[0-9A-Fa-f]+"),
                    "Version"))));
  }

  @Test
  void permission_shouldLetOnlyThisPoolInvokeTheAlias_whenWired() {
    // then
    assertThat(
            template.findResources(
                "AWS::Lambda::Permission",
                Map.of(
                    "Properties",
                    Map.of(
                        "Principal",
                        "cognito-idp.amazonaws.com",
                        "FunctionName",
                        Map.of("Ref", logicalId(sender.getAlias()))))))
        .hasSize(1);
    template.hasResourceProperties(
        "AWS::Lambda::Permission",
        Map.of(
            "Action",
            "lambda:InvokeFunction",
            "FunctionName",
            Map.of("Ref", logicalId(sender.getAlias())),
            "Principal",
            "cognito-idp.amazonaws.com",
            "SourceAccount",
            ACCOUNT,
            "SourceArn",
            Map.of("Fn::GetAtt", List.of(logicalId(pool), "Arn"))));
  }

  @Test
  void
      asyncInvocation_shouldRetryOnceWithinFiveMinutesThenUseTheQueue_whenInvokedThroughTheAlias() {
    // then
    assertThat(
            template.findResources(
                "AWS::Lambda::EventInvokeConfig",
                Map.of(
                    "Properties",
                    Map.of("FunctionName", Map.of("Ref", logicalId(sender.getFunction()))))))
        .hasSize(1);
    template.hasResourceProperties(
        "AWS::Lambda::EventInvokeConfig",
        Map.of(
            "MaximumRetryAttempts", 1,
            "MaximumEventAgeInSeconds", 300,
            "FunctionName", Map.of("Ref", logicalId(sender.getFunction())),
            "Qualifier",
                Map.of(
                    "Fn::Select",
                    List.of(
                        7,
                        Map.of(
                            "Fn::Split",
                            List.of(":", Map.of("Ref", logicalId(sender.getAlias())))))),
            "DestinationConfig",
                Map.of(
                    "OnFailure",
                    Map.of(
                        "Destination",
                        Map.of(
                            "Fn::GetAtt", List.of(logicalId(sender.getFailureQueue()), "Arn"))))));
  }

  @Test
  void failureQueue_shouldBeEncryptedRequireTlsAndKeepEventsADay_whenCreated() {
    // then: a failed event is the whole Cognito event (number, attributes): a day, not SQS's 4
    template.hasResourceProperties(
        "AWS::SQS::Queue", Map.of("SqsManagedSseEnabled", true, "MessageRetentionPeriod", 86_400));
    template.hasResourceProperties(
        "AWS::SQS::QueuePolicy",
        Map.of(
            "PolicyDocument",
            Map.of(
                "Statement",
                List.of(
                    Match.objectLike(
                        Map.of(
                            "Effect",
                            "Deny",
                            "Condition",
                            Map.of("Bool", Map.of("aws:SecureTransport", "false"))))))));
  }

  @Test
  void alarms_shouldWatchErrorsThrottlesAndFailedDeliveries_whenCreated() {
    // then
    // the sender's three, four on its outcomes (DeliveryAlarmsTest), three of the status function,
    // two of the verification loop (VerificationFunctionTest)
    template.resourceCountIs("AWS::CloudWatch::Alarm", 12);
    for (String metric : List.of("Errors", "Throttles")) {
      template.hasResourceProperties(
          "AWS::CloudWatch::Alarm",
          Map.of(
              "Namespace",
              "AWS/Lambda",
              "MetricName",
              metric,
              "Statistic",
              "Sum",
              "Threshold",
              1,
              "ComparisonOperator",
              "GreaterThanOrEqualToThreshold",
              "TreatMissingData",
              "notBreaching",
              "Dimensions",
              List.of(
                  Map.of(
                      "Name",
                      "FunctionName",
                      "Value",
                      Map.of("Ref", logicalId(sender.getFunction()))))));
    }
    template.hasResourceProperties(
        "AWS::CloudWatch::Alarm",
        Map.of(
            "Namespace",
            "AWS/SQS",
            "MetricName",
            "ApproximateNumberOfMessagesVisible",
            "Threshold",
            1,
            "Dimensions",
            List.of(
                Map.of(
                    "Name",
                    "QueueName",
                    "Value",
                    Map.of(
                        "Fn::GetAtt",
                        List.of(logicalId(sender.getFailureQueue()), "QueueName"))))));
  }

  @Test
  void logGroup_shouldKeepLogsOneMonth_whenDefaults() {
    // then
    template.hasResourceProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 30));
  }

  @Test
  void template_shouldHaveNoFixedNames_whenCreated() {
    // then
    for (String[] typeAndName :
        new String[][] {
          {"AWS::Lambda::Function", "FunctionName"},
          {"AWS::SQS::Queue", "QueueName"},
          {"AWS::Logs::LogGroup", "LogGroupName"},
          {"AWS::IAM::Role", "RoleName"},
          {"AWS::CloudWatch::Alarm", "AlarmName"},
          {"AWS::DynamoDB::Table", "TableName"}
        }) {
      assertThat(
              template.findResources(
                  typeAndName[0], Map.of("Properties", Map.of(typeAndName[1], Match.anyValue()))))
          .as(typeAndName[0])
          .isEmpty();
    }
  }

  @Test
  void template_shouldHaveNoCircularDependency_whenPoolAndSenderReferenceEachOther() {
    // then
    assertThat(new DependencyGraph(template.toJSON()).findCycle()).isEmpty();
  }

  @Test
  void dependencyGraph_shouldFindTheCycle_whenTheKeyPolicyNamesThePoolThatNamesTheKey() {
    // given: what an exact aws:SourceArn in the key policy of an owned pool would synthesize
    Map<String, Object> cyclic =
        Map.of(
            "Resources",
            Map.of(
                "Key",
                    Map.of(
                        "Properties",
                        Map.of(
                            "KeyPolicy",
                            Map.of("SourceArn", Map.of("Fn::GetAtt", List.of("Pool", "Arn"))))),
                "Pool",
                    Map.of(
                        "Properties",
                        Map.of("KMSKeyID", Map.of("Fn::GetAtt", List.of("Key", "Arn"))))));

    // when
    List<String> cycle = new DependencyGraph(cyclic).findCycle();

    // then
    assertThat(cycle).containsAnyOf("Key", "Pool").hasSize(3);
  }

  @Test
  void constructor_shouldReportEveryInvalidProp_whenSeveralAreWrong() {
    // given
    Stack bad = new Stack(new App(), "Bad");
    UserPool badPool = UserPool.Builder.create(bad, "Pool").build();
    WhatsAppOtpSenderProps props =
        WhatsAppOtpSenderProps.builder()
            .withUserPool(badPool)
            .withPhoneNumberId("+49 170")
            .withAccessTokenSecret(
                Secret.fromSecretCompleteArn(bad, "Token", SenderFixtures.TOKEN_SECRET_ARN))
            .withCode(SenderFixtures.code(bad))
            .withTemplate("OTP Code", "english")
            .withTemplateNameFor("LOGIN", "otp_code")
            .withMemorySizeMb(64)
            .withRetryAttempts(3)
            .withMaxEventAge(Duration.seconds(30))
            .withRemovalPolicy(RemovalPolicy.SNAPSHOT)
            .withSendLimit("OTP_LIMIT_PER_WEEK", "3")
            .withSendLimit("OTP_SMS_LIMIT_PER_NUMBER_DAY", "3")
            .withTemplateLanguages(List.of("pt_BR"))
            .withEumWabaId("102290129340398")
            .withStatusReservedConcurrency(0)
            .build();

    // when / then
    assertThatThrownBy(() -> new WhatsAppOtpSender(bad, "Sender", props))
        .isInstanceOf(DeploymentConfigurationException.class)
        .hasMessageContaining("phoneNumberId must be digits only, was '+49 170'")
        .hasMessageContaining(
            "templateName must be lowercase letters, digits and _, was 'OTP Code'")
        .hasMessageContaining("templateLanguage must be like en_US, was 'english'")
        .hasMessageContaining("unknown trigger source LOGIN")
        .hasMessageContaining("memorySizeMb must be 128..10240, was 64")
        .hasMessageContaining("retryAttempts must be 0..2, was 3")
        .hasMessageContaining("maxEventAge must be 60..21600 seconds, was 30")
        .hasMessageContaining("removalPolicy must be RETAIN_ON_UPDATE_OR_DELETE, RETAIN or DESTROY")
        .hasMessageContaining("OTP_LIMIT_PER_WEEK is not a limit setting")
        .hasMessageContaining("smsLimitPerNumberDay is set but channels lists neither sms nor sns")
        .hasMessageContaining("templateLanguages must include templateLanguage (english)")
        .hasMessageContaining("eumWabaId must be waba-... or its ARN")
        .hasMessageContaining("eumWabaId is for the delivery-status function, which is off")
        .hasMessageContaining(
            "statusReservedConcurrency must be at least 1 (0 would stop the function)");
  }

  @Test
  void environment_shouldCarryTheLanguageSettings_whenTheBuilderSetsThem() {
    // given
    Stack localized = new Stack(new App(), "Localized");
    new WhatsAppOtpSender(
        localized,
        "Sender",
        WhatsAppOtpSenderProps.builder()
            .withUserPool(UserPool.Builder.create(localized, "Pool").build())
            .withPhoneNumberId(SenderFixtures.PHONE_NUMBER_ID)
            .withAccessTokenSecret(
                Secret.fromSecretCompleteArn(localized, "Token", SenderFixtures.TOKEN_SECRET_ARN))
            .withCode(SenderFixtures.code(localized))
            .withTemplateLanguages(List.of("en_US", "pt_BR"))
            .withAppClients("{\"client1\":{\"WHATSAPP_TEMPLATE_NAME\":\"acme_otp\"}}")
            .withLocalizedSmsText("pt_BR", "{code} é o seu código")
            .build());

    // then
    Template.fromStack(localized)
        .hasResourceProperties(
            "AWS::Lambda::Function",
            Map.of(
                "Environment",
                Map.of(
                    "Variables",
                    Match.objectLike(
                        Map.of(
                            "WHATSAPP_TEMPLATE_LANGUAGES",
                            "en_US,pt_BR",
                            "OTP_APP_CLIENTS",
                            "{\"client1\":{\"WHATSAPP_TEMPLATE_NAME\":\"acme_otp\"}}",
                            "SMS_TEXT_pt_BR",
                            "{code} é o seu código")))));
  }

  @Test
  void constructor_shouldRefuseThePool_whenItLivesInAnotherStack() {
    // given
    App app = new App();
    UserPool elsewhere = UserPool.Builder.create(new Stack(app, "PoolStack"), "Pool").build();
    Stack senderStack = new Stack(app, "SenderStack");
    WhatsAppOtpSenderProps props =
        WhatsAppOtpSenderProps.builder()
            .withUserPool(elsewhere)
            .withPhoneNumberId(SenderFixtures.PHONE_NUMBER_ID)
            .withAccessTokenSecret(
                Secret.fromSecretCompleteArn(senderStack, "Token", SenderFixtures.TOKEN_SECRET_ARN))
            .withCode(SenderFixtures.code(senderStack))
            .build();

    // when / then
    assertThatThrownBy(() -> new WhatsAppOtpSender(senderStack, "Sender", props))
        .isInstanceOf(DeploymentConfigurationException.class)
        .hasMessageContaining("userPool must be defined in the same stack");
  }

  @Test
  void build_shouldNameTheMissingProp_whenRequiredPropIsAbsent() {
    // when / then
    assertThatThrownBy(() -> WhatsAppOtpSenderProps.builder().withPhoneNumberId("1").build())
        .isInstanceOf(NullPointerException.class)
        .hasMessage("userPool is required");
  }

  private String logicalId(IConstruct construct) {
    IConstruct element =
        construct instanceof CfnElement ? construct : construct.getNode().getDefaultChild();
    return stack.getLogicalId((CfnElement) element);
  }

  private static Map<String, Object> join(Object... parts) {
    return Map.of("Fn::Join", List.of("", List.of(parts)));
  }

  @SuppressWarnings("unchecked")
  private static List<String> actionsOf(List<Object> statements) {
    return statements.stream()
        .map(s -> ((Map<String, Object>) s).get("Action"))
        .flatMap(
            a ->
                a instanceof List
                    ? ((List<String>) a).stream()
                    : java.util.stream.Stream.of((String) a))
        .toList();
  }
}
