package dev.cognitowa.otp.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awscdk.App;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.sns.Topic;

/**
 * The construct serving a pool imported by id, with a secret known by name, tracing, per-source
 * templates, no ledger and a stack that deletes its key and logs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WhatsAppOtpSenderImportedPoolTest {

  private static final Map<String, Object> PARTITION = Map.of("Ref", "AWS::Partition");
  private static final Map<String, Object> REGION = Map.of("Ref", "AWS::Region");
  private static final Map<String, Object> ACCOUNT = Map.of("Ref", "AWS::AccountId");

  private Stack stack;
  private WhatsAppOtpSender sender;
  private Template template;

  @BeforeAll
  void synthesize() {
    stack = new Stack(new App(), "Imported");
    sender =
        new WhatsAppOtpSender(
            stack,
            "Sender",
            WhatsAppOtpSenderProps.builder()
                .withUserPool(
                    UserPool.fromUserPoolId(stack, "Pool", SenderFixtures.EXISTING_POOL_ID))
                .withPhoneNumberId(SenderFixtures.PHONE_NUMBER_ID)
                .withAccessTokenSecret(
                    Secret.fromSecretNameV2(stack, "Token", "whatsapp/access-token"))
                .withCode(SenderFixtures.code(stack))
                .withTemplate("login_code", "pt_BR")
                .withTemplateNameFor("ADMIN_CREATE_USER", "welcome_password")
                .withTemplateLanguageFor("ADMIN_CREATE_USER", "en_US")
                .withTracing(true)
                .withMemorySizeMb(1024)
                .withRetryAttempts(0)
                .withAlarmAction(new SnsAction(new Topic(stack, "Pager")))
                .withLedger(false)
                .withRemovalPolicy(RemovalPolicy.DESTROY)
                .build());
    template = Template.fromStack(stack);
  }

  @Test
  void keyPolicy_shouldDelegateGrantAndDecryptForTheExactPoolOnly_whenPoolIsImported() {
    // then
    for (String sid :
        List.of("AccountMayLetCognitoGrantItselfThePool", "AccountMayDelegateDecryptOfPoolCodes")) {
      template.hasResourceProperties(
          "AWS::KMS::Key",
          Map.of(
              "KeyPolicy",
              Map.of(
                  "Statement",
                  Match.arrayWith(
                      List.of(
                          Match.objectLike(
                              Map.of(
                                  "Sid",
                                  sid,
                                  "Condition",
                                  Map.of(
                                      "StringEquals",
                                      Map.of(
                                          "kms:EncryptionContext:userpool-id",
                                          SenderFixtures.EXISTING_POOL_ID)))))))));
    }
  }

  @Test
  void ledger_shouldBeAbsentEverywhere_whenTurnedOff() {
    // then
    assertThat(sender.getLedgerTable()).isNull();
    template.resourceCountIs("AWS::DynamoDB::Table", 0);
    template.hasResourceProperties(
        "AWS::Lambda::Function",
        Map.of(
            "Environment",
            Map.of("Variables", Match.objectLike(Map.of("OTP_LEDGER_TABLE", Match.absent())))));
    assertThat(
            template.findResources(
                "AWS::IAM::Policy",
                Map.of(
                    "Properties",
                    Map.of(
                        "PolicyDocument",
                        Map.of(
                            "Statement",
                            Match.arrayWith(
                                List.of(Match.objectLike(Map.of("Sid", "RecordDeliveries")))))))))
        .isEmpty();
  }

  @Test
  void keyAndLogs_shouldBeDeletedWithTheStack_whenTheRemovalPolicyIsDestroy() {
    // then
    template.hasResource(
        "AWS::KMS::Key",
        Map.of(
            "DeletionPolicy",
            "Delete",
            "Properties",
            Match.objectLike(Map.of("PendingWindowInDays", 30))));
    template.hasResource("AWS::Logs::LogGroup", Map.of("DeletionPolicy", "Delete"));
  }

  @Test
  void decryptPolicy_shouldRequireTheImportedPoolsId_whenPoolIsImported() {
    // then
    template.hasResourceProperties(
        "AWS::IAM::Policy",
        Map.of(
            "PolicyDocument",
            Map.of(
                "Statement",
                List.of(
                    Match.objectLike(
                        Map.of(
                            "Action",
                            "kms:Decrypt",
                            "Condition",
                            Map.of(
                                "StringEquals",
                                Map.of(
                                    "kms:EncryptionContext:userpool-id",
                                    SenderFixtures.EXISTING_POOL_ID))))))));
  }

  @Test
  void environment_shouldPinThePoolAndCarryPerSourceTemplates_whenConfigured() {
    // then
    template.hasResourceProperties(
        "AWS::Lambda::Function",
        Map.of(
            "MemorySize", 1024,
            "TracingConfig", Map.of("Mode", "Active"),
            "Environment",
                Map.of(
                    "Variables",
                    Match.objectLike(
                        Map.of(
                            "COGNITO_USER_POOL_ID", SenderFixtures.EXISTING_POOL_ID,
                            "WHATSAPP_ACCESS_TOKEN_SECRET_ID", "whatsapp/access-token",
                            "WHATSAPP_TEMPLATE_NAME", "login_code",
                            "WHATSAPP_TEMPLATE_LANGUAGE", "pt_BR",
                            "WHATSAPP_TEMPLATE_NAME_ADMIN_CREATE_USER", "welcome_password",
                            "WHATSAPP_TEMPLATE_LANGUAGE_ADMIN_CREATE_USER", "en_US")))));
  }

  @Test
  void rolePolicy_shouldMatchTheSecretsSixCharacterSuffixOnly_whenSecretIsKnownByName() {
    // then
    template.hasResourceProperties(
        "AWS::IAM::Policy",
        Map.of(
            "PolicyDocument",
            Map.of(
                "Statement",
                Match.arrayWith(
                    List.of(
                        Match.objectEquals(
                            Map.of(
                                "Sid",
                                "ReadAccessToken",
                                "Effect",
                                "Allow",
                                "Action",
                                "secretsmanager:GetSecretValue",
                                "Resource",
                                Map.of(
                                    "Fn::Join",
                                    List.of(
                                        "",
                                        List.of(
                                            "arn:",
                                            PARTITION,
                                            ":secretsmanager:",
                                            REGION,
                                            ":",
                                            ACCOUNT,
                                            ":secret:whatsapp/access-token-??????"))))))))));
  }

  @Test
  void rolePolicy_shouldAllowXRayWrites_whenTracingIsOn() {
    // then
    template.hasResourceProperties(
        "AWS::IAM::Policy",
        Map.of(
            "PolicyDocument",
            Map.of(
                "Statement",
                Match.arrayWith(
                    List.of(
                        Match.objectLike(
                            Map.of(
                                "Action",
                                List.of("xray:PutTraceSegments", "xray:PutTelemetryRecords"),
                                "Resource",
                                "*")))))));
  }

  @Test
  void userPool_shouldNotBeTouched_whenImported() {
    // then
    template.resourceCountIs("AWS::Cognito::UserPool", 0);
    template.hasResourceProperties(
        "AWS::Lambda::Permission",
        Map.of(
            "SourceArn",
            Map.of(
                "Fn::Join",
                List.of(
                    "",
                    List.of(
                        "arn:",
                        PARTITION,
                        ":cognito-idp:",
                        REGION,
                        ":",
                        ACCOUNT,
                        ":userpool/" + SenderFixtures.EXISTING_POOL_ID)))));
    Annotations.fromStack(stack)
        .hasWarning(
            "/Imported/Sender",
            Match.stringLikeRegexp(".*LambdaConfig is not managed by this stack.*"));
  }

  @Test
  void asyncInvocation_shouldNotRetry_whenRetryAttemptsIsZero() {
    // then
    template.hasResourceProperties(
        "AWS::Lambda::EventInvokeConfig", Map.of("MaximumRetryAttempts", 0));
  }

  @Test
  void alarms_shouldNotifyTheAction_whenOneIsGiven() {
    // then
    assertThat(
            template.findResources(
                "AWS::CloudWatch::Alarm",
                Map.of(
                    "Properties",
                    Map.of(
                        "AlarmActions",
                        List.of(Map.of("Ref", Match.stringLikeRegexp("Pager.*"))),
                        "OKActions",
                        List.of(Map.of("Ref", Match.stringLikeRegexp("Pager.*")))))))
        .hasSize(sender.getAlarms().size())
        .hasSize(template.findResources("AWS::CloudWatch::Alarm").size());
  }
}
