package dev.cognitowa.otp.infra;

import dev.cognitowa.otp.settings.Settings;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.cognito.AccountRecovery;
import software.amazon.awscdk.services.cognito.AutoVerifiedAttrs;
import software.amazon.awscdk.services.cognito.IUserPool;
import software.amazon.awscdk.services.cognito.Mfa;
import software.amazon.awscdk.services.cognito.MfaSecondFactor;
import software.amazon.awscdk.services.cognito.PasswordPolicy;
import software.amazon.awscdk.services.cognito.SignInAliases;
import software.amazon.awscdk.services.cognito.StandardAttribute;
import software.amazon.awscdk.services.cognito.StandardAttributes;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.wafv2.CfnWebACL;
import software.constructs.Construct;

/**
 * The ready-to-deploy system: a user pool (phone-number sign-in, WhatsApp-delivered codes) with an
 * app client, or an existing pool by id, served by {@link WhatsAppOtpSender}. No physical names:
 * stacks differ by name only.
 *
 * <p>Phone first: the phone number is the only username and the only recovery channel, and no email
 * is verified or sent. Every message then goes through the sender; email would need Cognito's
 * default sender, of which AWS says "For typical production environments, the default email limit
 * is below the required delivery volume"
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-email.html), or an SES
 * identity of the operator's. One lifecycle ({@code -c retain}) covers the pool and everything it
 * names that must outlive the function: its key and the logs.
 */
public final class OtpStack extends Stack {

  /**
   * At least 12 characters of all four kinds: NIST-style length with the character classes Cognito
   * can enforce.
   */
  private static final int MIN_PASSWORD_LENGTH = 12;

  /**
   * Long enough to reach an invited user over a weekend, short enough that a leaked invitation
   * expires.
   */
  private static final int TEMPORARY_PASSWORD_DAYS = 3;

  private final IUserPool userPool;
  private final UserPoolClient client;
  private final WhatsAppOtpSender sender;
  private final Topic alarmTopic;
  private final CfnWebACL webAcl;
  private final PoolAttachment attachment;

  /**
   * @param code the function code, or null for the built sender jar ({@link SenderArtifact#code()})
   */
  public OtpStack(Construct scope, String id, StackProps props, OtpStackConfig config, Code code) {
    super(scope, id, props);
    if (config.userPoolId().isPresent()) {
      this.userPool = UserPool.fromUserPoolId(this, "UserPool", config.userPoolId().get());
      this.client = null;
    } else {
      UserPool pool = createUserPool(config);
      this.userPool = pool;
      this.client =
          AppClient.create(pool, config.domainPrefix().orElse(null), config.callbackUrls());
    }
    this.alarmTopic = AlarmTopic.create(this, "AlarmTopic", config.alarmEmail().orElse(null));
    this.sender = new WhatsAppOtpSender(this, "WhatsAppOtpSender", senderProps(config, code));
    this.attachment = attachment(config, code);
    this.webAcl =
        config
            .wafRateLimit()
            .map(limit -> UserPoolFirewall.create(this, "UserPoolWebAcl", userPool, limit))
            .orElse(null);
    outputs();
  }

  /**
   * {@code -c attach=true}: the existing pool is attached on deploy and detached on destroy. The
   * attach jar is used unless a test gave the sender's code, which then stands in for both.
   */
  private PoolAttachment attachment(OtpStackConfig config, Code code) {
    if (!OtpStackConfig.attach(key -> getNode().tryGetContext(key))
        || config.userPoolId().isEmpty()) {
      return null;
    }
    Annotations.of(sender)
        .acknowledgeWarning(
            "otp:poolNotWired", "-c attach=true: the PoolAttachment custom resource sets it");
    return new PoolAttachment(
        this, "PoolAttachment", config.userPoolId().get(), sender, config.architecture(), code);
  }

