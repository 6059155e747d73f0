package dev.cognitowa.otp.infra;

import dev.cognitowa.otp.settings.Settings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Acknowledgment;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.FunctionUrl;
import software.amazon.awscdk.services.lambda.FunctionUrlAuthType;
import software.amazon.awscdk.services.lambda.FunctionUrlOptions;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.amazon.awscdk.services.sns.Subscription;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.LambdaSubscription;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The delivery-status function: the sender's jar with its status handler, told of each message's
 * fate by Meta's webhooks (a function URL) and by AWS End User Messaging Social's events (an SNS
 * topic it subscribes to), so that a late {@code failed} starts the chain's next channel. Sized,
 * logged, retried and traced like the sender; it reads the ledger and the app secret, and may send
 * through the chain's channels.
 */
public final class DeliveryStatusFunction extends Construct {

  /** The service principal End User Messaging Social publishes WhatsApp events with. */
  static final String SOCIAL_MESSAGING = "social-messaging.amazonaws.com";

  /** The JSON keys of the app-secret secret, as the status handler reads them. */
  static final String APP_SECRET_KEY = "appSecret";

  static final String VERIFY_TOKEN_KEY = "verifyToken";

  /** The status handler's variables naming whose SNS events it takes. */
  static final String STATUS_TOPIC_ARN = Settings.STATUS_TOPIC_ARN.name();

  static final String EUM_WABA_ID = Settings.EUM_BUSINESS_ACCOUNT_ID.name();

  /** What the created secret holds until the operator puts Meta's app secret in. */
  static final String APP_SECRET_PLACEHOLDER = "REPLACE_ME";

  /**
   * 32 letters and digits: 190 bits for a token Meta echoes once, with nothing to escape when it is
   * pasted into the App Dashboard.
   */
  private static final int VERIFY_TOKEN_LENGTH = 32;

  /**
   * A failed status event holds Meta's {@code recipient_id}, a whole phone number: it is kept no
   * longer than the ledger keeps the number for a late fallback (the window and the same 15
   * minutes), after which no fallback could use it anyway.
   */
  static final Duration FAILED_EVENT_MARGIN = Duration.minutes(15);

  private final ISecret appSecret;
  private final LogGroup logGroup;
  private final Role role;
  private final Function function;
  private final Alias alias;
  private final FunctionUrl functionUrl;
  private final Topic topic;
  private final Queue failureQueue;
  private final List<Alarm> alarms;

