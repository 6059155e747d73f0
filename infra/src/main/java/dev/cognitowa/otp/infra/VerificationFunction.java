package dev.cognitowa.otp.infra;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Permission;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.constructs.Construct;

/**
 * The verification function: the sender's jar with its Post confirmation / Post authentication
 * handler, which marks the latest send of a user verified when Cognito confirms a sign-up or a
 * password reset, or completes a sign-in
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-post-confirmation.html,
 * https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-post-authentication.html).
 * Cognito invokes it synchronously: SnapStart on a published alias keeps a cold start short, and
 * the handler bounds its own work to a second. It may only update the ledger's {@code verify#} and
 * {@code conv#} items and read the pseudonym key.
 */
public final class VerificationFunction extends Construct {

  /**
   * Cognito waits 5 seconds for a trigger and retries a timed-out one; the handler ends its work
   * after one, so this is only the runtime's backstop
   * (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-working-with-lambda-triggers.html).
   */
  static final Duration TIMEOUT = Duration.seconds(5);

  private final LogGroup logGroup;
  private final Role role;
  private final Function function;
  private final Alias alias;

  VerificationFunction(
      Construct scope,
      String id,
      WhatsAppOtpSenderProps props,
      Code code,
      ITable ledger,
      Secret pseudonymKey,
      PoolBinding pool) {
    super(scope, id);
    Stack stack = Stack.of(this);
    this.logGroup =
        LogGroup.Builder.create(this, "Logs")
            .retention(props.getLogRetention())
            .removalPolicy(props.getRemovalPolicy())
            .build();
    this.role =
        Role.Builder.create(this, "Role")
            .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
            .description(
                "WhatsApp OTP verification: write its logs, mark sends verified in the ledger")
            .build();
    role.addToPrincipalPolicy(SenderPolicies.logStatement(logGroup));
    SenderPolicies.verificationLedgerStatements(ledger).forEach(role::addToPrincipalPolicy);
    role.addToPrincipalPolicy(PseudonymKey.readStatement(pseudonymKey));
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("OTP_LEDGER_TABLE", ledger.getTableName());
    environment.put(PseudonymKey.ENVIRONMENT_NAME, pseudonymKey.getSecretArn());
    if (!pool.isOwned()) {
      environment.put("COGNITO_USER_POOL_ID", pool.id());
    }
    environment.put("JAVA_TOOL_OPTIONS", props.getJavaToolOptions());
    this.function =
        Function.Builder.create(this, "Function")
            .description("Marks WhatsApp/SMS codes verified on Cognito's post triggers")
            .runtime(Runtime.JAVA_25)
            .architecture(props.getArchitecture().cdk())
            .handler(SenderArtifact.VERIFICATION_HANDLER)
            .code(code)
            .memorySize(props.getMemorySizeMb())
            .timeout(TIMEOUT)
            .role(role)
            .logGroup(logGroup)
            .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
            .tracing(props.isTracing() ? Tracing.ACTIVE : Tracing.DISABLED)
            .environment(environment)
            .build();
    FunctionParts.acknowledgeSnapStartPublish(function);
    this.alias =
        Alias.Builder.create(this, "Alias")
            .aliasName(WhatsAppOtpSender.ALIAS_NAME)
            .version(function.getCurrentVersion())
            .build();
    alias.addPermission(
        "CognitoInvoke",
        Permission.builder()
            .principal(new ServicePrincipal(WhatsAppOtpSender.COGNITO))
            .action("lambda:InvokeFunction")
            .sourceArn(pool.arn())
            .sourceAccount(stack.getAccount())
            .build());
    FunctionParts.suppressXRayWildcard(role, props.isTracing());
    if (pool.isOwned()) {
      CfnResource cfnPool = pool.cfnPool();
      cfnPool.addPropertyOverride("LambdaConfig.PostConfirmation", alias.getFunctionArn());
      cfnPool.addPropertyOverride("LambdaConfig.PostAuthentication", alias.getFunctionArn());
    } else {
      Annotations.of(this)
          .addWarningV2(
              "otp:verificationNotWired",
              "The imported user pool's Post confirmation and Post authentication triggers are"
                  + " not managed by this stack: set both to the verification alias, or call it"
                  + " from your own trigger functions (README, 'Verification loop').");
    }
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
}
