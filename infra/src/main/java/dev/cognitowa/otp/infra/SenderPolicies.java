package dev.cognitowa.otp.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.iam.AccountRootPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.sqs.IQueue;

/**
 * Every permission the sender needs, each one statement with the narrowest resource and condition
 * that works.
 *
 * <p>The key policy rests on two documented rules. KMS: "Unless the key policy explicitly allows
 * it, you cannot use IAM policies to allow access to a KMS key. Without permission from the key
 * policy, IAM policies that allow permissions have no effect."
 * (https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html). Cognito: "The IAM
 * principal that creates or updates your user pool creates a one-time grant against the KMS key
 * that Amazon Cognito uses to encrypt the code. Grant this principal CreateGrant permissions for
 * your KMS key."
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-custom-sender-triggers.html).
 * That principal is CloudFormation's execution role for a pool of the stack, the operator for an
 * existing pool; neither is known here, so the account delegates {@code kms:CreateGrant} to IAM,
 * bound to Cognito's encryption context.
 *
 * <p>No statement names the {@code cognito-idp.amazonaws.com} service principal: Cognito encrypts
 * through the grant the caller created, the guide's example key policy has no such statement, and
 * its {@code aws:SourceArn} / {@code aws:SourceAccount} conditions could never match a call made
 * with the caller's identity ("the aws:SourceAccount condition key is only available when the call
 * to your resource is made directly by an AWS service principal",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html).
 */
final class SenderPolicies {

  /**
   * The encryption context key Cognito binds every code to (and that the guide's CreateGrant
   * example conditions).
   */
  static final String USERPOOL_CONTEXT = "kms:EncryptionContext:userpool-id";

  /**
   * What the account (through IAM policies and CloudFormation) may do to manage the key. {@code
   * PutKeyPolicy} is needed or KMS refuses the policy as a lock-out; no {@code kms:*}, and no
   * data-plane action: those follow, each bound to Cognito's encryption context.
   */
  static final List<String> ACCOUNT_KEY_ACTIONS =
      List.of(
          "kms:DescribeKey",
          "kms:GetKeyPolicy",
          "kms:PutKeyPolicy",
          "kms:GetKeyRotationStatus",
          "kms:EnableKeyRotation",
          "kms:DisableKeyRotation",
          "kms:EnableKey",
          "kms:DisableKey",
          "kms:UpdateKeyDescription",
          "kms:ListResourceTags",
          "kms:TagResource",
          "kms:UntagResource",
          "kms:ListGrants",
          "kms:RevokeGrant",
          "kms:ScheduleKeyDeletion",
          "kms:CancelKeyDeletion");

  /**
   * What the sender's DynamoDbDeliveryLedger calls: PutItem (claim), UpdateItem (record the
   * result), GetItem (read the winner after a lost claim). No DeleteItem (a failure is recorded,
   * not deleted), no Scan, no Query, no index.
   */
  static final List<String> LEDGER_ACTIONS =
      List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem");

  /**
   * The partition keys of the table's three kinds of item. An event's key is a SHA-256 in base64url
   * without padding, exactly 43 characters and never a {@code #}: 43 single-character wildcards
   * ({@code ?}) match it and nothing with a prefix. A tracked message is {@code msg#} and a hex
   * SHA-256, a send counter {@code limit#} and its window.
   */
  static final String EVENT_KEYS = "?".repeat(43);

  static final String MESSAGE_KEYS = "msg#*";
  static final String LIMIT_KEYS = "limit#*";

  /**
   * The latest send per pool, user and family ({@code verify#} and a keyed pseudonym) and the
   * funnel's counters per channel, country and quarter hour ({@code conv#}).
   */
  static final String VERIFY_KEYS = "verify#*";

  static final String FUNNEL_KEYS = "conv#*";

  /**
   * "dynamodb:LeadingKeys – This condition key allows users to access only the items where the
   * partition key value matches" the condition
   * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/specifying-conditions.html);
   * every call here names one item by its key, so the set is never empty and {@code ForAllValues}
   * cannot pass vacuously.
   */
  private static final String LEADING_KEYS = "dynamodb:LeadingKeys";

  private SenderPolicies() {}

  static PolicyDocument keyPolicy(PoolBinding pool) {
    PolicyStatement administer =
        PolicyStatement.Builder.create()
            .sid("AccountAdministersKey")
            .effect(Effect.ALLOW)
            .principals(List.of(new AccountRootPrincipal()))
            .actions(ACCOUNT_KEY_ACTIONS)
            .resources(List.of("*"))
            .build();
    // kms:EncryptionContext:context-key applies to CreateGrant (its constraint) and Decrypt:
    // https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-encryption-context
    PolicyStatement grant =
        PolicyStatement.Builder.create()
            .sid("AccountMayLetCognitoGrantItselfThePool")
            .effect(Effect.ALLOW)
            .principals(List.of(new AccountRootPrincipal()))
            .actions(List.of("kms:CreateGrant"))
            .resources(List.of("*"))
            .conditions(pool.encryptionContextCondition())
            .build();
    PolicyStatement decrypt =
        PolicyStatement.Builder.create()
            .sid("AccountMayDelegateDecryptOfPoolCodes")
            .effect(Effect.ALLOW)
            .principals(List.of(new AccountRootPrincipal()))
            .actions(List.of("kms:Decrypt"))
            .resources(List.of("*"))
            .conditions(pool.encryptionContextCondition())
            .build();
    return PolicyDocument.Builder.create().statements(List.of(administer, grant, decrypt)).build();
  }

