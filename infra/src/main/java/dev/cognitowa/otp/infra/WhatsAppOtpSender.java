package dev.cognitowa.otp.infra;

import dev.cognitowa.otp.settings.Settings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.CfnDeletionPolicy;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cognito.IUserPool;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Permission;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * Makes the WhatsApp OTP sender the custom SMS sender of a Cognito user pool: the KMS key Cognito
 * encrypts codes with, the function (SnapStart on a published version, invoked through an alias),
 * its least-privilege role, an encrypted queue for events that still fail after the asynchronous
 * retries, alarms, and (unless turned off) the DynamoDB delivery ledger.
 *
 * <p>Props are checked when the construct is created, every problem reported at once in one {@link
 * DeploymentConfigurationException}; including a pool of another stack.
 *
 * <p>A pool of the same stack is wired completely (its {@code LambdaConfig} is set here). A pool
 * imported by id is pinned everywhere (key policy, decrypt condition, invoke permission, {@code
 * COGNITO_USER_POOL_ID}) but its {@code LambdaConfig} lives outside this stack: the README shows
 * the one command that sets it.
 */
public final class WhatsAppOtpSender extends Construct {

  /**
   * The alias Cognito invokes; SnapStart snapshots exist only for published versions, never for
   * $LATEST.
   */
  public static final String ALIAS_NAME = "live";

  /** KMS's longest waiting period: a key deleted by mistake can be recovered for a month. */
  private static final int KEY_DELETION_WAITING_DAYS = 30;

  static final String COGNITO = "cognito-idp.amazonaws.com";

  /**
   * A failed event is the whole Cognito event: the phone number, every user attribute and the
   * code's ciphertext. Kept a day, as long as the delivery ledger keeps its entries: long enough to
   * look at or redrive while a sign-up code is still valid, not SQS's default of four days.
   */
  static final Duration FAILED_EVENT_RETENTION = Duration.days(1);

  private final PoolBinding pool;
  private final Key key;
  private final LogGroup logGroup;
  private final Role role;
  private final Function function;
  private final Alias alias;
  private final Queue failureQueue;
  private final Table ledgerTable;
  private final Secret pseudonymKey;
  private final List<Alarm> alarms;
  private final DeliveryStatusFunction deliveryStatus;
  private final VerificationFunction verification;
  private final Dashboard dashboard;

