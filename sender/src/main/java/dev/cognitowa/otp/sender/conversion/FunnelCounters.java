package dev.cognitowa.otp.sender.conversion;

import static dev.cognitowa.otp.sender.support.DynamoDbCalls.n;
import static dev.cognitowa.otp.sender.support.DynamoDbCalls.s;

import dev.cognitowa.otp.sender.support.DynamoDbCalls;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * The funnel per channel and country, in quarter-hour buckets of the delivery ledger's table:
 * {@code id = "conv#" + channel + "#" + country + "#" + the bucket's start} (epoch seconds),
 * counting paid sends ({@code sent}, or {@code other} for codes that are not used within minutes),
 * codes used ({@code verified}, credited to the bucket the code was sent in) and refusals. A send
 * is one {@code UpdateItem} that also tells the breaker where the bucket stands; the breaker's open
 * state is an attribute of the bucket it opened in ({@code openUntil}). Nothing here names a
 * person.
 */
public final class FunnelCounters {
  /** Marks the funnel's items; an event's key (base64url) never holds a '#'. */
  public static final String PREFIX = "conv#";

  /**
   * A quarter hour: four make the breaker's hour, and a report's rows add up exactly per bucket.
   */
  public static final Duration BUCKET = Duration.ofMinutes(15);

  /** The breaker judges the current bucket and the three before it: the last hour. */
  static final int WINDOW_BUCKETS = 4;

  /** Kept eight days, so {@code otp report --since 7d} sees a whole week. */
  public static final Duration KEPT = Duration.ofDays(8);

  public static final String SENT = "sent";
  public static final String OTHER = "other";
  public static final String VERIFIED = "verified";
  public static final String REFUSED = "refused";
  public static final String OPEN_UNTIL = "openUntil";
  static final String ID = "id";
  static final String EXPIRES_AT = "expiresAt";

  private static final String CLOSED = "attribute_not_exists(#openUntil) OR #openUntil <= :now";

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final DynamoDbCalls calls;

  public FunnelCounters(DynamoDbClient dynamoDb, String table, Clock clock) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.calls = new DynamoDbCalls("funnel counters", FunnelUnavailableException::new, clock);
  }

  /**
   * One bucket's counts.
   *
   * @param openUntil when the breaker opened in this bucket closes again; null when it did not
   */
  public record Bucket(Instant start, long sent, long verified, Instant openUntil) {}

  /** Where a send stands after {@link #countSend}. */
  record Counted(boolean admitted, Bucket bucket) {}

  /** The start of the bucket {@code time} falls in. */
  public static Instant startOf(Instant time) {
    long seconds = BUCKET.toSeconds();
    long epoch = time.getEpochSecond();
    return Instant.ofEpochSecond(epoch - Math.floorMod(epoch, seconds));
  }

  /** The item id of a bucket. */
  public static String id(String channel, String country, Instant start) {
    return PREFIX + channel + "#" + country + "#" + startOf(start).getEpochSecond();
  }

  /**
   * Counts one paid send in the current bucket; when {@code guarded}, only while the breaker did
   * not open in it.
   *
   * @param converts whether the send's code is usually used within minutes ({@code sent}), or not
   *     ({@code other})
   * @return admitted with the bucket as it is now; or not admitted with the bucket that is open
   */
  Counted countSend(
      String channel,
      String country,
      boolean converts,
      boolean guarded,
      Instant now,
      Instant deadline) {
    Instant start = startOf(now);
    try {
      Map<String, AttributeValue> item =
          calls
              .call(
                  () ->
                      dynamoDb.updateItem(
                          r -> {
                            r.tableName(table)
                                .key(Map.of(ID, s(id(channel, country, start))))
                                .updateExpression("ADD #count :one SET #expiresAt = :expiresAt")
                                .returnValues(ReturnValue.ALL_NEW)
                                .overrideConfiguration(calls.timeout(deadline));
                            if (guarded) {
                              r.conditionExpression(CLOSED)
                                  .returnValuesOnConditionCheckFailure(
                                      ReturnValuesOnConditionCheckFailure.ALL_OLD)
                                  .expressionAttributeNames(
                                      Map.of(
                                          "#count", converts ? SENT : OTHER,
                                          "#expiresAt", EXPIRES_AT,
                                          "#openUntil", OPEN_UNTIL))
                                  .expressionAttributeValues(
                                      Map.of(
                                          ":one", n(1),
                                          ":expiresAt", n(expiry(start)),
                                          ":now", n(now.getEpochSecond())));
                            } else {
                              r.expressionAttributeNames(
                                      Map.of(
                                          "#count",
                                          converts ? SENT : OTHER,
                                          "#expiresAt",
                                          EXPIRES_AT))
                                  .expressionAttributeValues(
                                      Map.of(":one", n(1), ":expiresAt", n(expiry(start))));
                            }
                          }))
              .attributes();
      return new Counted(true, bucket(start, item));
    } catch (ConditionalCheckFailedException e) {
      return new Counted(false, bucket(start, e.item() == null ? Map.of() : e.item()));
    }
  }

  /** Reads one bucket (eventually consistent: the breaker's earlier buckets change little). */
  Optional<Bucket> read(String channel, String country, Instant start, Instant deadline) {
    Map<String, AttributeValue> item =
        calls
            .call(
                () ->
                    dynamoDb.getItem(
                        r ->
                            r.tableName(table)
                                .key(Map.of(ID, s(id(channel, country, start))))
                                .overrideConfiguration(calls.timeout(deadline))))
            .item();
    return item == null || item.isEmpty()
        ? Optional.empty()
        : Optional.of(bucket(startOf(start), item));
  }

  /**
   * Opens the breaker in the current bucket until {@code until}, taking back the send that opened
   * it: it is refused, and counted so.
   */
  void trip(String channel, String country, Instant now, Instant until, Instant deadline) {
    calls.run(
        () ->
            dynamoDb.updateItem(
                r ->
                    r.tableName(table)
                        .key(Map.of(ID, s(id(channel, country, now))))
                        .updateExpression(
                            "SET #openUntil = :until ADD #sent :minusOne, #refused :one")
                        .expressionAttributeNames(
                            Map.of("#openUntil", OPEN_UNTIL, "#sent", SENT, "#refused", REFUSED))
                        .expressionAttributeValues(
                            Map.of(
                                ":until",
                                n(until.getEpochSecond()),
                                ":minusOne",
                                n(-1),
                                ":one",
                                n(1)))
                        .overrideConfiguration(calls.timeout(deadline))));
  }

  /** Counts a send refused by a limit or the breaker (nothing was paid). */
  void refused(String channel, String country, Instant now, Instant deadline) {
    add(channel, country, startOf(now), REFUSED, deadline);
  }

  /** Credits a used code to the bucket its send was counted in. */
  public void verified(String channel, String country, Instant sentAt, Instant deadline) {
    add(channel, country, startOf(sentAt), VERIFIED, deadline);
  }

  private void add(String channel, String country, Instant start, String what, Instant deadline) {
    calls.run(
        () ->
            dynamoDb.updateItem(
                r ->
                    r.tableName(table)
                        .key(Map.of(ID, s(id(channel, country, start))))
                        .updateExpression(
                            "ADD #count :one SET #expiresAt = if_not_exists(#expiresAt, :exp)")
                        .expressionAttributeNames(Map.of("#count", what, "#expiresAt", EXPIRES_AT))
                        .expressionAttributeValues(Map.of(":one", n(1), ":exp", n(expiry(start))))
                        .overrideConfiguration(calls.timeout(deadline))));
  }

  private static long expiry(Instant start) {
    return start.plus(BUCKET).plus(KEPT).getEpochSecond();
  }

  private static Bucket bucket(Instant start, Map<String, AttributeValue> item) {
    AttributeValue open = item.get(OPEN_UNTIL);
    return new Bucket(
        start,
        number(item, SENT),
        number(item, VERIFIED),
        open == null ? null : Instant.ofEpochSecond(Long.parseLong(open.n())));
  }

  /** A counter's value; 0 when the item has none yet. */
  public static long number(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
  }
}
