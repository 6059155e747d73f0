package dev.cognitowa.otp.sender.idempotency;

import dev.cognitowa.otp.sender.delivery.DeliveryOutcome;
import dev.cognitowa.otp.sender.idempotency.LedgerEntry.Status;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * The ledger in a DynamoDB table (string partition key {@code id}, TTL attribute {@code expiresAt}
 * in epoch seconds), with conditional writes only: {@code PutItem} claims, {@code UpdateItem}
 * records the outcome, {@code GetItem} reads. Each call's {@code apiCallTimeout} (the SDK's retries
 * included) comes from the time the invocation has left.
 */
public final class DynamoDbDeliveryLedger implements DeliveryLedger {
  /**
   * DynamoDB answers in milliseconds; 2 s covers the SDK's retries of a throttled call and leaves
   * time to send.
   */
  static final Duration MAX_CALL_TIME = Duration.ofSeconds(2);

  /**
   * Even at the deadline, recording a sent message gets this long: it eats into the handler's 500
   * ms margin.
   */
  static final Duration MIN_CALL_TIME = Duration.ofMillis(250);

  /**
   * A put that lost the race, then a read showing the entry claimable again: one more put, then
   * give up.
   */
  static final int CLAIM_ROUNDS = 2;

  static final String ID = "id";
  static final String STATUS = "status";
  static final String OWNER = "owner";
  static final String LEASE_UNTIL = "leaseUntil";
  static final String EXPIRES_AT = "expiresAt";
  static final String CHANNEL = "channel";
  static final String MESSAGE_ID = "messageId";
  static final String ATTEMPTS = "attempts";
  static final String FAILURE_KIND = "failureKind";
  static final String ERROR_CODE = "errorCode";

  /** {@link LedgerEntry#isClaimableAt}, as DynamoDB evaluates it. */
  private static final String CLAIMABLE =
      "attribute_not_exists(#id) OR #expiresAt < :nowSeconds OR #status = :failed"
          + " OR (#status = :inProgress AND #leaseUntil < :nowMillis)";