  /**
   * The function may decrypt only what Cognito encrypted for this pool: "Assign a Lambda execution
   * role that has, at minimum, kms:Decrypt permissions for your KMS key" (the custom sender guide),
   * narrowed to the exact pool.
   */
  static PolicyStatement decryptStatement(IKey key, PoolBinding pool) {
    return PolicyStatement.Builder.create()
        .sid("DecryptCodesOfThePoolOnly")
        .actions(List.of("kms:Decrypt"))
        .resources(List.of(key.getKeyArn()))
        .conditions(Map.of("StringEquals", Map.of(USERPOOL_CONTEXT, pool.id())))
        .build();
  }

  /** The function's own log group; the stack creates it, so no {@code logs:CreateLogGroup}. */
  static PolicyStatement logStatement(ILogGroup logGroup) {
    return PolicyStatement.Builder.create()
        .sid("WriteOwnLogs")
        .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents"))
        .resources(List.of(logGroup.getLogGroupArn()))
        .build();
  }

  /**
   * Lambda sends the on-failure record with the function's role: {@code sqs:SendMessage} on the
   * queue, not the {@code GetQueueAttributes}/{@code GetQueueUrl} CDK's {@code SqsDestination}
   * adds.
   */
  static PolicyStatement failureQueueStatement(IQueue failureQueue) {
    return PolicyStatement.Builder.create()
        .sid("ReportFailedDeliveries")
        .actions(List.of("sqs:SendMessage"))
        .resources(List.of(failureQueue.getQueueArn()))
        .build();
  }

  /**
   * The sender's share of the ledger table (its own ARN only, so neither its indexes nor another
   * table), each kind of item with the calls made on it: events claimed, recorded and read; send
   * counters counted ({@code UpdateItem} creates a missing counter); tracked messages only written,
   * and only when the chain has a channel to fall back to.
   */
  static List<PolicyStatement> senderLedgerStatements(ITable table, boolean tracksMessages) {
    List<PolicyStatement> statements = new java.util.ArrayList<>();
    statements.add(ledger("RecordDeliveries", LEDGER_ACTIONS, table, EVENT_KEYS));
    statements.add(ledger("CountSends", List.of("dynamodb:UpdateItem"), table, LIMIT_KEYS));
    // one more write per delivered send (the latest send, an UpdateItem: no PutItem needed), one
    // per paid send (the funnel, which
    // also answers the breaker); GetItem reads the breaker's earlier buckets
    statements.add(
        ledger(
            "KeepLatestSendForVerification", List.of("dynamodb:UpdateItem"), table, VERIFY_KEYS));
    statements.add(
        ledger(
            "CountFunnelAndBreaker",
            List.of("dynamodb:GetItem", "dynamodb:UpdateItem"),
            table,
            FUNNEL_KEYS));
    if (tracksMessages) {
      statements.add(
          ledger("TrackMessagesForFallback", List.of("dynamodb:PutItem"), table, MESSAGE_KEYS));
    }
    return statements;
  }

  /**
   * The status function's share: it reads and updates tracked messages (statuses, the fallback
   * claim), counts the fallback's send in the limits and the funnel (the breaker) and records it as
   * the user's latest send; it writes no new item with {@code PutItem}, so no {@code PutItem}, and
   * never touches an event's item.
   */
  static List<PolicyStatement> statusLedgerStatements(ITable table) {
    return List.of(
        ledger(
            "FollowTrackedMessages",
            List.of("dynamodb:GetItem", "dynamodb:UpdateItem"),
            table,
            MESSAGE_KEYS),
        ledger("CountSends", List.of("dynamodb:UpdateItem"), table, LIMIT_KEYS),
        // a fallback passes the conversion breaker and becomes the user's latest send
        ledger(
            "CountFunnelAndBreaker",
            List.of("dynamodb:GetItem", "dynamodb:UpdateItem"),
            table,
            FUNNEL_KEYS),
        ledger(
            "KeepLatestSendForVerification", List.of("dynamodb:UpdateItem"), table, VERIFY_KEYS));
  }

  /**
   * The verification function's share: one conditional {@code UpdateItem} marks the latest send
   * verified and returns it (no {@code GetItem} needed), one more credits the funnel; it never
   * touches an event, a tracked message or a limit counter.
   */
  static List<PolicyStatement> verificationLedgerStatements(ITable table) {
    return List.of(
        ledger("MarkSendsVerified", List.of("dynamodb:UpdateItem"), table, VERIFY_KEYS),
        ledger("CreditFunnel", List.of("dynamodb:UpdateItem"), table, FUNNEL_KEYS));
  }

  private static PolicyStatement ledger(
      String sid, List<String> actions, ITable table, String keys) {
    return PolicyStatement.Builder.create()
        .sid(sid)
        .actions(actions)
        .resources(List.of(table.getTableArn()))
        .conditions(Map.of("ForAllValues:StringLike", Map.of(LEADING_KEYS, keys)))
        .build();
  }

  /**
   * The secret's complete ARN. Secrets Manager appends a hyphen and six random characters to the
   * name; a secret known only by name is matched by exactly those six ({@code -??????}), never by
   * {@code *}, which would also match {@code name-suffix-other} secrets.
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
