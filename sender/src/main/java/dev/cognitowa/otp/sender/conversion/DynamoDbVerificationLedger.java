package dev.cognitowa.otp.sender.conversion;

import static dev.cognitowa.otp.sender.support.DynamoDbCalls.n;
import static dev.cognitowa.otp.sender.support.DynamoDbCalls.s;
import static dev.cognitowa.otp.sender.support.DynamoDbCalls.text;

import dev.cognitowa.otp.sender.limits.NumberPseudonyms;
import dev.cognitowa.otp.sender.limits.SendLimitsUnavailableException;
import dev.cognitowa.otp.sender.support.DynamoDbCalls;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The verification ledger in the delivery ledger's table: one item per pool, user and family,
 * {@code id = "verify#" + HMAC-SHA256(pool, family, user)} under the deployment's pseudonym key
 * ({@link NumberPseudonyms}), so the table's readers can tell neither the user nor the number. A
 * send is one {@code UpdateItem} setting every attribute (the latest replaces the one before, and
 * no function needs {@code PutItem} for it); a verification one conditional {@code UpdateItem} that
 * returns the send, so it is marked at most once and only while the code is valid.
 */
public final class DynamoDbVerificationLedger implements VerificationLedger {
  /** Marks this ledger's items; an event's key (base64url) never holds a '#'. */
  public static final String PREFIX = "verify#";

  static final String ID = "id";
  static final String CHANNEL = "channel";
  static final String COUNTRY = "country";
  static final String TRIGGER_SOURCE = "triggerSource";
  static final String FAMILY = "family";
  static final String SENT_AT = "sentAt";
  static final String VALID_UNTIL = "validUntil";
  static final String VERIFIED_AT = "verifiedAt";
  static final String FEEDBACK_ID = "feedbackId";
  static final String EXPIRES_AT = "expiresAt";

  /**
   * Kept a day past the code's validity, so {@code otp report} can give the last day's time to
   * verify; then DynamoDB's TTL deletes it.
   */
  static final Duration KEPT_AFTER_VALIDITY = Duration.ofDays(1);

  private static final String UNUSED_AND_VALID =
      "attribute_exists(#id) AND #validUntil >= :now AND attribute_not_exists(#verifiedAt)";

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final NumberPseudonyms pseudonyms;
  private final DynamoDbCalls calls;

  /**
   * @param pseudonyms the deployment's keyed HMAC, the same the send limits name numbers with
   */
  public DynamoDbVerificationLedger(
      DynamoDbClient dynamoDb, String table, NumberPseudonyms pseudonyms, Clock clock) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.pseudonyms = pseudonyms;
    this.calls =
        new DynamoDbCalls("verification ledger", VerificationUnavailableException::new, clock);
  }

  /** The item's key: never the user's name, only its keyed pseudonym. */
  String idOf(String userPoolId, String userName, SourceFamily family, Instant deadline) {
    try {
      return PREFIX + pseudonyms.of(userPoolId, "verify:" + family.id() + ":" + userName, deadline);
    } catch (SendLimitsUnavailableException e) {
      throw new VerificationUnavailableException(e.getMessage());
    }
  }

  @Override
  public void recordSend(
      String userPoolId, String userName, SourceFamily family, SendRecord send, Instant deadline) {
    Instant validUntil = send.sentAt().plus(family.validity());
    Map<String, String> names = new HashMap<>();
    Map<String, AttributeValue> values = new HashMap<>();
    StringBuilder set = new StringBuilder("SET ");
    attribute(set, names, values, CHANNEL, s(send.channel()));
    attribute(set, names, values, COUNTRY, s(send.country()));
    attribute(set, names, values, TRIGGER_SOURCE, s(send.triggerSource()));
    attribute(set, names, values, FAMILY, s(family.id()));
    attribute(set, names, values, SENT_AT, n(send.sentAt().toEpochMilli()));
    attribute(set, names, values, VALID_UNTIL, n(validUntil.getEpochSecond()));
    attribute(
        set, names, values, EXPIRES_AT, n(validUntil.plus(KEPT_AFTER_VALIDITY).getEpochSecond()));
    String remove = " REMOVE #verifiedAt";
    names.put("#verifiedAt", VERIFIED_AT);
    if (send.feedbackId() != null) {
      attribute(set, names, values, FEEDBACK_ID, s(send.feedbackId()));
    } else {
      remove += ", #feedbackId";
      names.put("#feedbackId", FEEDBACK_ID);
    }
    String expression = set + remove;
    String id = idOf(userPoolId, userName, family, deadline);
    calls.run(
        () ->
            dynamoDb.updateItem(
                r ->
                    r.tableName(table)
                        .key(Map.of(ID, s(id)))
                        .updateExpression(expression)
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(values)
                        .overrideConfiguration(calls.timeout(deadline))));
  }

  /** Appends {@code #name = :name} to a SET clause. */
  private static void attribute(
      StringBuilder set,
      Map<String, String> names,
      Map<String, AttributeValue> values,
      String name,
      AttributeValue value) {
    if (!names.isEmpty()) {
      set.append(", ");
    }
    set.append('#').append(name).append(" = :").append(name);
    names.put("#" + name, name);
    values.put(":" + name, value);
  }

  @Override
  public Optional<Verified> markVerified(
      String userPoolId, String userName, SourceFamily family, Instant now, Instant deadline) {
    String id = idOf(userPoolId, userName, family, deadline);
    try {
      Map<String, AttributeValue> item =
          calls
              .call(
                  () ->
                      dynamoDb.updateItem(
                          r ->
                              r.tableName(table)
                                  .key(Map.of(ID, s(id)))
                                  .updateExpression("SET #verifiedAt = :nowMillis")
                                  .conditionExpression(UNUSED_AND_VALID)
                                  .expressionAttributeNames(
                                      Map.of(
                                          "#id", ID,
                                          "#validUntil", VALID_UNTIL,
                                          "#verifiedAt", VERIFIED_AT))
                                  .expressionAttributeValues(
                                      Map.of(
                                          ":now", n(now.getEpochSecond()),
                                          ":nowMillis", n(now.toEpochMilli())))
                                  .returnValues(ReturnValue.ALL_NEW)
                                  .overrideConfiguration(calls.timeout(deadline))))
              .attributes();
      return Optional.of(
          new Verified(
              new SendRecord(
                  text(item, CHANNEL),
                  text(item, COUNTRY),
                  text(item, TRIGGER_SOURCE),
                  Instant.ofEpochMilli(Long.parseLong(item.get(SENT_AT).n())),
                  text(item, FEEDBACK_ID)),
              family,
              now));
    } catch (ConditionalCheckFailedException e) {
      return Optional.empty(); // no send of this family, expired, or verified already
    }
  }
}