  private static final String OWNED = "#owner = :owner";

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  /**
   * @param table the table's name or ARN
   */
  public DynamoDbDeliveryLedger(DynamoDbClient dynamoDb, String table, Clock clock) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.clock = clock;
  }

  @Override
  public Claim claim(DeliveryKey key, Instant leaseUntil) {
    for (int round = 1; ; round++) {
      Instant now = clock.instant();
      String owner = newOwner();
      Map<String, AttributeValue> item = new HashMap<>();
      item.put(ID, s(key.id()));
      item.put(STATUS, s(Status.IN_PROGRESS.name()));
      item.put(OWNER, s(owner));
      item.put(LEASE_UNTIL, n(leaseUntil.toEpochMilli()));
      item.put(EXPIRES_AT, n(now.plus(ENTRY_TTL).getEpochSecond()));
      Optional<LedgerEntry> current;
      try {
        call(
            () ->
                dynamoDb.putItem(
                    r ->
                        r.tableName(table)
                            .item(item)
                            .conditionExpression(CLAIMABLE)
                            .expressionAttributeNames(
                                Map.of(
                                    "#id",
                                    ID,
                                    "#status",
                                    STATUS,
                                    "#expiresAt",
                                    EXPIRES_AT,
                                    "#leaseUntil",
                                    LEASE_UNTIL))
                            .expressionAttributeValues(
                                Map.of(
                                    ":nowSeconds",
                                    n(now.getEpochSecond()),
                                    ":nowMillis",
                                    n(now.toEpochMilli()),
                                    ":failed",
                                    s(Status.FAILED.name()),
                                    ":inProgress",
                                    s(Status.IN_PROGRESS.name())))
                            // DynamoDB then returns the entry that won, saving a read; stand-ins
                            // that ignore it get the read below.
                            .returnValuesOnConditionCheckFailure(
                                ReturnValuesOnConditionCheckFailure.ALL_OLD)
                            .overrideConfiguration(timeout(leaseUntil))));
        return new Claim.Claimed(key, owner, leaseUntil);
      } catch (ConditionalCheckFailedException e) {
        current =
            e.hasItem() && !e.item().isEmpty()
                ? Optional.of(entry(key, e.item()))
                : read(key, leaseUntil);
      }
      if (current.isPresent() && !current.get().isClaimableAt(clock.instant())) {
        LedgerEntry holder = current.get();
        return holder.status() == Status.SENT
            ? new Claim.AlreadySent(holder)
            : new Claim.InProgress(holder);
      }
      if (round == CLAIM_ROUNDS) {
        throw new DeliveryLedgerUnavailableException(
            "delivery ledger: the entry kept changing while claiming it");
      }
    }
  }

  @Override
  public boolean markSent(Claim.Claimed claim, DeliveryOutcome.Delivered delivered) {
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":channel", s(delivered.channel()));
    values.put(":messageId", s(delivered.messageId()));
    return record(
        claim,
        Status.SENT,
        delivered.attempts(),
        ", #channel = :channel, #messageId = :messageId",
        Map.of("#channel", CHANNEL, "#messageId", MESSAGE_ID),
        values);
  }

  @Override
  public boolean markFailed(Claim.Claimed claim, DeliveryOutcome.Failed failed) {
    Map<String, String> names =
        new HashMap<>(Map.of("#channel", CHANNEL, "#failureKind", FAILURE_KIND));
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":channel", s(failed.channel()));
    values.put(":failureKind", s(failed.kind().name()));
    String set = ", #channel = :channel, #failureKind = :failureKind";
    if (failed.errorCode() != null) {
      names.put("#errorCode", ERROR_CODE);
      values.put(":errorCode", n(failed.errorCode()));
      set += ", #errorCode = :errorCode";
    }
    return record(claim, Status.FAILED, failed.attempts(), set, names, values);
  }

  @Override
  public Optional<LedgerEntry> get(DeliveryKey key) {
    return read(key, clock.instant().plus(MAX_CALL_TIME));
  }

  /**
   * One conditional UpdateItem: only the claim's owner writes the outcome, and the 24 h expiry
   * starts again.
   */
  private boolean record(
      Claim.Claimed claim,
      Status status,
      int attempts,
      String extraSets,
      Map<String, String> extraNames,
      Map<String, AttributeValue> extraValues) {
    Map<String, String> names = new HashMap<>(extraNames);
    names.put("#status", STATUS);
    names.put("#attempts", ATTEMPTS);
    names.put("#expiresAt", EXPIRES_AT);
    names.put("#owner", OWNER);
    Map<String, AttributeValue> values = new HashMap<>(extraValues);
    values.put(":status", s(status.name()));
    values.put(":attempts", n(attempts));
    values.put(":expiresAt", n(clock.instant().plus(ENTRY_TTL).getEpochSecond()));
    values.put(":owner", s(claim.owner()));
    try {
      call(
          () ->
              dynamoDb.updateItem(
                  r ->
                      r.tableName(table)
                          .key(Map.of(ID, s(claim.key().id())))
                          .updateExpression(
                              "SET #status = :status, #attempts = :attempts, #expiresAt = :expiresAt"
                                  + extraSets)
                          .conditionExpression(OWNED)
                          .expressionAttributeNames(names)
                          .expressionAttributeValues(values)
                          .overrideConfiguration(timeout(claim.leaseUntil()))));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  private Optional<LedgerEntry> read(DeliveryKey key, Instant deadline) {
    Map<String, AttributeValue> item =
        call(() ->
                dynamoDb.getItem(
                    r ->
                        r.tableName(table)
                            .key(Map.of(ID, s(key.id())))
                            .consistentRead(true)
                            .overrideConfiguration(timeout(deadline))))
            .item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(entry(key, item));
  }

  /**
   * Runs one DynamoDB call; every failure but a failed condition becomes the ledger's one unchecked
   * exception.
   */
  private static <T> T call(Supplier<T> request) {
    try {
      return request.get();
    } catch (ConditionalCheckFailedException e) {
      throw e;
    } catch (AwsServiceException e) {
      throw new DeliveryLedgerUnavailableException(
          "delivery ledger unavailable: DynamoDB answered HTTP "
              + e.statusCode()
              + " "
              + (e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode()));
    } catch (SdkException e) {
      throw new DeliveryLedgerUnavailableException(
          "delivery ledger unavailable: " + e.getClass().getSimpleName());
    }
  }

  /**
   * The SDK's per-request time budget, retries included: what is left of the invocation, within
   * sane bounds.
   */
  private AwsRequestOverrideConfiguration timeout(Instant deadline) {
    Duration left = Duration.between(clock.instant(), deadline);
    Duration budget =
        left.compareTo(MIN_CALL_TIME) < 0
            ? MIN_CALL_TIME
            : left.compareTo(MAX_CALL_TIME) > 0 ? MAX_CALL_TIME : left;
    return AwsRequestOverrideConfiguration.builder().apiCallTimeout(budget).build();
  }

  private static LedgerEntry entry(DeliveryKey key, Map<String, AttributeValue> item) {
    try {
      return new LedgerEntry(
          key,
          Status.valueOf(item.get(STATUS).s()),
          text(item, OWNER),
          Instant.ofEpochMilli(number(item, LEASE_UNTIL, 0)),
          Instant.ofEpochSecond(number(item, EXPIRES_AT, 0)),
          text(item, CHANNEL),
          text(item, MESSAGE_ID),
          (int) number(item, ATTEMPTS, 0),
          text(item, FAILURE_KIND),
          item.containsKey(ERROR_CODE) ? (int) number(item, ERROR_CODE, 0) : null);
    } catch (RuntimeException e) {
      throw new DeliveryLedgerUnavailableException("delivery ledger: unreadable entry " + key.id());
    }
  }

  private String newOwner() {
    byte[] token = new byte[16];
    random.nextBytes(token);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
  }

  private static String text(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null ? null : value.s();
  }

  private static long number(Map<String, AttributeValue> item, String name, long fallback) {
    AttributeValue value = item.get(name);
    return value == null || value.n() == null ? fallback : Long.parseLong(value.n());
  }

  private static AttributeValue s(String value) {
    return AttributeValue.builder().s(value).build();
  }

  private static AttributeValue n(long value) {
    return AttributeValue.builder().n(Long.toString(value)).build();
  }
}
