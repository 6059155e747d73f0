package dev.cognitowa.otp.cli.report;

import dev.cognitowa.otp.sender.conversion.DynamoDbVerificationLedger;
import dev.cognitowa.otp.sender.conversion.FunnelCounters;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The funnel read from the ledger's table with one paginated {@code Scan} (an operator's command,
 * never the functions', which may not scan): the {@code conv#} counters give sent, verified and
 * refused per channel, country and quarter hour; the {@code verify#} items the time each kept send
 * took to verify; the {@code msg#} items (tracked messages) delivered, read and late failures.
 */
public final class FunnelReport {
  private static final String MESSAGES = "msg#";

  private final DynamoDbClient dynamoDb;
  private final String table;

  public FunnelReport(DynamoDbClient dynamoDb, String table) {
    this.dynamoDb = dynamoDb;
    this.table = table;
  }

  /** The rows since {@code since}, by channel then country; costs from {@code prices}. */
  public List<FunnelRow> rows(Instant since, Prices prices) {
    Instant fromBucket = FunnelCounters.startOf(since);
    Map<String, Counts> byKey = new TreeMap<>();
    dynamoDb
        .scanPaginator(
            r ->
                r.tableName(table)
                    .filterExpression(
                        "begins_with(#id, :conv) OR begins_with(#id, :verify)"
                            + " OR begins_with(#id, :msg)")
                    .expressionAttributeNames(Map.of("#id", "id"))
                    .expressionAttributeValues(
                        Map.of(
                            ":conv", s(FunnelCounters.PREFIX),
                            ":verify", s(DynamoDbVerificationLedger.PREFIX),
                            ":msg", s(MESSAGES))))
        .items()
        .forEach(item -> add(item, since, fromBucket, byKey));
    List<FunnelRow> rows = new ArrayList<>();
    byKey.forEach((key, counts) -> rows.add(counts.row(prices)));
    return rows;
  }

  private static void add(
      Map<String, AttributeValue> item,
      Instant since,
      Instant fromBucket,
      Map<String, Counts> rows) {
    String id = item.get("id").s();
    if (id.startsWith(FunnelCounters.PREFIX)) {
      String[] parts = id.split("#", -1); // conv, channel, country, bucket start
      if (parts.length != 4
          || Instant.ofEpochSecond(Long.parseLong(parts[3])).isBefore(fromBucket)) {
        return;
      }
      Counts counts =
          rows.computeIfAbsent(parts[1] + "#" + parts[2], k -> new Counts(parts[1], parts[2]));
      counts.sent += FunnelCounters.number(item, FunnelCounters.SENT);
      counts.other += FunnelCounters.number(item, FunnelCounters.OTHER);
      counts.verified += FunnelCounters.number(item, FunnelCounters.VERIFIED);
      counts.refused += FunnelCounters.number(item, FunnelCounters.REFUSED);
      return;
    }
    String channel = text(item, "channel");
    String country = text(item, "country");
    Optional<Instant> sentAt = millis(item, "sentAt");
    if (channel == null || country == null || sentAt.isEmpty() || sentAt.get().isBefore(since)) {
      return;
    }
    Counts counts =
        rows.computeIfAbsent(channel + "#" + country, k -> new Counts(channel, country));
    if (id.startsWith(DynamoDbVerificationLedger.PREFIX)) {
      millis(item, "verifiedAt")
          .ifPresent(at -> counts.timesToVerify.add(Duration.between(sentAt.get(), at)));
    } else {
      boolean read = item.containsKey("readAt");
      counts.delivered += read || item.containsKey("deliveredAt") ? 1 : 0;
      counts.read += read ? 1 : 0;
      counts.failed += item.containsKey("lateFailure") ? 1 : 0;
    }
  }

  private static String text(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null ? null : value.s();
  }

  private static Optional<Instant> millis(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null || value.n() == null
        ? Optional.empty()
        : Optional.of(Instant.ofEpochMilli(Long.parseLong(value.n())));
  }

  private static AttributeValue s(String value) {
    return AttributeValue.builder().s(value).build();
  }

  /** One row's counts as the scan adds them up. */
  private static final class Counts {
    final String channel;
    final String country;
    long sent;
    long other;
    long delivered;
    long read;
    long verified;
    long failed;
    long refused;
    final List<Duration> timesToVerify = new ArrayList<>();

    Counts(String channel, String country) {
      this.channel = channel;
      this.country = country;
    }

    FunnelRow row(Prices prices) {
      Duration median = null;
      if (!timesToVerify.isEmpty()) {
        timesToVerify.sort(null);
        int n = timesToVerify.size();
        median =
            n % 2 == 1
                ? timesToVerify.get(n / 2)
                : timesToVerify.get(n / 2 - 1).plus(timesToVerify.get(n / 2)).dividedBy(2);
      }
      BigDecimal cost =
          verified == 0
              ? null
              : prices
                  .of(channel, country)
                  .map(
                      price ->
                          price
                              .multiply(BigDecimal.valueOf(sent + other))
                              .divide(BigDecimal.valueOf(verified), MathContext.DECIMAL64))
                  .orElse(null);
      return new FunnelRow(
          channel, country, sent, other, delivered, read, verified, failed, refused, median, cost);
    }
  }
}
