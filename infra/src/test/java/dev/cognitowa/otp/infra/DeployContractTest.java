package dev.cognitowa.otp.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cognitowa.otp.settings.Setting;
import dev.cognitowa.otp.settings.Settings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.constructs.IConstruct;

/**
 * The deploy contract: one test per AWS-documented requirement the stack must meet to be created
 * and to deliver a code, each naming the documentation sentence it rests on. Nobody deploys from
 * CI, so every promise is asserted on the template CloudFormation would receive, for the four
 * shapes a user deploys: a pool of the stack (defaults), an existing pool ({@code -c userPoolId}),
 * a disposable stack ({@code -c retain=false}) and a chain of every channel ({@code -c channels}).
 * And the stack's half of the sender's contract: every variable it sets is one the settings
 * registry defines.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeployContractTest {

  private static final Map<String, Object> REGION = Map.of("Ref", "AWS::Region");
  private static final Map<String, Object> ACCOUNT = Map.of("Ref", "AWS::AccountId");
  private static final Map<String, Object> ACCOUNT_ROOT =
      join("arn:", Map.of("Ref", "AWS::Partition"), ":iam::", ACCOUNT, ":root");
  private static final String USERPOOL_CONTEXT = "kms:EncryptionContext:userpool-id";

  private OtpStack ownedStack;
  private Template owned;
  private Template existing;
  private Template disposable;
  private OtpStack chainedStack;
  private Template chained;

  @BeforeAll
  void synthesize(@TempDir Path outdir) {
    App app =
        App.Builder.create()
            .outdir(outdir.toString())
            .context(CdkJson.context(CdkJson.DEFAULT))
            .build();
    ownedStack = stack(app, Map.of("stackName", "Owned"));
    OtpStack existingStack =
        stack(app, Map.of("stackName", "Existing", "userPoolId", SenderFixtures.EXISTING_POOL_ID));
    OtpStack disposableStack = stack(app, Map.of("stackName", "Disposable", "retain", "false"));
    chainedStack =
        stack(
            app,
            Map.of(
                "stackName",
                "Chained",
                "channels",
                "whatsapp,whatsapp-eum,sms,sns",
                "eumPhoneNumberId",
                WhatsAppOtpSenderChannelsTest.EUM_PHONE_NUMBER_ID,
                "smsOriginationIdentity",
                WhatsAppOtpSenderChannelsTest.SMS_POOL_ID,
                "smsConfigurationSet",
                WhatsAppOtpSenderChannelsTest.CONFIGURATION_SET,
                "smsText",
                "Your code: {code}",
                "smsText.FORGOT_PASSWORD",
                "Your reset code: {code}",
                "smsLimitPerNumberDay",
                "3",
                "allowedCountries",
                "DE,AT",
                "smsAllowedCountries",
                "DE"));
    owned = Template.fromStack(ownedStack);
    existing = Template.fromStack(existingStack);
    disposable = Template.fromStack(disposableStack);
    chained = Template.fromStack(chainedStack);
  }

  /**
   * "The IAM principal that creates or updates your user pool creates a one-time grant against the
   * KMS key that Amazon Cognito uses to encrypt the code. Grant this principal CreateGrant
   * permissions for your KMS key."
   * (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-custom-sender-triggers.html),
   * and "Unless the key policy explicitly allows it, you cannot use IAM policies to allow access to
   * a KMS key." (https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html).
   * CloudFormation's execution role creates the pool, so the key policy lets the account's IAM
   * policies allow CreateGrant, for Cognito's encryption context.
   */
  @Test
  void keyPolicy_shouldLetTheAccountDelegateCreateGrant_whenCloudFormationCreatesThePool() {
    // then: the pool's id is unknowable before the pool, which names the key, so: pools of this
    // region
    owned.hasResourceProperties(
        "AWS::KMS::Key",
        Map.of(
            "KeyPolicy",
            Map.of(
                "Statement",
                Match.arrayWith(
                    List.of(
                        Match.objectEquals(
                            Map.of(
                                "Sid", "AccountMayLetCognitoGrantItselfThePool",
                                "Effect", "Allow",
                                "Principal", Map.of("AWS", ACCOUNT_ROOT),
                                "Action", "kms:CreateGrant",
                                "Resource", "*",
                                "Condition",
                                    Map.of(
                                        "StringLike",
                                        Map.of(USERPOOL_CONTEXT, join(REGION, "_*"))))))))));
  }

  /**
   * The same grant requirement for an existing pool, made by the operator's update-user-pool: the
   * exact pool.
   */
  @Test
  void keyPolicy_shouldBindTheGrantToTheExactPool_whenAnOperatorUpdatesAnExistingPool() {
    // then: exactly the condition of the Cognito guide's example key policy
    existing.hasResourceProperties(
        "AWS::KMS::Key",
        Map.of(
            "KeyPolicy",
            Map.of(
                "Statement",
                Match.arrayWith(
                    List.of(
                        Match.objectLike(
                            Map.of(
                                "Principal", Map.of("AWS", ACCOUNT_ROOT),
                                "Action", "kms:CreateGrant",
                                "Condition",
                                    Map.of(
                                        "StringEquals",
                                        Map.of(
                                            USERPOOL_CONTEXT,
                                            SenderFixtures.EXISTING_POOL_ID)))))))));
  }

  /**
   * Cognito encrypts through the grant its caller created; the guide's example key policy names no
   * service principal, and a service-principal statement's conditions could not match: "the
   * aws:SourceAccount condition key is only available when the call to your resource is made
   * directly by an AWS service principal"
   * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html).
   */
  @Test
  void keyPolicy_shouldNameNoServicePrincipal_whenCognitoUsesTheGrantItsCallerCreated() {
    // then
    for (Template template : List.of(owned, existing, disposable)) {
      template.hasResourceProperties(
          "AWS::KMS::Key",
          Map.of(
              "KeyPolicy",
              Map.of(
                  "Statement",
                  Match.not(
                      Match.arrayWith(
                          List.of(
                              Match.objectLike(
                                  Map.of(
                                      "Principal",
                                      Match.objectLike(Map.of("Service", Match.anyValue()))))))))));
    }
  }

  /**
   * "Assign a Lambda execution role that has, at minimum, kms:Decrypt permissions for your KMS
   * key." (the custom sender guide), narrowed with the context key that "control[s] access to a
   * symmetric encryption KMS key based on the encryption context in a request"
   * (https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html).
   */
  @Test
  void decryptPolicy_shouldRequireTheExactPoolsEncryptionContext_whenTheFunctionDecrypts() {
    // then: the key policy delegates Decrypt for Cognito's context, the role's policy names the
    // exact pool
    owned.hasResourceProperties(
        "AWS::KMS::Key",
        Map.of(
            "KeyPolicy",
            Map.of(
                "Statement",
                Match.arrayWith(
                    List.of(
                        Match.objectLike(
                            Map.of(
                                "Principal",
                                Map.of("AWS", ACCOUNT_ROOT),
                                "Action",
                                "kms:Decrypt",
                                "Condition",
                                Map.of(
                                    "StringLike",
                                    Map.of(USERPOOL_CONTEXT, join(REGION, "_*"))))))))));
    owned.hasResourceProperties(
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
                            "Resource",
                            Map.of(
                                "Fn::GetAtt",
                                List.of(logicalId(ownedStack.getSender().getKey()), "Arn")),
                            "Condition",
                            Map.of(
                                "StringEquals",
                                Map.of(
                                    USERPOOL_CONTEXT,
                                    Map.of("Ref", logicalId(ownedStack.getUserPool()))))))))));
    existing.hasResourceProperties(
        "AWS::IAM::Policy",
        Map.of(
            "PolicyDocument",
            Map.of(
                "Statement",
                List.of(
                    Match.objectLike(
                        Map.of(
                            "Condition",
                            Map.of(
                                "StringEquals",
                                Map.of(USERPOOL_CONTEXT, SenderFixtures.EXISTING_POOL_ID))))))));
  }

  /**
   * "Custom sender triggers require LambdaConfig parameters of KMSKeyID and CustomSMSSender or
   * CustomEmailSender (or both)." (the custom sender guide). The trigger is the alias: "You can use
   * SnapStart only on published function versions and aliases that point to versions. You can't use
   * SnapStart on a function's unpublished version ($LATEST)."
   * (https://docs.aws.amazon.com/lambda/latest/dg/snapstart.html)
   */
  @Test
  void userPool_shouldInvokeTheAliasAndEncryptWithTheKey_whenTheCustomSenderIsActive() {
    // then
    owned.hasResourceProperties(
        "AWS::Cognito::UserPool",
        Map.of(
            "LambdaConfig",
            Map.of(
                "CustomSMSSender",
                    Map.of(
                        "LambdaVersion",
                        "V1_0",
                        "LambdaArn",
                        Map.of("Ref", logicalId(ownedStack.getSender().getAlias()))),
                "KMSKeyID",
                    Map.of(
                        "Fn::GetAtt",
                        List.of(logicalId(ownedStack.getSender().getKey()), "Arn")))));
  }

  /**
   * The SnapStart sentence above: snapshots are taken of a published version, which the alias
   * names.
   */
  @Test
  void function_shouldUseSnapStartOnAPublishedVersion_whenTheAliasPointsAtIt() {
    // given
    Capture version = new Capture();

    // when
    owned.hasResourceProperties(
        "AWS::Lambda::Function", Map.of("SnapStart", Map.of("ApplyOn", "PublishedVersions")));
    owned.hasResourceProperties(
        "AWS::Lambda::Alias",
        Map.of(
            "Name",
            WhatsAppOtpSender.ALIAS_NAME,
            "FunctionName",
            Map.of("Ref", logicalId(ownedStack.getSender().getFunction())),
            "FunctionVersion",
            Map.of("Fn::GetAtt", List.of(version, "Version"))));

    // then
    assertThat(
            owned.findResources(
                "AWS::Lambda::Version",
                Map.of(
                    "Properties",
                    Map.of(
                        "FunctionName",
                        Map.of("Ref", logicalId(ownedStack.getSender().getFunction()))))))
        .containsOnlyKeys(version.asString());
  }

  /**
   * "Grant Amazon Cognito service principal cognito-idp.amazonaws.com access to invoke the Lambda
   * function." (the custom sender guide); "Amazon Cognito can only invoke the function when it does
   * so on behalf of both the user pool in the aws:SourceArn condition and the account in the
   * aws:SourceAccount condition."
   * (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-working-with-lambda-triggers.html)
   */
  @Test
  void permission_shouldLetCognitoInvokeTheAliasForThisPoolOnly_whenTheTriggerIsTheAlias() {
    // then
    owned.hasResourceProperties(
        "AWS::Lambda::Permission",
        Map.of(
            "Action",
            "lambda:InvokeFunction",
            "Principal",
            "cognito-idp.amazonaws.com",
            "FunctionName",
            Map.of("Ref", logicalId(ownedStack.getSender().getAlias())),
            "SourceAccount",
            ACCOUNT,
            "SourceArn",
            Map.of("Fn::GetAtt", List.of(logicalId(ownedStack.getUserPool()), "Arn"))));
  }

  /**
   * "Except for Custom Sender Lambda triggers, Amazon Cognito invokes Lambda functions
   * synchronously." (the Lambda triggers page) and "The AWS::Lambda::EventInvokeConfig resource
   * configures options for asynchronous invocation on a version or an alias."
   * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-eventinvokeconfig.html):
   * the retry and event-age settings belong on the alias Cognito invokes, not on $LATEST.
   */
  @Test
  void asyncInvocation_shouldBeConfiguredOnTheAlias_whenCognitoInvokesAsynchronously() {
    // then: the qualifier is the alias name, the last field of the alias ARN
    owned.hasResourceProperties(
        "AWS::Lambda::EventInvokeConfig",
        Map.of(
            "FunctionName", Map.of("Ref", logicalId(ownedStack.getSender().getFunction())),
            "Qualifier",
                Map.of(
                    "Fn::Select",
                    List.of(
                        7,
                        Map.of(
                            "Fn::Split",
                            List.of(
                                ":",
                                Map.of("Ref", logicalId(ownedStack.getSender().getAlias())))))),
            "DestinationConfig", Match.objectLike(Map.of("OnFailure", Match.anyValue()))));
  }

  /**
   * With SMS MFA and phone verification on, Cognito needs an SMS configuration: "To send SMS
   * messages with Amazon SNS in the AWS Region that you want, the Amazon Cognito user pool uses an
   * AWS Identity and Access Management (IAM) role in your AWS account."
   * (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SmsConfigurationType.html).
   * With the custom sender the role never publishes; CDK's UserPool creates it whenever SMS MFA or
   * phone verification is on (aws-cdk-lib 2.263.0, UserPool#smsConfiguration), as AWS's own
   * custom-SMS-sender sample template does
   * (aws-samples/amazon-cognito-user-pool-development-and-testing-with-sms-redirected-to-email).
   */
  @Test
  void userPool_shouldCarryAnSmsRoleOnlyCognitoCanAssume_whenSmsMfaAndPhoneVerificationAreOn() {
    // given
    Capture role = new Capture();
    Capture externalId = new Capture();

    // when
    owned.hasResourceProperties(
        "AWS::Cognito::UserPool",
        Map.of(
            "EnabledMfas", List.of("SMS_MFA"),
            "AutoVerifiedAttributes", List.of("phone_number"),
            "SmsConfiguration",
                Map.of(
                    "SnsCallerArn",
                    Map.of("Fn::GetAtt", List.of(role, "Arn")),
                    "ExternalId",
                    externalId)));

    // then
    assertThat(
            owned.findResources(
                "AWS::IAM::Role",
                Map.of(
                    "Properties",
                    Map.of(
                        "AssumeRolePolicyDocument",
                        Match.objectLike(
                            Map.of(
                                "Statement",
                                List.of(
                                    Map.of(
                                        "Action",
                                        "sts:AssumeRole",
                                        "Effect",
                                        "Allow",
                                        "Principal",
                                        Map.of("Service", "cognito-idp.amazonaws.com"),
                                        "Condition",
                                        Map.of(
                                            "StringEquals",
                                            Map.of("sts:ExternalId", externalId.asString()))))))))))
        .containsOnlyKeys(role.asString());
  }

  /**
   * The lifecycle choice: the pool and what it names outlive {@code cdk destroy} together. "If you
   * delete a Lambda trigger, you must update the corresponding trigger in the user pool." (the
   * Lambda triggers page), and "Deleting an AWS KMS key is destructive and potentially dangerous."
   * (https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html): a kept pool with a
   * key pending deletion could encrypt no code, so the key stays with the pool.
   */
  @Test
  void lifecycle_shouldKeepThePoolItsKeyAndLogsTogether_whenRetained() {
    // then: kept, except after a failed first deploy ("RetainExceptOnCreate behaves like Retain
    // for stack operations, except for the stack operation that initially created the resource",
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-deletionpolicy.html)
    owned.hasResource(
        "AWS::Cognito::UserPool",
        Map.of(
            "DeletionPolicy",
            "RetainExceptOnCreate",
            "UpdateReplacePolicy",
            "Retain",
            "Properties",
            Match.objectLike(Map.of("DeletionProtection", "ACTIVE"))));
    owned.hasResource(
        "AWS::KMS::Key",
        Map.of("DeletionPolicy", "RetainExceptOnCreate", "UpdateReplacePolicy", "Retain"));
    owned.hasResource("AWS::Logs::LogGroup", Map.of("DeletionPolicy", "RetainExceptOnCreate"));
    existing.hasResource("AWS::KMS::Key", Map.of("DeletionPolicy", "RetainExceptOnCreate"));
  }

  /**
   * The pool names its SMS role in {@code SmsConfiguration} ("the Amazon Cognito user pool uses an
   * AWS Identity and Access Management (IAM) role in your AWS account",
   * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SmsConfigurationType.html):
   * a kept pool whose role was deleted fails every UpdateUserPool, the clean-up's own included. So
   * the role lives exactly as long as the pool, both ways.
   */
  @Test
  void lifecycle_shouldKeepThePoolsSmsRoleWithThePool_eitherWay() {
    // then
    owned.hasResource(
        "AWS::IAM::Role",
        Map.of(
            "DeletionPolicy",
            "RetainExceptOnCreate",
            "UpdateReplacePolicy",
            "Retain",
            "Properties",
            Match.objectLike(
                Map.of(
                    "AssumeRolePolicyDocument",
                    Match.objectLike(
                        Map.of(
                            "Statement",
                            List.of(
                                Match.objectLike(
                                    Map.of(
                                        "Principal",
                                        Map.of("Service", "cognito-idp.amazonaws.com"))))))))));
    disposable.hasResource(
        "AWS::IAM::Role",
        Map.of(
            "DeletionPolicy",
            "Delete",
            "Properties",
            Match.objectLike(
                Map.of(
                    "AssumeRolePolicyDocument",
                    Match.objectLike(
                        Map.of(
                            "Statement",
                            List.of(
                                Match.objectLike(
                                    Map.of(
                                        "Principal",
                                        Map.of("Service", "cognito-idp.amazonaws.com"))))))))));
  }

  /**
   * "The default plan selection for new user pools is Essentials", billed per monthly active user
   * (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-sign-in-feature-plans.html).
   * The stack's pool uses SRP sign-in, SMS-type MFA through the custom sender, the classic hosted
   * UI with a prefix domain, and optionally a WAF web ACL: none of them is among the features a
   * pool must turn off to leave Essentials or Plus (access token customization, threat protection,
   * log export, email MFA:
   * https://docs.aws.amazon.com/cognito/latest/developerguide/feature-plans-deactivate.html) or
   * among Essentials' additions (managed login, choice-based and passwordless sign-in:
   * https://docs.aws.amazon.com/cognito/latest/developerguide/feature-plans-features-essentials.html),
   * so the default is Lite, and {@code -c featurePlan} chooses another.
   */
  @Test
  void featurePlan_shouldBeLiteByDefaultAndTheContextsChoiceOtherwise() {
    // given
    Template plus =
        Template.fromStack(stack(new App(), Map.of("stackName", "Plus", "featurePlan", "plus")));

    // then
    owned.hasResourceProperties("AWS::Cognito::UserPool", Map.of("UserPoolTier", "LITE"));
    plus.hasResourceProperties("AWS::Cognito::UserPool", Map.of("UserPoolTier", "PLUS"));
  }

  /**
   * "The total size of all environment variables doesn't exceed 4 KB"
   * (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html): the synth refuses a
   * larger one in one line, rather than CloudFormation mid-deploy.
   */
  @Test
  void synth_shouldRefuseInOneLine_whenTheEnvironmentIsOverLambdasFourKilobytes() {
    // given: per app client templates that pass every other check but together exceed 4 KB
    StringBuilder clients = new StringBuilder("{");
    for (int i = 0; i < 60; i++) {
      clients
          .append(i == 0 ? "" : ",")
          .append(String.format(java.util.Locale.ROOT, "\"appclient%017d\":", i))
          .append(
              String.format(
                  java.util.Locale.ROOT, "{\"WHATSAPP_TEMPLATE_NAME\":\"acme_otp_code_%02d\"}", i));
    }
    clients.append('}');
    Map<String, Object> context = Map.of("stackName", "Large", "appClients", clients.toString());

    // when / then
    assertThatThrownBy(() -> stack(new App(), context))
        .isInstanceOfSatisfying(
            DeploymentConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .singleElement()
                    .asString()
                    .startsWith("The sender's environment is about ")
                    .contains("over Lambda's 4 KB limit"));
  }

  /**
   * CreateGrant keeps exactly AWS's documented condition, the encryption context of Cognito's
   * example key policy
   * (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-custom-sender-triggers.html),
   * and nothing of {@code kms:GrantOperations}, {@code kms:GranteePrincipal} or {@code
   * kms:ViaService}
   * (https://docs.aws.amazon.com/kms/latest/developerguide/grant-authorization.html): Cognito
   * documents neither the operations nor the grantee of the grant it creates, nor itself among the
   * services of {@code kms:ViaService}, so any of them could refuse its own grant.
   */
  @Test
  void keyPolicy_shouldConditionCreateGrantOnTheEncryptionContextOnly_asAwsShows() {
    // then
    for (Template template : List.of(owned, existing)) {
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
                                  "Action",
                                  "kms:CreateGrant",
                                  "Condition",
                                  Match.objectEquals(
                                      Map.of(
                                          template == owned ? "StringLike" : "StringEquals",
                                          Match.objectEquals(
                                              Map.of(
                                                  USERPOOL_CONTEXT,
                                                  template == owned
                                                      ? join(REGION, "_*")
                                                      : SenderFixtures.EXISTING_POOL_ID)))))))))));
    }
  }

  /**
   * The same choice the other way ({@code -c retain=false}): pool, key (30-day waiting period) and
   * logs all go.
   */
  @Test
  void lifecycle_shouldDeleteThePoolAndScheduleItsKeyForDeletion_whenNotRetained() {
    // then
    disposable.hasResource(
        "AWS::Cognito::UserPool",
        Map.of(
            "DeletionPolicy",
            "Delete",
            "Properties",
            Match.objectLike(Map.of("DeletionProtection", "INACTIVE"))));
    disposable.hasResource(
        "AWS::KMS::Key",
        Map.of(
            "DeletionPolicy",
            "Delete",
            "Properties",
            Match.objectLike(Map.of("PendingWindowInDays", 30))));
    disposable.hasResource("AWS::Logs::LogGroup", Map.of("DeletionPolicy", "Delete"));
  }

  private static OtpStack stack(App app, Map<String, Object> context) {
    Map<String, Object> values =
        new HashMap<>(
            Map.of(
                "phoneNumberId",
                SenderFixtures.PHONE_NUMBER_ID,
                "tokenSecretArn",
                SenderFixtures.TOKEN_SECRET_ARN));
    values.putAll(context);
    OtpStackConfig config = OtpStackConfig.fromContext(values::get);
    return new OtpStack(app, config.stackName(), StackProps.builder().build(), config, null);
  }

  private String logicalId(IConstruct construct) {
    IConstruct element =
        construct instanceof CfnElement ? construct : construct.getNode().getDefaultChild();
    return ownedStack.getLogicalId((CfnElement) element);
  }

  private static Map<String, Object> join(Object... parts) {
    return Map.of("Fn::Join", List.of("", List.of(parts)));
  }

  /**
   * The sender reads the names the settings registry defines (and docs/reference/environment.md
   * lists): so every variable the stack sets on either function, in every shape, is one of them.
   * The only exception is {@code JAVA_TOOL_OPTIONS}, which the JVM reads, not the sender (Lambda's
   * Java customization page, https://docs.aws.amazon.com/lambda/latest/dg/java-customization.html).
   */
  @Test
  void environment_shouldSetOnlyVariablesTheRegistryDocuments_whenAnyShapeIsDeployed() {
    // given: the settings registry, from which docs/reference/environment.md is generated
    List<Pattern> documented = registeredVariables();

    // when
    Set<String> set = new TreeSet<>();
    for (Template template : List.of(owned, existing, disposable, chained)) {
      set.addAll(environmentNames(template));
    }

    // then
    assertThat(documented).hasSizeGreaterThan(20);
    assertThat(set)
        .contains(
            "OTP_CHANNELS",
            "EUM_WHATSAPP_PHONE_NUMBER_ID",
            "SMS_ORIGINATION_IDENTITY",
            "SMS_CONFIGURATION_SET",
            "SMS_TEXT",
            "SMS_TEXT_FORGOT_PASSWORD",
            "WHATSAPP_APP_SECRET_SECRET_ID",
            "OTP_FALLBACK_WINDOW_SECONDS",
            "OTP_LEDGER_TABLE",
            "COGNITO_USER_POOL_ID",
            "OTP_SMS_LIMIT_PER_NUMBER_DAY",
            "OTP_ALLOWED_COUNTRIES");
    assertThat(set)
        .filteredOn(name -> !name.equals("JAVA_TOOL_OPTIONS"))
        .allSatisfy(
            name ->
                assertThat(documented)
                    .as(name + " is set by the stack but not in the settings registry")
                    .anyMatch(pattern -> pattern.matcher(name).matches()));
  }

  /**
   * Each registered variable as a pattern: {@code <SOURCE>} and {@code <lang>} stand for a family.
   */
  private static List<Pattern> registeredVariables() {
    List<Pattern> patterns = new ArrayList<>();
    for (Setting setting : Settings.all()) {
      for (String name : setting.name().split(", ", -1)) {
        patterns.add(
            Pattern.compile(
                Pattern.quote(name)
                    .replace("<SOURCE>", "\\E[A-Z_]+\\Q")
                    .replace("<lang>", "\\E[a-z]{2,3}(_[A-Za-z0-9]{2,4})?\\Q")));
      }
    }
    return patterns;
  }

  /**
   * "Starting in October 2025, new function URLs will require both lambda:InvokeFunctionUrl and
   * lambda:InvokeFunction permissions." and, with auth type NONE, "your function's resource-based
   * policy is always in effect and must grant public access before your function URL can receive
   * requests" (https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html). Meta cannot sign its
   * webhook calls with SigV4; the handler verifies each POST's X-Hub-Signature-256 instead.
   */
  @Test
  void functionUrl_shouldGrantPublicInvokeBothWays_whenMetaCallsTheWebhook() {
    // given: the status path exists only with a later channel (the default shape has none)
    DeliveryStatusFunction status = chainedStack.getSender().getDeliveryStatus();
    Map<String, Object> alias = Map.of("Ref", logicalId(chainedStack, status.getAlias()));
    assertThat(ownedStack.getSender().getDeliveryStatus()).isNull();
    owned.resourceCountIs("AWS::Lambda::Url", 0);

    // then
    chained.hasResourceProperties(
        "AWS::Lambda::Url", Map.of("AuthType", "NONE", "Qualifier", WhatsAppOtpSender.ALIAS_NAME));
    chained.hasResourceProperties(
        "AWS::Lambda::Permission",
        Map.of(
            "Action", "lambda:InvokeFunctionUrl",
            "Principal", "*",
            "FunctionUrlAuthType", "NONE",
            "FunctionName", alias));
    chained.hasResourceProperties(
        "AWS::Lambda::Permission",
        Map.of(
            "Action",
            "lambda:InvokeFunction",
            "Principal",
            "*",
            "InvokedViaFunctionUrl",
            true,
            "FunctionName",
            alias));
  }

  /**
   * An End User Messaging Social event destination needs "An Amazon SNS topic has been created and
   * permissions have been added", and "Amazon SNS FIFO topics are not supported"
   * (https://docs.aws.amazon.com/social-messaging/latest/userguide/managing-event-destinations-add.html).
   */
  @Test
  void topic_shouldBeStandardAndLetEndUserMessagingSocialPublish_whenItIsTheEventDestination() {
    // given
    DeliveryStatusFunction status = chainedStack.getSender().getDeliveryStatus();

    // then: with aws:SourceAccount and aws:SourceArn, which the same page's example uses "to avoid
    // the confused deputy problem"
    chained.hasResourceProperties("AWS::SNS::Topic", Map.of("FifoTopic", Match.absent()));
    chained.hasResourceProperties(
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
                                "Allow",
                                "Principal",
                                Map.of("Service", "social-messaging.amazonaws.com"),
                                "Action",
                                "sns:Publish",
                                "Resource",
                                Map.of("Ref", logicalId(chainedStack, status.getTopic())),
                                "Condition",
                                Map.of(
                                    "StringEquals",
                                    Map.of("aws:SourceAccount", ACCOUNT),
                                    "ArnLike",
                                    Map.of(
                                        "aws:SourceArn",
                                        join(
                                            "arn:",
                                            Map.of("Ref", "AWS::Partition"),
                                            ":social-messaging:",
                                            REGION,
                                            ":",
                                            ACCOUNT,
                                            ":*"))))))))));
  }

  /**
   * SendWhatsAppMessage: resource type {@code phone-number-id} required, {@code
   * arn:${Partition}:social-messaging:${Region}:${Account}:phone-number-id/${OriginationPhoneNumberId}}
   * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsendusermessagingsocial.html);
   * SendTextMessage: resource types PhoneNumber, Pool, SenderId, ConfigurationSet, {@code
   * arn:${Partition}:sms-voice:${Region}:${Account}:pool/${PoolId}} and {@code
   * .../configuration-set/${ConfigurationSetName}}
   * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsendusermessagingsmsandvoicev2.html).
   * Both functions of the chained shape get exactly those, and the default shape neither.
   */
  @Test
  void sendStatements_shouldNameTheDocumentedResourceArns_whenTheChainListsTheChannels() {
    // given
    Map<String, Object> partition = Map.of("Ref", "AWS::Partition");
    Object eum =
        join(
            "arn:",
            partition,
            ":social-messaging:",
            REGION,
            ":",
            ACCOUNT,
            ":phone-number-id/0123456789abcdef0123456789abcdef");
    Object pool =
        join(
            "arn:",
            partition,
            ":sms-voice:",
            REGION,
            ":",
            ACCOUNT,
            ":pool/" + WhatsAppOtpSenderChannelsTest.SMS_POOL_ID);
    Object set =
        join(
            "arn:",
            partition,
            ":sms-voice:",
            REGION,
            ":",
            ACCOUNT,
            ":configuration-set/" + WhatsAppOtpSenderChannelsTest.CONFIGURATION_SET);

    // when
    Map<String, Map<String, Object>> policies =
        chained.findResources(
            "AWS::IAM::Policy",
            Map.of(
                "Properties",
                Map.of(
                    "PolicyDocument",
                    Map.of(
                        "Statement",
                        Match.arrayWith(
                            List.of(
                                Match.objectLike(
                                    Map.of(
                                        "Action",
                                        "social-messaging:SendWhatsAppMessage",
                                        "Resource",
                                        eum)),
                                Match.objectLike(
                                    Map.of(
                                        "Action",
                                        "sms-voice:SendTextMessage",
                                        "Resource",
                                        // sorted, as cdk.json's @aws-cdk/aws-iam:minimizePolicies
                                        // writes them
                                        List.of(set, pool)))))))));

    // then
    assertThat(policies).hasSize(2);
    assertThat(
            owned.findResources(
                "AWS::IAM::Policy",
                Map.of(
                    "Properties",
                    Map.of(
                        "PolicyDocument",
                        Map.of(
                            "Statement",
                            Match.arrayWith(
                                List.of(
                                    Match.objectLike(
                                        Map.of(
                                            "Action",
                                            Match.stringLikeRegexp(
                                                "(social-messaging|sms-voice):.*"))))))))))
        .isEmpty();
  }

  @SuppressWarnings("unchecked")
  private static Set<String> environmentNames(Template template) {
    Set<String> names = new TreeSet<>();
    template
        .findResources("AWS::Lambda::Function")
        .values()
        .forEach(
            function -> {
              Map<String, Object> environment =
                  (Map<String, Object>)
                      ((Map<String, Object>) function.get("Properties")).get("Environment");
              names.addAll(((Map<String, Object>) environment.get("Variables")).keySet());
            });
    return names;
  }

  private static String logicalId(OtpStack stack, IConstruct construct) {
    IConstruct element =
        construct instanceof CfnElement ? construct : construct.getNode().getDefaultChild();
    return stack.getLogicalId((CfnElement) element);
  }
}
