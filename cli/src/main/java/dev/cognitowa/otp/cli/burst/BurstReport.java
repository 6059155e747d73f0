package dev.cognitowa.otp.cli.burst;

import dev.cognitowa.otp.cli.burst.BurstPlan.PlannedEvent;
import dev.cognitowa.otp.sender.support.Json;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a burst did, in counts only: per event whether the phone got its code once, more than once
 * or never, what Lambda did around the handler, and what the stand-in accepted and refused. No code
 * and no number appears here.
 *
 * @param ledger how duplicates were guarded: "off", or the ledger's table
 * @param deliveredOnce events whose code the stand-in accepted exactly once
 * @param duplicated events whose code it accepted more than once
 * @param extraMessages messages beyond the first, over all duplicated events
 * @param lost events whose code it never accepted
 * @param inDlqDelivered records in the failed-deliveries queue whose event reached the phone all
 *     the same (a repeated delivery that found the first still in progress, say): replaying them
 *     must not send again
 */
public record BurstReport(
    BurstSettings settings,
    String ledger,
    int resends,
    int deliveredOnce,
    int duplicated,
    long extraMessages,
    int lost,
    int inDlqDelivered,
    Counts counts,
    RateLimitedCloudApi.Tally graph,
    Duration drain) {

  /**
   * What happened around the handler.
   *
   * @param invocations handler invocations, retries and repeated deliveries included
   * @param redeliveries Lambda's retries of failed invocations
   * @param repeatedDeliveries extra copies handed out by at-least-once delivery
   * @param toDestination invocations given up on: retries spent, or expired (the stack's
   *     failed-deliveries queue)
   * @param expired of those, events older than the maximum event age when handed out
   * @param failures failed invocations by cause: "error 130429", "TRANSIENT_EXHAUSTED", "timeout",
   *     an exception
   * @param outcomes the handler's log lines by their {@code "outcome"} field
   */
  public record Counts(
      long invocations,
      long redeliveries,
      long repeatedDeliveries,
      long toDestination,
      long expired,
      Map<String, Long> failures,
      Map<String, Long> outcomes) {}

  static BurstReport of(
      BurstSettings settings,
      BurstPlan plan,
      RateLimitedCloudApi api,
      List<PlannedEvent> toDestination,
      Counts counts,
      Duration drain) {
    int once = 0;
    int duplicated = 0;
    int lost = 0;
    long extra = 0;
    for (PlannedEvent event : plan.events()) {
      int times = api.timesAccepted(event.recipient(), event.code());
      if (times == 0) {
        lost++;
      } else if (times == 1) {
        once++;
      } else {
        duplicated++;
        extra += times - 1;
      }
    }
    int inDlqDelivered =
        (int)
            toDestination.stream()
                .filter(e -> api.timesAccepted(e.recipient(), e.code()) > 0)
                .count();
    return new BurstReport(
        settings,
        "off",
        plan.repeats(),
        once,
        duplicated,
        extra,
        lost,
        inDlqDelivered,
        counts,
        api.tally(),
        drain);
  }

  /** The same report, naming the ledger that guarded it. */
  public BurstReport withLedger(String ledger) {
    return new BurstReport(
        settings,
        ledger,
        resends,
        deliveredOnce,
        duplicated,
        extraMessages,
        lost,
        inDlqDelivered,
        counts,
        graph,
        drain);
  }

  /** The burst's goal: every event's code on the phone exactly once. */
  public boolean goalMet() {
    return duplicated == 0 && lost == 0;
  }

  /** One JSON object, a key a line, in reading order. */
  public String toJson() {
    double seconds = drain.toNanos() / 1e9;
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("events", settings.events());
    r.put("containers", settings.containers());
    r.put("seed", settings.seed());
    r.put("ledger", ledger);
    r.put("delivered", deliveredOnce + duplicated);
    r.put("deliveredOnce", deliveredOnce);
    r.put("duplicated", duplicated);
    r.put("extraMessages", extraMessages);
    r.put("lost", lost);
    r.put("inDlq", counts.toDestination());
    r.put("inDlqDelivered", inDlqDelivered);
    r.put("expired", counts.expired());
    r.put("resends", resends);
    r.put("repeatedDeliveries", counts.repeatedDeliveries());
    r.put("redeliveries", counts.redeliveries());
    r.put("handlerInvocations", counts.invocations());
    r.put("handlerFailures", counts.failures().values().stream().mapToLong(Long::longValue).sum());
    r.put("failuresByCause", counts.failures());
    r.put("handlerOutcomes", counts.outcomes());
    r.put("graphRequests", graph.requests());
    r.put("graphAccepted", graph.accepted());
    r.put("errors130429", graph.throughputRejections());
    r.put("errors131056", graph.pairRejections());
    r.put("otherGraphErrors", graph.otherRejections());
    r.put("drainSeconds", round(seconds, 1));
    r.put("acceptedPerSecond", round(graph.accepted() / seconds, 1));
    return r.entrySet().stream()
        .map(e -> "  \"" + e.getKey() + "\": " + value(e.getValue()))
        .collect(Collectors.joining(",\n", "{\n", "\n}"));
  }

  @SuppressWarnings("unchecked")
  private static String value(Object value) {
    if (value instanceof Map<?, ?> map) {
      return Json.write((Map<String, ?>) map);
    }
    return value instanceof String text
        ? "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\""
        : String.valueOf(value);
  }

  private static double round(double value, int digits) {
    return Double.parseDouble(String.format(Locale.ROOT, "%." + digits + "f", value));
  }
}
