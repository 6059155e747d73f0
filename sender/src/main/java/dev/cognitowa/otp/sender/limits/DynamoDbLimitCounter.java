package dev.cognitowa.otp.sender.limits;

import static dev.cognitowa.otp.sender.support.DynamoDbCalls.n;
import static dev.cognitowa.otp.sender.support.DynamoDbCalls.s;

import dev.cognitowa.otp.sender.support.DynamoDbCalls;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
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
  static final String ID = "id";
  static final String COUNT = "count";
  static final String EXPIRES_AT = "expiresAt";

  private static final String BELOW_LIMIT = "attribute_not_exists(#count) OR #count < :limit";

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final DynamoDbCalls calls;

  /**
   * @param table the table's name or ARN
   */
  public DynamoDbLimitCounter(DynamoDbClient dynamoDb, String table, Clock clock) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.calls = new DynamoDbCalls("send limits", SendLimitsUnavailableException::new, clock);
  }

  @Override
  public boolean tryAcquire(String id, int limit, Instant expiresAt, Instant deadline) {
    try {
      calls.run(
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
                          .overrideConfiguration(calls.timeout(deadline))));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  @Override
  public void release(String id, Instant deadline) {
    try {
      calls.run(
          () ->
              dynamoDb.updateItem(
                  r ->
                      r.tableName(table)
                          .key(Map.of(ID, s(id)))
                          .updateExpression("ADD #count :minusOne")
                          .conditionExpression("#count > :zero")
                          .expressionAttributeNames(Map.of("#count", COUNT))
                          .expressionAttributeValues(Map.of(":minusOne", n(-1), ":zero", n(0)))
                          .overrideConfiguration(calls.timeout(deadline))));
    } catch (ConditionalCheckFailedException | SendLimitsUnavailableException e) {
      // best effort (see LimitCounter.release): one count too many only makes the limit stricter
    }
  }
}