  private UserPool createUserPool(OtpStackConfig config) {
    UserPool pool =
        UserPool.Builder.create(this, "UserPool")
            .selfSignUpEnabled(config.selfSignUp())
            .signInAliases(SignInAliases.builder().phone(true).build())
            .autoVerify(AutoVerifiedAttrs.builder().phone(true).build())
            .standardAttributes(
                StandardAttributes.builder()
                    .phoneNumber(StandardAttribute.builder().required(true).mutable(true).build())
                    .build())
            .mfa(config.mfa() == OtpStackConfig.MfaMode.REQUIRED ? Mfa.REQUIRED : Mfa.OPTIONAL)
            .mfaSecondFactor(MfaSecondFactor.builder().sms(true).otp(false).build())
            .passwordPolicy(
                PasswordPolicy.builder()
                    .minLength(MIN_PASSWORD_LENGTH)
                    .requireLowercase(true)
                    .requireUppercase(true)
                    .requireDigits(true)
                    .requireSymbols(true)
                    .tempPasswordValidity(Duration.days(TEMPORARY_PASSWORD_DAYS))
                    .build())
            // "SMS doesn't qualify for a valid password recovery mechanism if the user also has SMS
            // multi-factor
            // authentication (MFA) activated" (AWS::Cognito::UserPool AccountRecoverySetting): one
            // phone is never both
            // the reset channel and the second factor; users with WhatsApp MFA are reset by an
            // administrator.
            .accountRecovery(AccountRecovery.PHONE_ONLY_WITHOUT_MFA)
            .featurePlan(config.featurePlan())
            .removalPolicy(removalPolicy(config))
            .deletionProtection(config.retain())
            .build();
    // The pool names this role in its SmsConfiguration: a kept pool whose role is gone fails every
    // UpdateUserPool ("the Amazon Cognito user pool uses an AWS Identity and Access Management
    // (IAM)
    // role in your AWS account" to send SMS,
    // https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SmsConfigurationType.html),
    // deletion protection included, so it lives exactly as long as the pool.
    ((Role) pool.getNode().findChild("smsRole")).applyRemovalPolicy(removalPolicy(config));
    NagSuppressions.suppress(
        pool.getNode().findChild("smsRole"),
        "AwsSolutions-IAM5",
        "Cognito requires an SMS configuration when SMS MFA or phone verification is on; SNS publishes to phone "
            + "numbers, which are not IAM resources. The custom sender delivers every message, so the role idles.",
        "Resource::*");
    NagSuppressions.suppress(
        pool,
        "AwsSolutions-COG3",
        "Threat protection (advanced security) needs the Plus feature plan (-c featurePlan=plus), a"
            + " billing choice left to the operator; the stack's defaults need only Lite.");
    if (config.mfa() == OtpStackConfig.MfaMode.OPTIONAL) {
      NagSuppressions.suppress(
          pool,
          "AwsSolutions-COG2",
          "MFA is optional by the operator's choice (-c mfa=OPTIONAL,"
              + " the default for self sign-up); -c mfa=REQUIRED makes WhatsApp codes a required second factor.");
    }
    return pool;
  }

  /**
   * {@code retain}: kept on delete and on replacement, but "RetainExceptOnCreate behaves like
   * Retain for stack operations, except for the stack operation that initially created the
   * resource. If the stack operation that created the resource is rolled back, CloudFormation
   * deletes the resource"
   * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-deletionpolicy.html):
   * a failed first deploy leaves no pool, key, role or log group behind.
   */
  static RemovalPolicy removalPolicy(OtpStackConfig config) {
    return config.retain() ? RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE : RemovalPolicy.DESTROY;
  }

  private WhatsAppOtpSenderProps senderProps(OtpStackConfig config, Code code) {
    ISecret secret =
        config.tokenSecretArn().isPresent()
            ? Secret.fromSecretCompleteArn(this, "AccessToken", config.tokenSecretArn().get())
            : config
                .tokenSecretName()
                .map(name -> Secret.fromSecretNameV2(this, "AccessToken", name))
                .orElse(null);
    WhatsAppOtpSenderProps.Builder builder =
        WhatsAppOtpSenderProps.builder()
            .withUserPool(userPool)
            .withPhoneNumberId(config.phoneNumberId().orElse(null))
            .withAccessTokenSecret(secret)
            .withChannels(config.channels())
            .withEumPhoneNumberId(config.eumPhoneNumberId().orElse(null))
            .withSmsOriginationIdentity(config.smsOriginationIdentity().orElse(null))
            .withSmsConfigurationSet(config.smsConfigurationSet().orElse(null))
            .withSmsText(config.smsText().orElse(null))
            .withDeliveryStatus(config.deliveryStatus())
            .withFallbackWindow(Duration.seconds(config.fallbackWindowSeconds()))
            .withCode(code)
            .withTracing(config.tracing())
            .withArchitecture(config.architecture())
            .withRemovalPolicy(removalPolicy(config))
            .withStatusReservedConcurrency(config.statusConcurrency().orElse(null))
            .withReservedConcurrency(config.senderConcurrency().orElse(null))
            .withEumWabaId(config.eumWabaId().orElse(null))
            .withLedger(config.ledger())
            .withAlarmAction(new SnsAction(alarmTopic));
    config.limitVariables().forEach(builder::withSendLimit);
    config.languageVariables().forEach(builder::withLanguageSetting);
    config.apiVersion().ifPresent(builder::withApiVersion);
    builder.withTemplate(
        config.templateName().orElse(Settings.TEMPLATE_NAME),
        config.templateLanguage().orElse(Settings.TEMPLATE_LANGUAGE));
    config.templateNameOverrides().forEach(builder::withTemplateNameFor);
    config.templateLanguageOverrides().forEach(builder::withTemplateLanguageFor);
    config.smsTextOverrides().forEach(builder::withSmsTextFor);
    config
        .appSecretArn()
        .ifPresent(
            arn -> builder.withAppSecret(Secret.fromSecretCompleteArn(this, "AppSecret", arn)));
    config
        .appSecretName()
        .ifPresent(name -> builder.withAppSecret(Secret.fromSecretNameV2(this, "AppSecret", name)));
    return builder.build();
  }