  DeliveryStatusFunction(
      Construct scope,
      String id,
      WhatsAppOtpSenderProps props,
      Code code,
      Map<String, String> senderEnvironment,
      ITable ledger,
      Policy decrypt) {
    super(scope, id);
    this.appSecret = props.getAppSecret() != null ? props.getAppSecret() : createAppSecret(props);
    this.logGroup =
        LogGroup.Builder.create(this, "Logs")
            .retention(props.getLogRetention())
            .removalPolicy(props.getRemovalPolicy())
            .build();
    this.failureQueue =
        Queue.Builder.create(this, "FailedStatusEvents")
            .encryption(QueueEncryption.SQS_MANAGED)
            .enforceSsl(true)
            .retentionPeriod(
                Duration.seconds(
                    props.getFallbackWindow().toSeconds().doubleValue()
                        + FAILED_EVENT_MARGIN.toSeconds().doubleValue()))
            .build();
    NagSuppressions.suppress(
        failureQueue,
        "AwsSolutions-SQS3",
        "This queue is itself the on-failure destination (dead-letter) of the status function's"
            + " asynchronous (SNS) invocations.");
    this.role =
        Role.Builder.create(this, "Role")
            .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
            .description(
                "WhatsApp OTP delivery status: write its logs, read the app secret and the ledger,"
                    + " fall back along the chain")
            .build();
    statements(props, ledger).forEach(role::addToPrincipalPolicy);
    if (!laterChannels(props).isEmpty()) {
      // it decrypts a kept code only to send it again; with no later channel it never does
      decrypt.attachToRole(role);
    }
    this.topic = createTopic();
    Map<String, String> environment = environment(props, senderEnvironment);
    LambdaEnvironment.requireWithinLimit("The delivery-status function", environment);
    this.function =
        Function.Builder.create(this, "Function")
            .description("Receives WhatsApp delivery statuses and falls back to the next channel")
            .runtime(Runtime.JAVA_25)
            .architecture(props.getArchitecture().cdk())
            .handler(SenderArtifact.STATUS_HANDLER)
            .code(code)
            .memorySize(props.getMemorySizeMb())
            .timeout(props.getTimeout())
            .role(role)
            .logGroup(logGroup)
            .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
            .tracing(props.isTracing() ? Tracing.ACTIVE : Tracing.DISABLED)
            .environment(environment)
            // its URL is public: a flood must not take the account's concurrency from the sender
            .reservedConcurrentExecutions(props.getStatusReservedConcurrency())
            .build();
    FunctionParts.acknowledgeSnapStartPublish(function);
    this.alias =
        Alias.Builder.create(this, "Alias")
            .aliasName(WhatsAppOtpSender.ALIAS_NAME)
            .version(function.getCurrentVersion())
            .retryAttempts(props.getRetryAttempts())
            .maxEventAge(props.getMaxEventAge())
            .onFailure(new FailureQueueDestination(failureQueue))
            .build();
    // NONE: Meta cannot SigV4-sign its webhook calls; the handler verifies every POST by its
    // X-Hub-Signature-256 (HMAC-SHA256 of the body with the app secret). CDK adds the two public
    // statements AWS requires, InvokeFunctionUrl (FunctionUrlAuthType NONE) and InvokeFunction
    // (InvokedViaFunctionUrl): "Starting in October 2025, new function URLs will require both
    // lambda:InvokeFunctionUrl and lambda:InvokeFunction permissions."
    // (https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html)
    this.functionUrl =
        alias.addFunctionUrl(
            FunctionUrlOptions.builder().authType(FunctionUrlAuthType.NONE).build());
    Subscription subscription = topic.addSubscription(new LambdaSubscription(alias));
    // The endpoint is the alias's qualified function ARN (CDK's LambdaSubscription accepts any
    // IFunction, an alias included, and grants sns.amazonaws.com InvokeFunction on it), so events
    // reach the SnapStart version; the template linter's rule W3694 expects an unqualified one.
    Validations.of(subscription)
        .acknowledge(
            Acknowledgment.builder()
                .id("CloudFormation-Validate::W3694")
                .reason(
                    "The endpoint is the status function's alias, a qualified function ARN that"
                        + " SNS invokes like any other.")
                .build());
    FunctionParts.suppressXRayWildcard(role, props.isTracing());
    if (laterChannels(props).contains(MessagingChannel.SNS)) {
      WhatsAppOtpSender.suppressSnsSmsWildcard(role);
    }
    this.alarms = SenderAlarms.createForStatus(this, function, failureQueue);
  }

  private ISecret createAppSecret(WhatsAppOtpSenderProps props) {
    Secret secret =
        Secret.Builder.create(this, "AppSecret")
            .description(
                "Meta app secret (signs the WhatsApp webhooks) and the webhook's verify token")
            .generateSecretString(
                SecretStringGenerator.builder()
                    .secretStringTemplate(
                        "{\"" + APP_SECRET_KEY + "\":\"" + APP_SECRET_PLACEHOLDER + "\"}")
                    .generateStringKey(VERIFY_TOKEN_KEY)
                    .excludePunctuation(true)
                    .passwordLength(VERIFY_TOKEN_LENGTH)
                    .build())
            .removalPolicy(props.getRemovalPolicy())
            .build();
    NagSuppressions.suppress(
        secret,
        "AwsSolutions-SMG4",
        "Meta issues and resets the app secret in its App Dashboard, which no rotation Lambda can"
            + " call; the operator puts each new value in (README, 'Delivery status').");
    return secret;
  }

