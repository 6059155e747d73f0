package dev.cognitowa.otp.sender.limits;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Counters as items of the delivery ledger's table (string key {@code id}, TTL attribute {@code
 * expiresAt} in epoch seconds), each one conditional {@code UpdateItem}: {@code ADD count :one} if
 * {@code attribute_not_exists(count) OR count < :limit}. DynamoDB evaluates the condition and
 * applies the update as one atomic step on the item, so concurrent senders can never push a counter
 * past its limit; a failed condition changes nothing (
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ConditionExpressions.html,
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/WorkingWithItems.html#WorkingWithItems.AtomicCounters).
 * Ids start with {@code limit#}, which no ledger entry (base64url of a hash) can, so the stack's
 * table and its {@code UpdateItem} grant serve both.
 */
public final class DynamoDbLimitCounter implements LimitCounter {
  /** As the ledger's: DynamoDB answers in milliseconds; 2 s covers the SDK's throttling retries. */
  static final Duration MAX_CALL_TIME = Duration.ofSeconds(2);

  /** As the ledger's: even with little time left, a counter call gets this long. */
  static final Duration MIN_CALL_TIME = Duration.ofMillis(250);

  static final String ID = "id";
  static final String COUNT = "count";
  static final String EXPIRES_AT = "expiresAt";

  private static final String BELOW_LIMIT = "attribute_not_exists(#count) OR #count < :limit";

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final Clock clock;

  /**
   * @param table the table's name or ARN
   */
  public DynamoDbLimitCounter(DynamoDbClient dynamoDb, String table, Clock clock) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.clock = clock;
  }

  @Override
  public boolean tryAcquire(String id, int limit, Instant expiresAt, Instant deadline) {
    try {
      call(
          () ->
              dynamoDb.updateItem(
                  r ->
                      r.tableName(table)
                          .key(Map.of(ID, s(id)))
                          .updateExpression("ADD #count :one SET #expiresAt = :expiresAt")
                          .conditionExpression(BELOW_LIMIT)
                          .expressionAttributeNames(
                              Map.of("#count", COUNT, "#expiresAt", EXPIRES_AT))
                          .expressionAttributeValues(
                              Map.of(
                                  ":one", n(1),
                                  ":limit", n(limit),
                                  ":expiresAt", n(expiresAt.getEpochSecond())))
                          .overrideConfiguration(timeout(deadline))));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  @Override
  public void release(String id, Instant deadline) {
    try {
      call(
          () ->
              dynamoDb.updateItem(
                  r ->
                      r.tableName(table)
                          .key(Map.of(ID, s(id)))
                          .updateExpression("ADD #count :minusOne")
                          .conditionExpression("#count > :zero")
                          .expressionAttributeNames(Map.of("#count", COUNT))
                          .expressionAttributeValues(Map.of(":minusOne", n(-1), ":zero", n(0)))
                          .overrideConfiguration(timeout(deadline))));
    } catch (ConditionalCheckFailedException | SendLimitsUnavailableException e) {
      // best effort (see LimitCounter.release): one count too many only makes the limit stricter
    }
  }

  private static void call(Runnable request) {
    try {
      request.run();
    } catch (ConditionalCheckFailedException e) {
      throw e;
    } catch (AwsServiceException e) {
      throw new SendLimitsUnavailableException(
          "send limits unavailable: DynamoDB answered HTTP "
              + e.statusCode()
              + " "
              + (e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode()));
    } catch (SdkException e) {
      throw new SendLimitsUnavailableException(
          "send limits unavailable: " + e.getClass().getSimpleName());
    }
  }

  private AwsRequestOverrideConfiguration timeout(Instant deadline) {
    Duration left = Duration.between(clock.instant(), deadline);
    Duration budget =
        left.compareTo(MIN_CALL_TIME) < 0
            ? MIN_CALL_TIME
            : left.compareTo(MAX_CALL_TIME) > 0 ? MAX_CALL_TIME : left;
    return AwsRequestOverrideConfiguration.builder().apiCallTimeout(budget).build();
  }

  private static AttributeValue s(String value) {
    return AttributeValue.builder().s(value).build();
  }

  private static AttributeValue n(long value) {
    return AttributeValue.builder().n(Long.toString(value)).build();
  }
}