  private void outputs() {
    output(
        "UserPoolId", userPool.getUserPoolId(), "The user pool whose codes go out over WhatsApp");
    if (client != null) {
      output(
          "UserPoolClientId",
          client.getUserPoolClientId(),
          "App client for sign-up and sign-in (SRP)");
    }
    output(
        "FunctionName",
        sender.getFunction().getFunctionName(),
        "The sender function (logs: its log group)");
    output("FunctionAliasArn", sender.getAlias().getFunctionArn(), "What Cognito invokes");
    output("LogGroupName", sender.getLogGroup().getLogGroupName(), "Where the sender logs");
    output("KmsKeyArn", sender.getKey().getKeyArn(), "The pool's custom-sender key");
    output(
        "FailedDeliveriesQueueUrl",
        sender.getFailureQueue().getQueueUrl(),
        "Events that failed every retry (contain the encrypted code and the phone number)");
    if (sender.getLedgerTable() != null) {
      output(
          "LedgerTableName",
          sender.getLedgerTable().getTableName(),
          "The sender's delivery ledger (24 h)");
    }
    if (sender.getVerification() != null) {
      output(
          "VerificationAliasArn",
          sender.getVerification().getAlias().getFunctionArn(),
          "Post confirmation / Post authentication trigger (or what your own triggers invoke)");
    }
    output(
        "AlarmTopicArn",
        alarmTopic.getTopicArn(),
        "Every alarm notifies this topic (subscribe more endpoints to it)");
    output(
        "DashboardName",
        sender.getDashboard().getDashboardName(),
        "CloudWatch > Dashboards: the key figures and every alarm's state");
    DeliveryStatusFunction status = sender.getDeliveryStatus();
    if (status != null) {
      output(
          "DeliveryStatusWebhookUrl",
          status.getFunctionUrl().getUrl(),
          "Meta App Dashboard > WhatsApp > Configuration: the webhook's callback URL");
      output(
          "AppSecretName",
          status.getAppSecret().getSecretName(),
          "Secret with the Meta app secret (put it in) and the webhook's verify token");
      output(
          "DeliveryStatusTopicArn",
          status.getTopic().getTopicArn(),
          "End User Messaging Social: the WhatsApp Business Account's event destination");
    }
  }

  private void output(String id, String value, String description) {
    CfnOutput.Builder.create(this, id).value(value).description(description).build();
  }

  public IUserPool getUserPool() {
    return userPool;
  }

  /** The app client, or null when serving an existing pool. */
  public UserPoolClient getClient() {
    return client;
  }

  public WhatsAppOtpSender getSender() {
    return sender;
  }

  /** The SNS topic every alarm notifies (e-mail subscribed with {@code -c alarmEmail}). */
  public Topic getAlarmTopic() {
    return alarmTopic;
  }

  /**
   * The custom resource that attaches the existing pool, or null without {@code -c attach=true}.
   */
  PoolAttachment getAttachment() {
    return attachment;
  }

  /** The user pool's web ACL, or null without {@code -c wafRateLimit}. */
  public CfnWebACL getWebAcl() {
    return webAcl;
  }
}
