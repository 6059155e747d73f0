package dev.cognitowa.otp.infra;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.CreateAlarmOptions;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cognito.IUserPool;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Permission;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * Makes the WhatsApp OTP sender the custom SMS sender of a Cognito user pool: the KMS key Cognito encrypts codes
 * with, the function (SnapStart on a published version, invoked through an alias), its least-privilege role, an
 * encrypted queue for events that still fail after the asynchronous retries, and alarms.
 *
 * <p>Props are checked when the construct is created, every problem reported at once in one
 * {@link DeploymentConfigurationException}; including a pool of another stack.
 *
 * <p>A pool of the same stack is wired completely (its {@code LambdaConfig} is set here). A pool imported by id is
 * pinned everywhere (key policy, decrypt condition, invoke permission, {@code COGNITO_USER_POOL_ID}) but its
 * {@code LambdaConfig} lives outside this stack: the README shows the one command that sets it.
 */
public final class WhatsAppOtpSender extends Construct {

  /** The alias Cognito invokes; SnapStart snapshots exist only for published versions, never for $LATEST. */
  public static final String ALIAS_NAME = "live";

  static final String COGNITO = "cognito-idp.amazonaws.com";

  private final PoolBinding pool;
  private final Key key;
  private final LogGroup logGroup;
  private final Role role;
  private final Function function;
  private final Alias alias;
  private final Queue failureQueue;
  private final List<Alarm> alarms;