  public WhatsAppOtpSender(Construct scope, String id, WhatsAppOtpSenderProps props) {
    super(scope, id);
    Stack stack = Stack.of(this);
    this.pool = PoolBinding.of(props.getUserPool(), stack);
    // Checked before any child exists: CDK's own checks would stop at the first bad value, one at a
    // time.
    List<String> problems = new ArrayList<>(new WhatsAppOtpSenderValidation(props).validate());
    if (pool.isOwned() && Stack.of(props.getUserPool()) != stack) {
      problems.add(
          "userPool must be defined in the same stack as the sender: the pool references the sender's alias "
              + "and key, and the sender's policies reference the pool, so two stacks would depend on each other");
    }
    if (!problems.isEmpty()) {
      throw new DeploymentConfigurationException(problems);
    }

    this.key =
        Key.Builder.create(this, "CodeKey")
            .description("Encrypts the codes Cognito hands to the WhatsApp OTP sender")
            .enableKeyRotation(true)
            .removalPolicy(props.getRemovalPolicy())
            .pendingWindow(Duration.days(KEY_DELETION_WAITING_DAYS))
            .policy(SenderPolicies.keyPolicy(pool))
            .build();
    this.logGroup =
        LogGroup.Builder.create(this, "Logs")
            .retention(props.getLogRetention())
            .removalPolicy(props.getRemovalPolicy())
            .build();
    this.failureQueue =
        Queue.Builder.create(this, "FailedDeliveries")
            .encryption(QueueEncryption.SQS_MANAGED)
            .enforceSsl(true)
            .retentionPeriod(FAILED_EVENT_RETENTION)
            .build();
    NagSuppressions.suppress(
        failureQueue,
        "AwsSolutions-SQS3",
        "This queue is itself the on-failure destination (dead-letter) of the sender's asynchronous invocations.");

    this.role =
        Role.Builder.create(this, "Role")
            .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
            .description(
                "WhatsApp OTP sender: write its logs, send through its channels, record and report"
                    + " deliveries")
            .build();
    role.addToPrincipalPolicy(SenderPolicies.logStatement(logGroup));
    ChannelPolicies.statements(
            stack,
            props.getChannels(),
            props.getAccessTokenSecret(),
            props.getEumPhoneNumberId(),
            props.getSmsOriginationIdentity(),
            props.getSmsConfigurationSet())
        .forEach(role::addToPrincipalPolicy);
    role.addToPrincipalPolicy(SenderPolicies.failureQueueStatement(failureQueue));
    this.ledgerTable = props.isLedger() ? LedgerTable.create(this, "Ledger") : null;
    this.pseudonymKey = ledgerTable != null ? PseudonymKey.create(this, "PseudonymKey") : null;
    if (ledgerTable != null) {
      SenderPolicies.senderLedgerStatements(ledgerTable, props.getChannels().size() > 1)
          .forEach(role::addToPrincipalPolicy);
      role.addToPrincipalPolicy(PseudonymKey.readStatement(pseudonymKey));
    }
    // Its own policy, outside the role's default policy that the function depends on: the condition
    // names the pool,
    // and the pool names the function's alias, so the default policy would close a cycle.
    Policy decrypt =
        Policy.Builder.create(this, "DecryptCodes")
            .statements(List.of(SenderPolicies.decryptStatement(key, pool)))
            .build();
    decrypt.attachToRole(role);

    Code code = props.getCode() != null ? props.getCode() : SenderArtifact.code();
    Map<String, String> environment = environment(props);
    LambdaEnvironment.requireWithinLimit("The sender", environment);
    this.function =
        Function.Builder.create(this, "Function")
            .description("Delivers Cognito one-time codes over WhatsApp")
            .runtime(Runtime.JAVA_25)
            .architecture(props.getArchitecture().cdk())
            .handler(SenderArtifact.HANDLER)
            .code(code)
            .memorySize(props.getMemorySizeMb())
            .timeout(props.getTimeout())
            .role(role)
            .logGroup(logGroup)
            .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
            .tracing(props.isTracing() ? Tracing.ACTIVE : Tracing.DISABLED)
            .environment(environment)
            .reservedConcurrentExecutions(props.getReservedConcurrency())
            .build();
    FunctionParts.acknowledgeSnapStartPublish(function);
    this.alias =
        Alias.Builder.create(this, "Alias")
            .aliasName(ALIAS_NAME)
            .version(function.getCurrentVersion())
            .retryAttempts(props.getRetryAttempts())
            .maxEventAge(props.getMaxEventAge())
            .onFailure(new FailureQueueDestination(failureQueue))
            .build();
    alias.addPermission(
        "CognitoInvoke",
        Permission.builder()
            .principal(new ServicePrincipal(COGNITO))
            .action("lambda:InvokeFunction")
            .sourceArn(pool.arn())
            .sourceAccount(stack.getAccount())
            .build());
    wirePool();
    warnOnSplitLifecycle(props.getRemovalPolicy());
    List<Alarm> all = new ArrayList<>(SenderAlarms.create(this, function, failureQueue));
    all.addAll(DeliveryAlarms.create(this));
    FunctionParts.suppressXRayWildcard(role, props.isTracing());
    if (props.getChannels().contains(MessagingChannel.SNS)) {
      suppressSnsSmsWildcard(role);
    }
    this.deliveryStatus =
        props.isDeliveryStatus()
            ? new DeliveryStatusFunction(
                this, "DeliveryStatus", props, code, environment, ledgerTable, decrypt)
            : null;
    if (deliveryStatus != null) {
      all.addAll(deliveryStatus.getAlarms());
      if (pseudonymKey != null) { // its fallbacks pass the same limits
        deliveryStatus.getRole().addToPrincipalPolicy(PseudonymKey.readStatement(pseudonymKey));
      }
    }
    this.verification =
        ledgerTable != null
            ? new VerificationFunction(
                this, "Verification", props, code, ledgerTable, pseudonymKey, pool)
            : null;
    if (verification != null) {
      all.addAll(FunnelMetrics.alarms(this));
    }
    this.alarms = List.copyOf(all);
    SenderAlarms.notify(alarms, props.getAlarmAction());
    this.dashboard = SenderDashboard.create(this, this);
  }

  /** The {@code sns} channel's publish to a phone number, which has no ARN. */
  static void suppressSnsSmsWildcard(Role role) {
    NagSuppressions.suppress(
        role.getNode().findChild("DefaultPolicy"),
        "AwsSolutions-IAM5",
        "sns:Publish to a phone number (the sns channel's SMS) names no resource: SNS's only"
            + " resource type is the topic, and a phone number has no ARN.",
        "Resource::*");
  }

  private void wirePool() {
    if (pool.isOwned()) {
      CfnResource cfnPool = pool.cfnPool();
      cfnPool.addPropertyOverride("LambdaConfig.CustomSMSSender.LambdaArn", alias.getFunctionArn());
      cfnPool.addPropertyOverride("LambdaConfig.CustomSMSSender.LambdaVersion", "V1_0");
      cfnPool.addPropertyOverride("LambdaConfig.KMSKeyID", key.getKeyArn());
    } else {
      Annotations.of(this)
          .addWarningV2(
              "otp:poolNotWired",
              "The imported user pool's LambdaConfig is not managed "
                  + "by this stack: set CustomSMSSender to the alias and KMSKeyID to the key (README, 'Existing user pool').");
    }
  }

