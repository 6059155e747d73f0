package dev.cognitowa.otp.sender.tracking;

import static dev.cognitowa.otp.sender.support.DynamoDbCalls.n;
import static dev.cognitowa.otp.sender.support.DynamoDbCalls.s;

import dev.cognitowa.otp.sender.delivery.DeliveryOutcome;
import dev.cognitowa.otp.sender.event.TriggerSource;
import dev.cognitowa.otp.sender.idempotency.DeliveryLedgerUnavailableException;
import dev.cognitowa.otp.sender.phone.PhoneNumbers;
import dev.cognitowa.otp.sender.phone.Recipient;
import dev.cognitowa.otp.sender.support.DynamoDbCalls;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * The message ledger in the delivery ledger's table (string key {@code id}, TTL {@code expiresAt}):
 * one item per tracked message, {@code id = "msg#" + its reference}, beside the events' items.
 * {@code PutItem} tracks, and every later change is one conditional {@code UpdateItem}, so two
 * copies of one status cannot both claim the fallback, and the writes that settle a message's fate
 * remove what identifies the person in the same request.
 */
public final class DynamoDbMessageLedger implements MessageLedger {
  /** Marks the items of this ledger; an event's key (base64url) never holds a '#'. */
  static final String PREFIX = "msg#";

  static final String ID = "id";
  static final String EXPIRES_AT = "expiresAt";
  static final String CIPHERTEXT = "ciphertext";
  static final String USER_POOL_ID = "userPoolId";
  static final String USER_NAME = "userName";
  static final String TRIGGER_SOURCE = "triggerSource";
  static final String PHONE_NUMBER = "phoneNumber";
  static final String CHANNEL = "channel";
  static final String COUNTRY = "country";
  static final String CHANNEL_INDEX = "channelIndex";
  static final String SENT_AT = "sentAt";
  static final String APP_CLIENT_ID = "appClientId";
  static final String LANGUAGE = "language";
  static final String DELIVERED_AT = "deliveredAt";
  static final String READ_AT = "readAt";
  static final String LATE_FAILURE = "lateFailure";
  static final String FALLBACK_OWNER = "fallbackOwner";
  static final String FALLBACK_STATE = "fallbackState";
  static final String FALLBACK_LEASE = "fallbackLeaseUntil";
  static final String FALLBACK_CHANNEL = "fallbackChannel";

  /** The later channel's message id, as its reference. */
  static final String FALLBACK_MESSAGE_REF = "fallbackMessageRef";

  static final String FALLBACK_FROM = "fallbackFrom";
  static final String FALLBACK_FAILURE_KIND = "fallbackFailureKind";

  /** Where a fallback stands once claimed. */
  enum FallbackState {
    /** Claimed, nothing sent yet: taken again once the lease ends (its holder may have died). */
    CLAIMED,
    /** The holder may be sending: never taken again, whatever the lease says. */
    SENDING,
    SENT,
    FAILED
  }

  /**
   * What identifies the person: kept while a late fallback may still need it, removed by the write
   * that settles the message.
   */
  private static final String FORGET_PERSON = " REMOVE #ciphertext, #phoneNumber, #userName";

  /** Known, not expired. */
  private static final String LIVE = "attribute_exists(#id) AND #expiresAt >= :nowSeconds";

  /**
   * Inside the window, before any delivery status, never claimed (or a claim whose holder died).
   */
  private static final String CLAIMABLE =
      LIVE
          + " AND #sentAt > :cutoff AND attribute_not_exists(#deliveredAt)"
          + " AND attribute_not_exists(#readAt) AND (attribute_not_exists(#owner)"
          + " OR (#state = :claimed AND #lease < :nowMillis))";

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final Duration window;
  private final Clock clock;
  private final DynamoDbCalls calls;
  private final SecureRandom random = new SecureRandom();