  public WhatsAppOtpSender(Construct scope, String id, WhatsAppOtpSenderProps props) {
    super(scope, id);
    Stack stack = Stack.of(this);
    this.pool = PoolBinding.of(props.getUserPool(), stack);
    // Checked before any child exists: CDK's own checks would stop at the first bad value, one at a time.
    List<String> problems = new ArrayList<>(new WhatsAppOtpSenderValidation(props).validate());
    if (pool.isOwned() && Stack.of(props.getUserPool()) != stack) {
      problems.add("userPool must be defined in the same stack as the sender: the pool references the sender's alias "
          + "and key, and the sender's policies reference the pool, so two stacks would depend on each other");
    }
    if (!problems.isEmpty()) {
      throw new DeploymentConfigurationException(problems);
    }

    this.key = Key.Builder.create(this, "CodeKey")
        .description("Encrypts the codes Cognito hands to the WhatsApp OTP sender")
        .enableKeyRotation(true)
        .removalPolicy(RemovalPolicy.DESTROY)
        .pendingWindow(Duration.days(30))
        .policy(SenderPolicies.keyPolicy(stack, pool))
        .build();
    this.logGroup = LogGroup.Builder.create(this, "Logs").retention(props.getLogRetention()).build();
    this.failureQueue = Queue.Builder.create(this, "FailedDeliveries")
        .encryption(QueueEncryption.SQS_MANAGED)
        .enforceSsl(true)
        .retentionPeriod(Duration.days(14))
        .build();
    NagSuppressions.suppress(failureQueue, "AwsSolutions-SQS3",
        "This queue is itself the on-failure destination (dead-letter) of the sender's asynchronous invocations.");

    this.role = Role.Builder.create(this, "Role")
        .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
        .description("WhatsApp OTP sender: write its logs, read its token, report failed deliveries")
        .build();
    SenderPolicies.functionStatements(logGroup, props.getAccessTokenSecret(), failureQueue)
        .forEach(role::addToPrincipalPolicy);
    // Its own policy, outside the role's default policy that the function depends on: the condition names the pool,
    // and the pool names the function's alias, so the default policy would close a cycle.
    Policy decrypt = Policy.Builder.create(this, "DecryptCodes")
        .statements(List.of(SenderPolicies.decryptStatement(key, pool)))
        .build();
    decrypt.attachToRole(role);

    this.function = Function.Builder.create(this, "Function")
        .description("Delivers Cognito one-time codes over WhatsApp")
        .runtime(Runtime.JAVA_25)
        .architecture(Architecture.ARM_64)
        .handler(SenderArtifact.HANDLER)
        .code(props.getCode() != null ? props.getCode() : SenderArtifact.code())
        .memorySize(props.getMemorySizeMb())
        .timeout(props.getTimeout())
        .role(role)
        .logGroup(logGroup)
        .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
        .tracing(props.isTracing() ? Tracing.ACTIVE : Tracing.DISABLED)
        .environment(environment(props))
        .build();
    Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
        "The alias below publishes the version that carries the SnapStart snapshot.");
    this.alias = Alias.Builder.create(this, "Alias")
        .aliasName(ALIAS_NAME)
        .version(function.getCurrentVersion())
        .retryAttempts(props.getRetryAttempts())
        .maxEventAge(props.getMaxEventAge())
        .onFailure(new FailureQueueDestination(failureQueue))
        .build();
    alias.addPermission("CognitoInvoke", Permission.builder()
        .principal(new ServicePrincipal(COGNITO))
        .action("lambda:InvokeFunction")
        .sourceArn(pool.arn())
        .sourceAccount(stack.getAccount())
        .build());
    wirePool();
    this.alarms = alarms(props);
    if (props.isTracing()) {
      NagSuppressions.suppress(role.getNode().findChild("DefaultPolicy"), "AwsSolutions-IAM5",
          "X-Ray's PutTraceSegments and PutTelemetryRecords support no resource-level permissions.",
          "Resource::*");
    }
  }

  private void wirePool() {
    if (pool.isOwned()) {
      CfnResource cfnPool = pool.cfnPool();
      cfnPool.addPropertyOverride("LambdaConfig.CustomSMSSender.LambdaArn", alias.getFunctionArn());
      cfnPool.addPropertyOverride("LambdaConfig.CustomSMSSender.LambdaVersion", "V1_0");
      cfnPool.addPropertyOverride("LambdaConfig.KMSKeyID", key.getKeyArn());
    } else {
      Annotations.of(this).addWarningV2("otp:poolNotWired", "The imported user pool's LambdaConfig is not managed "
          + "by this stack: set CustomSMSSender to the alias and KMSKeyID to the key (README, 'Existing user pool').");
    }
  }

  private Map<String, String> environment(WhatsAppOtpSenderProps props) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("WHATSAPP_PHONE_NUMBER_ID", props.getPhoneNumberId());
    env.put("WHATSAPP_ACCESS_TOKEN_SECRET_ID", SenderPolicies.secretId(props.getAccessTokenSecret()));
    env.put("WHATSAPP_API_VERSION", props.getApiVersion());
    env.put("WHATSAPP_TEMPLATE_NAME", props.getTemplateName());
    env.put("WHATSAPP_TEMPLATE_LANGUAGE", props.getTemplateLanguage());
    props.getTemplateNameOverrides().forEach((source, name) -> env.put("WHATSAPP_TEMPLATE_NAME_" + source, name));
    props.getTemplateLanguageOverrides()
        .forEach((source, language) -> env.put("WHATSAPP_TEMPLATE_LANGUAGE_" + source, language));
    env.put("KMS_KEY_ARN", key.getKeyArn());
    if (!pool.isOwned()) {
      // Known without a cycle only for an imported pool; an owned pool is pinned by the decrypt condition instead.
      env.put("COGNITO_USER_POOL_ID", pool.id());
    }
    env.put("JAVA_TOOL_OPTIONS", props.getJavaToolOptions());
    return env;
  }

  private List<Alarm> alarms(WhatsAppOtpSenderProps props) {
    MetricOptions fiveMinuteSum = MetricOptions.builder().period(Duration.minutes(5)).statistic("Sum").build();
    MetricOptions fiveMinuteMax = MetricOptions.builder().period(Duration.minutes(5)).statistic("Maximum").build();
    List<Alarm> result = List.of(
        alarm("ErrorsAlarm", function.metricErrors(fiveMinuteSum),
            "The WhatsApp OTP sender failed an invocation: users may not receive codes. See its logs."),
        alarm("ThrottlesAlarm", function.metricThrottles(fiveMinuteSum),
            "The WhatsApp OTP sender was throttled: codes are delayed. Check the account's Lambda concurrency."),
        alarm("FailedDeliveriesAlarm", failureQueue.metricApproximateNumberOfMessagesVisible(fiveMinuteMax),
            "Codes were not delivered after every retry: their events wait in the failed-deliveries queue."));
    if (props.getAlarmAction() != null) {
      result.forEach(alarm -> alarm.addAlarmAction(props.getAlarmAction()));
    }
    return result;
  }

  private Alarm alarm(String id, Metric metric, String description) {
    return metric.createAlarm(this, id, CreateAlarmOptions.builder()
        .alarmDescription(description)
        .threshold(1)
        .evaluationPeriods(1)
        .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
        .treatMissingData(TreatMissingData.NOT_BREACHING)
        .build());
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

  /** Errors, throttles and failed-deliveries depth, in that order. */
  public List<Alarm> getAlarms() {
    return alarms;
  }
}
