package dev.cognitowa.otp.infra;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.AccountRootPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.sqs.IQueue;

/** Every permission the sender needs, each one statement with the narrowest resource and condition that works. */
final class SenderPolicies {

  /**
   * What the account (through IAM policies and CloudFormation) may do with the key: manage it, and decrypt, so that
   * identity policies such as the function's conditional one take effect. No {@code kms:*}: no other data-plane use.
   */
  static final List<String> ACCOUNT_KEY_ACTIONS = List.of(
      "kms:DescribeKey", "kms:GetKeyPolicy", "kms:PutKeyPolicy", "kms:GetKeyRotationStatus",
      "kms:EnableKeyRotation", "kms:DisableKeyRotation", "kms:EnableKey", "kms:DisableKey",
      "kms:UpdateKeyDescription", "kms:ListResourceTags", "kms:TagResource", "kms:UntagResource",
      "kms:ListGrants", "kms:RevokeGrant", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion",
      "kms:Decrypt");

  private SenderPolicies() {}

  static PolicyDocument keyPolicy(Stack stack, PoolBinding pool) {
    PolicyStatement account = PolicyStatement.Builder.create()
        .sid("AccountManagesKeyAndDelegatesToIam")
        .effect(Effect.ALLOW)
        .principals(List.of(new AccountRootPrincipal()))
        .actions(ACCOUNT_KEY_ACTIONS)
        .resources(List.of("*"))
        .build();
    PolicyStatement cognito = PolicyStatement.Builder.create()
        .sid("CognitoEncryptsCodesForThePool")
        .effect(Effect.ALLOW)
        .principals(List.of(new ServicePrincipal(WhatsAppOtpSender.COGNITO)))
        .actions(List.of("kms:CreateGrant", "kms:Encrypt"))
        .resources(List.of("*"))
        .conditions(new TreeMap<>(Map.of(
            "StringEquals", Map.of("aws:SourceAccount", stack.getAccount()),
            "ArnLike", Map.of("aws:SourceArn", pool.encryptSourceArn()))))
        .build();
    return PolicyDocument.Builder.create().statements(List.of(account, cognito)).build();
  }

  /** The function may decrypt only what Cognito encrypted for this pool (Cognito's encryption context). */
  static PolicyStatement decryptStatement(IKey key, PoolBinding pool) {
    return PolicyStatement.Builder.create()
        .sid("DecryptCodesOfThePoolOnly")
        .actions(List.of("kms:Decrypt"))
        .resources(List.of(key.getKeyArn()))
        .conditions(Map.of("StringEquals", Map.of("kms:EncryptionContext:userpool-id", pool.id())))
        .build();
  }

  static List<PolicyStatement> functionStatements(ILogGroup logGroup, ISecret secret, IQueue failureQueue) {
    return List.of(
        PolicyStatement.Builder.create()
            .sid("WriteOwnLogs")
            .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents"))
            .resources(List.of(logGroup.getLogGroupArn()))
            .build(),
        PolicyStatement.Builder.create()
            .sid("ReadAccessToken")
            .actions(List.of("secretsmanager:GetSecretValue"))
            .resources(List.of(secretArnForPolicy(secret)))
            .build(),
        PolicyStatement.Builder.create()
            .sid("ReportFailedDeliveries")
            .actions(List.of("sqs:SendMessage"))
            .resources(List.of(failureQueue.getQueueArn()))
            .build());
  }

  /**
   * The secret's complete ARN. Secrets Manager appends a hyphen and six random characters to the name; a secret known
   * only by name is matched by exactly those six ({@code -??????}), never by {@code *}, which would also match
   * {@code name-suffix-other} secrets.
   */
  static String secretArnForPolicy(ISecret secret) {
    String full = secret.getSecretFullArn();
    return full != null ? full : secret.getSecretArn() + "-??????";
  }

  /** What the sender passes to GetSecretValue: the complete ARN when known, else the name. */
  static String secretId(ISecret secret) {
    String full = secret.getSecretFullArn();
    return full != null ? full : secret.getSecretName();
  }
}