  private Map<String, String> environment(WhatsAppOtpSenderProps props) {
    Map<String, String> env = new LinkedHashMap<>();
    putIfSet(env, Settings.PHONE_NUMBER_ID.name(), props.getPhoneNumberId());
    if (props.getAccessTokenSecret() != null) {
      env.put(
          Settings.ACCESS_TOKEN_SECRET_ID.name(),
          SenderPolicies.secretId(props.getAccessTokenSecret()));
    }
    env.put(Settings.API_VERSION.name(), props.getApiVersion());
    env.put(Settings.TEMPLATE_NAME_SETTING.name(), props.getTemplateName());
    env.put(Settings.TEMPLATE_LANGUAGE_SETTING.name(), props.getTemplateLanguage());
    env.put(Settings.CHANNELS.name(), ChannelSettingsValidation.names(props.getChannels()));
    putIfSet(env, Settings.EUM_PHONE_NUMBER_ID.name(), props.getEumPhoneNumberId());
    putIfSet(env, Settings.SMS_ORIGINATION_IDENTITY.name(), props.getSmsOriginationIdentity());
    putIfSet(env, Settings.SMS_CONFIGURATION_SET.name(), props.getSmsConfigurationSet());
    putIfSet(env, Settings.SMS_TEXT.name(), props.getSmsText());
    props.getSmsTextOverrides().forEach((source, text) -> env.put("SMS_TEXT_" + source, text));
    props
        .getTemplateNameOverrides()
        .forEach((source, name) -> env.put("WHATSAPP_TEMPLATE_NAME_" + source, name));
    props
        .getTemplateLanguageOverrides()
        .forEach((source, language) -> env.put("WHATSAPP_TEMPLATE_LANGUAGE_" + source, language));
    env.put(Settings.KMS_KEY_ARN.name(), key.getKeyArn());
    if (ledgerTable != null) {
      env.put(Settings.LEDGER_TABLE.name(), ledgerTable.getTableName());
      env.put(PseudonymKey.ENVIRONMENT_NAME, pseudonymKey.getSecretArn());
    }
    env.putAll(props.getSendLimits());
    env.putAll(props.getLanguageSettings());
    if (props.isDeliveryStatus()) {
      // the sender keeps what a late fallback needs until sentAt + window + a margin: it must
      // know the window the status function acts in, or a longer one finds its items expired
      env.put(
          Settings.FALLBACK_WINDOW_SECONDS.name(),
          String.valueOf((long) props.getFallbackWindow().toSeconds().doubleValue()));
    }
    if (!pool.isOwned()) {
      // Known without a cycle only for an imported pool; an owned pool is pinned by the decrypt
      // condition instead.
      env.put(Settings.USER_POOL_ID.name(), pool.id());
    }
    env.put("JAVA_TOOL_OPTIONS", props.getJavaToolOptions());
    return env;
  }

  private static void putIfSet(Map<String, String> env, String name, String value) {
    if (value != null) {
      env.put(name, value);
    }
  }

  /**
   * A pool kept by {@code cdk destroy} names the key in its {@code LambdaConfig}; with the key
   * pending deletion it could encrypt no code and accept no {@code update-user-pool} that keeps its
   * trigger.
   */
  private void warnOnSplitLifecycle(RemovalPolicy keyPolicy) {
    if (pool.isOwned()
        && (pool.deletionPolicy() == CfnDeletionPolicy.RETAIN
            || pool.deletionPolicy() == CfnDeletionPolicy.RETAIN_EXCEPT_ON_CREATE)
        && keyPolicy == RemovalPolicy.DESTROY) {
      Annotations.of(this)
          .addWarningV2(
              "otp:splitLifecycle",
              "The user pool is retained on delete but its "
                  + "custom-sender key is not: give withRemovalPolicy the pool's removal policy (README, 'Clean up').");
    }
  }

  /** The user pool this sender serves. */
  public IUserPool getUserPool() {
    return pool.userPool();
  }

  /** The symmetric key Cognito encrypts codes with (rotation on). */
  public Key getKey() {
    return key;
  }

  public Function getFunction() {
    return function;
  }

  /** The alias Cognito invokes, pointing at the SnapStart-published version. */
  public Alias getAlias() {
    return alias;
  }

  public Role getRole() {
    return role;
  }

  public LogGroup getLogGroup() {
    return logGroup;
  }

  /** Where events that failed every asynchronous attempt land (SSE-SQS encrypted). */
  public Queue getFailureQueue() {
    return failureQueue;
  }

  /** The limit counters' pseudonym key, or null without a ledger (no counters). */
  public Secret getPseudonymKey() {
    return pseudonymKey;
  }

  /** The delivery ledger table, or null when {@code withLedger(false)}. */
  public Table getLedgerTable() {
    return ledgerTable;
  }

  /** The delivery-status function, or null when {@code withDeliveryStatus(false)}. */
  /**
   * The Post confirmation / Post authentication function (the verification loop), or null without
   * the ledger.
   */
  public VerificationFunction getVerification() {
    return verification;
  }

  public DeliveryStatusFunction getDeliveryStatus() {
    return deliveryStatus;
  }

  /**
   * Every alarm, each notifying the alarm action: the sender's errors, throttles and
   * failed-deliveries depth; the failure rate, fallback rate, refusals and duplicates; then, with
   * the delivery-status function, its errors, throttles and failed-events depth.
   */
  public List<Alarm> getAlarms() {
    return alarms;
  }

  /** The CloudWatch dashboard with the key figures (outcomes, rates, latency, the functions). */
  public Dashboard getDashboard() {
    return dashboard;
  }
}