  /**
   * @param table the delivery ledger's table, name or ARN
   * @param window {@code OTP_FALLBACK_WINDOW_SECONDS}
   */
  public DynamoDbMessageLedger(
      DynamoDbClient dynamoDb, String table, Duration window, Clock clock) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.window = window;
    this.clock = clock;
    this.calls =
        new DynamoDbCalls("message ledger", DeliveryLedgerUnavailableException::new, clock);
  }

  /** The item id of the message with this reference. */
  public static String key(String messageRef) {
    return PREFIX + messageRef;
  }

  @Override
  public Duration window() {
    return window;
  }

  @Override
  public void track(TrackedMessage message, Instant deadline) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(ID, s(key(message.messageRef())));
    item.put(CIPHERTEXT, s(message.ciphertext()));
    item.put(USER_POOL_ID, s(message.userPoolId()));
    item.put(USER_NAME, s(message.userName()));
    item.put(TRIGGER_SOURCE, s(message.triggerSource().wireName()));
    item.put(PHONE_NUMBER, s(message.phoneNumber()));
    item.put(CHANNEL, s(message.channel()));
    // the number's ISO region outlives the number (removed once settled): otp report's funnel
    item.put(COUNTRY, s(PhoneNumbers.regionOf(Recipient.ofValidatedE164(message.phoneNumber()))));
    item.put(CHANNEL_INDEX, n(message.channelIndex()));
    item.put(SENT_AT, n(message.sentAt().toEpochMilli()));
    if (message.appClientId() != null) {
      item.put(APP_CLIENT_ID, s(message.appClientId()));
    }
    if (message.language() != null) {
      item.put(LANGUAGE, s(message.language()));
    }
    item.put(EXPIRES_AT, n(message.sentAt().plus(window).plus(EXPIRY_MARGIN).getEpochSecond() + 1));
    calls.call(
        () ->
            dynamoDb.putItem(
                r -> r.tableName(table).item(item).overrideConfiguration(calls.timeout(deadline))));
  }

  @Override
  public boolean recordStatus(String messageRef, StatusKind status, Instant at) {
    String attribute = status == StatusKind.READ ? READ_AT : DELIVERED_AT;
    try {
      calls.call(
          () ->
              dynamoDb.updateItem(
                  r ->
                      r.tableName(table)
                          .key(Map.of(ID, s(key(messageRef))))
                          // the first time counts: a repeated status changes nothing
                          .updateExpression("SET #at = if_not_exists(#at, :at)" + FORGET_PERSON)
                          .conditionExpression(LIVE)
                          .expressionAttributeNames(
                              withPerson(
                                  Map.of("#id", ID, "#expiresAt", EXPIRES_AT, "#at", attribute)))
                          .expressionAttributeValues(
                              Map.of(
                                  ":nowSeconds",
                                  n(clock.instant().getEpochSecond()),
                                  ":at",
                                  n(at.toEpochMilli())))
                          .overrideConfiguration(calls.timeout(null))));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  @Override
  public FallbackClaim claimFallback(String messageRef, String failure, Instant leaseUntil) {
    Instant now = clock.instant();
    String ref = key(messageRef);
    String owner = newOwner();
    Map<String, String> names = new HashMap<>(claimNames());
    names.put("#lateFailure", LATE_FAILURE);
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":nowSeconds", n(now.getEpochSecond()));
    values.put(":nowMillis", n(now.toEpochMilli()));
    values.put(":cutoff", n(now.minus(window).toEpochMilli()));
    values.put(":claimed", s(FallbackState.CLAIMED.name()));
    values.put(":owner", s(owner));
    values.put(":lease", n(leaseUntil.toEpochMilli()));
    values.put(":lateFailure", s(failure));
    try {
      Map<String, AttributeValue> item =
          calls
              .call(
                  () ->
                      dynamoDb.updateItem(
                          r ->
                              r.tableName(table)
                                  .key(Map.of(ID, s(ref)))
                                  .updateExpression(
                                      "SET #owner = :owner, #state = :claimed, #lease = :lease,"
                                          + " #lateFailure = :lateFailure")
                                  .conditionExpression(CLAIMABLE)
                                  .expressionAttributeNames(names)
                                  .expressionAttributeValues(values)
                                  .returnValues(ReturnValue.ALL_NEW)
                                  // DynamoDB then says why it refused, saving a read; stand-ins
                                  // that ignore it get the read below.
                                  .returnValuesOnConditionCheckFailure(
                                      ReturnValuesOnConditionCheckFailure.ALL_OLD)
                                  .overrideConfiguration(calls.timeout(leaseUntil))))
              .attributes();
      return new FallbackClaim.Claimed(message(messageRef, item), ref, owner, leaseUntil);
    } catch (ConditionalCheckFailedException e) {
      Map<String, AttributeValue> current =
          e.hasItem() && !e.item().isEmpty() ? e.item() : read(ref);
      FallbackClaim.Reason reason = whyNot(current, now);
      if (reason == FallbackClaim.Reason.WINDOW_PASSED && current.containsKey(PHONE_NUMBER)) {
        forgetAfterWindow(ref, now);
      }
      return new FallbackClaim.Declined(reason);
    }
  }

  /**
   * A status after the window: the person's details are of no more use, so they go now rather than
   * at the item's expiry. Only while the window has passed and no fallback holds them.
   */
  private void forgetAfterWindow(String ref, Instant now) {
    try {
      calls.call(
          () ->
              dynamoDb.updateItem(
                  r ->
                      r.tableName(table)
                          .key(Map.of(ID, s(ref)))
                          .updateExpression(FORGET_PERSON.strip())
                          .conditionExpression(
                              "attribute_exists(#id) AND #sentAt <= :cutoff"
                                  + " AND attribute_not_exists(#owner)")
                          .expressionAttributeNames(
                              withPerson(
                                  Map.of("#id", ID, "#sentAt", SENT_AT, "#owner", FALLBACK_OWNER)))
                          .expressionAttributeValues(
                              Map.of(":cutoff", n(now.minus(window).toEpochMilli())))
                          .overrideConfiguration(calls.timeout(null))));
    } catch (ConditionalCheckFailedException e) {
      // claimed or gone meanwhile: the claim's own record removes them, or the item is gone
    }
  }

  @Override
  public boolean markSending(FallbackClaim.Claimed claim) {
    Map<String, String> names = new HashMap<>();
    names.put("#owner", FALLBACK_OWNER);
    names.put("#state", FALLBACK_STATE);
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":owner", s(claim.owner()));
    values.put(":sending", s(FallbackState.SENDING.name()));
    return owned(claim, "SET #state = :sending", names, values);
  }

  @Override
  public boolean recordFallback(FallbackClaim.Claimed claim, DeliveryOutcome outcome) {
    Map<String, String> names = new HashMap<>();
    names.put("#owner", FALLBACK_OWNER);
    names.put("#state", FALLBACK_STATE);
    names.put("#channel", FALLBACK_CHANNEL);
    names.put("#from", FALLBACK_FROM);
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":owner", s(claim.owner()));
    values.put(":channel", s(outcome.channel()));
    List<AttributeValue> from = new ArrayList<>();
    outcome.fallbackFrom().forEach(label -> from.add(s(label)));
    values.put(":from", AttributeValue.builder().l(from).build());
    String set = "SET #state = :state, #channel = :channel, #from = :from";
    if (outcome instanceof DeliveryOutcome.Delivered delivered) {
      values.put(":state", s(FallbackState.SENT.name()));
      if (delivered.messageRef() != null) {
        names.put("#messageRef", FALLBACK_MESSAGE_REF);
        values.put(":messageRef", s(delivered.messageRef()));
        set += ", #messageRef = :messageRef";
      }
    } else {
      DeliveryOutcome.Failed failed = (DeliveryOutcome.Failed) outcome;
      values.put(":state", s(FallbackState.FAILED.name()));
      names.put("#kind", FALLBACK_FAILURE_KIND);
      values.put(":kind", s(failed.kind().name()));
      set += ", #kind = :kind";
    }
    names.putAll(withPerson(Map.of()));
    names.put("#lease", FALLBACK_LEASE);
    return owned(claim, set + FORGET_PERSON + ", #lease", names, values);
  }

  @Override
  public boolean releaseFallback(FallbackClaim.Claimed claim) {
    Map<String, String> names = new HashMap<>();
    names.put("#owner", FALLBACK_OWNER);
    names.put("#state", FALLBACK_STATE);
    Map<String, AttributeValue> values = new HashMap<>();
    names.put("#lease", FALLBACK_LEASE);
    values.put(":owner", s(claim.owner()));
    return owned(claim, "REMOVE #owner, #state, #lease", names, values);
  }

  /** One UpdateItem that only the claim's holder may make. */
  private boolean owned(
      FallbackClaim.Claimed claim,
      String update,
      Map<String, String> names,
      Map<String, AttributeValue> values) {
    try {
      calls.call(
          () ->
              dynamoDb.updateItem(
                  r ->
                      r.tableName(table)
                          .key(Map.of(ID, s(claim.ref())))
                          .updateExpression(update)
                          .conditionExpression("#owner = :owner")
                          .expressionAttributeNames(names)
                          .expressionAttributeValues(values)
                          .overrideConfiguration(calls.timeout(null))));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  /** The claim's condition, read back in the order a reader of the logs would ask. */
  private FallbackClaim.Reason whyNot(Map<String, AttributeValue> item, Instant now) {
    if (item == null
        || item.isEmpty()
        || number(item, EXPIRES_AT) < now.getEpochSecond()
        || !item.containsKey(SENT_AT)) {
      return FallbackClaim.Reason.UNKNOWN;
    }
    if (item.containsKey(DELIVERED_AT) || item.containsKey(READ_AT)) {
      return FallbackClaim.Reason.AFTER_DELIVERY;
    }
    if (item.containsKey(FALLBACK_OWNER)) {
      return FallbackClaim.Reason.ALREADY_CLAIMED;
    }
    return FallbackClaim.Reason.WINDOW_PASSED;
  }

  private static Map<String, String> claimNames() {
    return Map.of(
        "#id", ID,
        "#expiresAt", EXPIRES_AT,
        "#sentAt", SENT_AT,
        "#deliveredAt", DELIVERED_AT,
        "#readAt", READ_AT,
        "#owner", FALLBACK_OWNER,
        "#state", FALLBACK_STATE,
        "#lease", FALLBACK_LEASE);
  }

  /** {@code names} and the names {@link #FORGET_PERSON} uses. */
  private static Map<String, String> withPerson(Map<String, String> names) {
    Map<String, String> all = new HashMap<>(names);
    all.put("#ciphertext", CIPHERTEXT);
    all.put("#phoneNumber", PHONE_NUMBER);
    all.put("#userName", USER_NAME);
    return all;
  }

  private Map<String, AttributeValue> read(String ref) {
    return calls
        .call(
            () ->
                dynamoDb.getItem(
                    r ->
                        r.tableName(table)
                            .key(Map.of(ID, s(ref)))
                            .consistentRead(true)
                            .overrideConfiguration(calls.timeout(null))))
        .item();
  }

  private static TrackedMessage message(String messageRef, Map<String, AttributeValue> item) {
    try {
      return new TrackedMessage(
          messageRef,
          item.get(CIPHERTEXT).s(),
          item.get(USER_POOL_ID).s(),
          item.get(USER_NAME).s(),
          TriggerSource.fromWireName(item.get(TRIGGER_SOURCE).s()).orElseThrow(),
          item.get(PHONE_NUMBER).s(),
          item.get(CHANNEL).s(),
          (int) number(item, CHANNEL_INDEX),
          Instant.ofEpochMilli(number(item, SENT_AT)),
          item.containsKey(APP_CLIENT_ID) ? item.get(APP_CLIENT_ID).s() : null,
          item.containsKey(LANGUAGE) ? item.get(LANGUAGE).s() : null);
    } catch (RuntimeException e) {
      throw new DeliveryLedgerUnavailableException(
          "message ledger: unreadable item " + key(messageRef));
    }
  }

  private String newOwner() {
    byte[] token = new byte[16];
    random.nextBytes(token);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
  }

  private static long number(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
  }
}
