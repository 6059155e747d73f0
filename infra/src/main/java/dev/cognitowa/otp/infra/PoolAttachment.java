package dev.cognitowa.otp.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.CustomResource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * {@code -c attach=true}: a custom resource that points an existing pool's custom SMS sender at the
 * sender's alias and key on {@code cdk deploy}, and takes it away on {@code cdk destroy}, running
 * the same code as {@code otp attach} (the attach module's jar). A plain Lambda-backed {@code
 * AWS::CloudFormation::CustomResource}: the function answers CloudFormation itself, so no provider
 * framework function is added.
 *
 * <p>Its role may do exactly what the README's "existing pool" operator may: read and update that
 * pool, describe the key, and {@code kms:CreateGrant} on the key for that pool's encryption context
 * only ("The IAM principal that creates or updates your user pool creates a one-time grant against
 * the KMS key that Amazon Cognito uses to encrypt the code. Grant this principal CreateGrant
 * permissions for your KMS key",
 * https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-custom-sender-triggers.html).
 */
final class PoolAttachment extends Construct {

  /**
   * DescribeUserPool, DescribeKey and UpdateUserPool take seconds; this leaves room for retries.
   */
  private static final Duration TIMEOUT = Duration.minutes(2);

  /** The SDK clients and the handler, with room to spare; the function runs twice per stack. */
  private static final int MEMORY_MB = 512;

  private final Role role;
  private final Function function;
  private final CustomResource resource;

  PoolAttachment(
      Construct scope,
      String id,
      String poolId,
      WhatsAppOtpSender sender,
      LambdaArchitecture architecture,
      Code code) {
    super(scope, id);
    Stack stack = Stack.of(this);
    String poolArn =
        stack.formatArn(
            ArnComponents.builder()
                .service("cognito-idp")
                .resource("userpool")
                .resourceName(poolId)
                .build());
    LogGroup logs =
        LogGroup.Builder.create(this, "Logs")
            .retention(RetentionDays.ONE_MONTH)
            .removalPolicy(RemovalPolicy.DESTROY)
            .build();
    this.role =
        Role.Builder.create(this, "Role")
            .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
            .description(
                "Attaches the WhatsApp OTP sender to the existing user pool, and detaches it")
            .build();
    role.addToPrincipalPolicy(SenderPolicies.logStatement(logs));
    statements(poolId, poolArn, sender.getKey().getKeyArn()).forEach(role::addToPrincipalPolicy);
    this.function =
        Function.Builder.create(this, "Function")
            .description(
                "otp attach as a custom resource: sets and removes the pool's custom SMS sender")
            .runtime(Runtime.JAVA_25)
            .architecture(architecture.cdk())
            .handler(AttachArtifact.HANDLER)
            .code(code != null ? code : AttachArtifact.code())
            .memorySize(MEMORY_MB)
            .timeout(TIMEOUT)
            .role(role)
            .logGroup(logs)
            .build();
    this.resource =
        CustomResource.Builder.create(this, "Resource")
            .serviceToken(function.getFunctionArn())
            .resourceType("Custom::OtpPoolAttachment")
            .properties(
                Map.of(
                    "PoolId", poolId,
                    "FunctionArn", sender.getAlias().getFunctionArn(),
                    "KeyArn", sender.getKey().getKeyArn()))
            .build();
    // Cognito's invoke permission and the key policy exist before the pool names them, and stay
    // until the pool no longer does (CloudFormation deletes in the reverse order).
    resource.getNode().addDependency(sender);
  }

  /** The role's statements beyond its logs, each named for the template tests and the README. */
  static List<PolicyStatement> statements(String poolId, String poolArn, String keyArn) {
    return List.of(
        PolicyStatement.Builder.create()
            .sid("ReadAndUpdateThePool")
            .actions(List.of("cognito-idp:DescribeUserPool", "cognito-idp:UpdateUserPool"))
            .resources(List.of(poolArn))
            .build(),
        PolicyStatement.Builder.create()
            .sid("DescribeTheSenderKey")
            .actions(List.of("kms:DescribeKey"))
            .resources(List.of(keyArn))
            .build(),
        PolicyStatement.Builder.create()
            .sid("LetCognitoGrantItselfTheKey")
            .actions(List.of("kms:CreateGrant"))
            .resources(List.of(keyArn))
            .conditions(Map.of("StringEquals", Map.of(SenderPolicies.USERPOOL_CONTEXT, poolId)))
            .build());
  }

  Role getRole() {
    return role;
  }

  Function getFunction() {
    return function;
  }

  CustomResource getResource() {
    return resource;
  }
}
