package dev.cognitowa.otp.sender.idempotency;

import static dev.cognitowa.otp.sender.support.DynamoDbCalls.n;
import static dev.cognitowa.otp.sender.support.DynamoDbCalls.s;
import static dev.cognitowa.otp.sender.support.DynamoDbCalls.text;

import dev.cognitowa.otp.sender.delivery.DeliveryOutcome;
import dev.cognitowa.otp.sender.idempotency.LedgerEntry.Status;
import dev.cognitowa.otp.sender.support.DynamoDbCalls;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
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
  static final String MESSAGE_REF = "messageRef";
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
  private final DynamoDbCalls calls;
  private final SecureRandom random = new SecureRandom();

  /**
   * @param table the table's name or ARN
   */
  public DynamoDbDeliveryLedger(DynamoDbClient dynamoDb, String table, Clock clock) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.clock = clock;
    this.calls =
        new DynamoDbCalls("delivery ledger", DeliveryLedgerUnavailableException::new, clock);
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
        calls.call(
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
                            .overrideConfiguration(calls.timeout(leaseUntil))));
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
    values.put(":messageRef", s(delivered.messageRef()));
    return record(
        claim,
        Status.SENT,
        delivered.attempts(),
        ", #channel = :channel, #messageRef = :messageRef",
        Map.of("#channel", CHANNEL, "#messageRef", MESSAGE_REF),
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
    return read(key, clock.instant().plus(DynamoDbCalls.MAX_CALL_TIME));
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
      calls.call(
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
                          .overrideConfiguration(calls.timeout(claim.leaseUntil()))));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  private Optional<LedgerEntry> read(DeliveryKey key, Instant deadline) {
    Map<String, AttributeValue> item =
        calls
            .call(
                () ->
                    dynamoDb.getItem(
                        r ->
                            r.tableName(table)
                                .key(Map.of(ID, s(key.id())))
                                .consistentRead(true)
                                .overrideConfiguration(calls.timeout(deadline))))
            .item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(entry(key, item));
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
          text(item, MESSAGE_REF),
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

  private static long number(Map<String, AttributeValue> item, String name, long fallback) {
    AttributeValue value = item.get(name);
    return value == null || value.n() == null ? fallback : Long.parseLong(value.n());
  }
}
