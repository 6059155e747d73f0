package dev.cognitowa.otp.infra;

import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.constructs.Construct;

/**
 * The sender's delivery ledger table, shaped as its DynamoDB ledger writes it: string partition key
 * {@code id}, no sort key, TTL on {@code expiresAt} (epoch seconds), on demand, point-in-time
 * recovery off.
 *
 * <p>No point-in-time recovery: the table holds hours of state (a day at most) that nothing needs
 * back after a loss (an event is claimed again, a counter starts afresh), while recovery would keep
 * every phone number a pending fallback held, restorable for 35 days
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery_Howitworks.html)
 * and so outliving the promise SECURITY.md makes.
 *
 * <p>Encrypted with DynamoDB's AWS owned key ("AWS owned key – Default encryption type. The key is
 * owned by DynamoDB (no additional charge).",
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/EncryptionAtRest.html): it holds
 * a day of delivery records and never a code, so an AWS managed key would add KMS charges for an
 * audit trail of nothing secret, and our customer key would add a key-policy statement for DynamoDB
 * to the key that guards codes. Deleted with the stack: it belongs to the function, not to the
 * pool, and its records expire within a day anyway.
 */
final class LedgerTable {

  /** The partition key, a string. */
  static final String KEY = "id";

  /** The TTL attribute, epoch seconds. */
  static final String TTL_ATTRIBUTE = "expiresAt";

  private LedgerTable() {}

  static Table create(Construct scope, String id) {
    Table table =
        Table.Builder.create(scope, id)
            .partitionKey(Attribute.builder().name(KEY).type(AttributeType.STRING).build())
            .timeToLiveAttribute(TTL_ATTRIBUTE)
            .billingMode(BillingMode.PAY_PER_REQUEST)
            .pointInTimeRecoverySpecification(
                PointInTimeRecoverySpecification.builder()
                    .pointInTimeRecoveryEnabled(false)
                    .build())
            .encryption(TableEncryption.DEFAULT)
            .removalPolicy(RemovalPolicy.DESTROY)
            .build();
    NagSuppressions.suppress(
        table,
        "AwsSolutions-DDB3",
        "Point-in-time recovery would keep the phone numbers of pending fallbacks restorable for 35"
            + " days; the table's data lives hours and nothing needs it back (SECURITY.md).");
    return table;
  }
}