  /**
   * The topic End User Messaging Social publishes the WABA's events to. Its access policy lets the
   * service publish: the event destination needs "An Amazon SNS topic has been created and
   * permissions have been added"; and only on behalf of this account and its End User Messaging
   * Social resources, with the conditions AWS's page shows "to avoid the confused deputy problem":
   * {@code aws:SourceAccount} = the account, {@code aws:SourceArn} like {@code
   * arn:${Partition}:social-messaging:${Region}:${Account}:*}
   * (https://docs.aws.amazon.com/social-messaging/latest/userguide/managing-event-destinations-add.html).
   */
  private Topic createTopic() {
    Stack stack = Stack.of(this);
    Topic events = Topic.Builder.create(this, "Events").enforceSsl(true).build();
    events.addToResourcePolicy(
        PolicyStatement.Builder.create()
            .sid("EndUserMessagingSocialPublishesEvents")
            .principals(List.of(new ServicePrincipal(SOCIAL_MESSAGING)))
            .actions(List.of("sns:Publish"))
            .resources(List.of(events.getTopicArn()))
            .conditions(
                Map.of(
                    "StringEquals",
                    Map.of("aws:SourceAccount", stack.getAccount()),
                    "ArnLike",
                    Map.of(
                        "aws:SourceArn",
                        "arn:"
                            + stack.getPartition()
                            + ":social-messaging:"
                            + stack.getRegion()
                            + ":"
                            + stack.getAccount()
                            + ":*")))
            .build());
    NagSuppressions.suppress(
        events,
        "AwsSolutions-SNS2",
        "Encryption at rest would need a customer KMS key whose policy lets social-messaging"
            + " generate data keys (the AWS managed SNS key admits no service principal); the"
            + " events are held only until the subscribed function takes them, in transit over"
            + " TLS only (SNS3).");
    return events;
  }

  private List<PolicyStatement> statements(WhatsAppOtpSenderProps props, ITable ledger) {
    List<PolicyStatement> statements = new ArrayList<>();
    statements.add(SenderPolicies.logStatement(logGroup));
    statements.add(
        PolicyStatement.Builder.create()
            .sid("ReadAppSecret")
            .actions(List.of("secretsmanager:GetSecretValue"))
            .resources(List.of(SenderPolicies.secretArnForPolicy(appSecret)))
            .build());
    // the status function only ever sends through a channel after the one that failed
    statements.addAll(
        ChannelPolicies.statements(
            Stack.of(this),
            laterChannels(props),
            props.getAccessTokenSecret(),
            props.getEumPhoneNumberId(),
            props.getSmsOriginationIdentity(),
            props.getSmsConfigurationSet()));
    statements.add(SenderPolicies.failureQueueStatement(failureQueue));
    statements.addAll(SenderPolicies.statusLedgerStatements(ledger));
    return statements;
  }

  /** The channels a fallback can use: every one after the first. */
  static List<MessagingChannel> laterChannels(WhatsAppOtpSenderProps props) {
    List<MessagingChannel> chain = props.getChannels();
    return chain.isEmpty() ? List.of() : chain.subList(1, chain.size());
  }

  private Map<String, String> environment(
      WhatsAppOtpSenderProps props, Map<String, String> senderEnvironment) {
    Map<String, String> env = new LinkedHashMap<>(senderEnvironment);
    env.put(Settings.APP_SECRET_SECRET_ID.name(), SenderPolicies.secretId(appSecret));
    env.put(
        Settings.FALLBACK_WINDOW_SECONDS.name(),
        String.valueOf((long) props.getFallbackWindow().toSeconds().doubleValue()));
    env.put(STATUS_TOPIC_ARN, topic.getTopicArn());
    if (props.getEumWabaId() != null) {
      env.put(EUM_WABA_ID, props.getEumWabaId());
    }
    return env;
  }

  /** The secret with the Meta app secret and the webhook's verify token. */
  public ISecret getAppSecret() {
    return appSecret;
  }

  public LogGroup getLogGroup() {
    return logGroup;
  }

  public Role getRole() {
    return role;
  }

  public Function getFunction() {
    return function;
  }

  /** The alias the function URL and the topic subscription invoke (SnapStart version). */
  public Alias getAlias() {
    return alias;
  }

  /** Meta's webhook callback URL (auth type NONE, every POST verified by its signature). */
  public FunctionUrl getFunctionUrl() {
    return functionUrl;
  }

  /**
   * The topic to set as the WhatsApp Business Account's event destination in End User Messaging.
   */
  public Topic getTopic() {
    return topic;
  }

  /** Errors, throttles and failed-events depth, in that order. */
  public List<Alarm> getAlarms() {
    return alarms;
  }

  /** Where SNS events that failed every asynchronous attempt land (SSE-SQS encrypted). */
  public Queue getFailureQueue() {
    return failureQueue;
  }
}
