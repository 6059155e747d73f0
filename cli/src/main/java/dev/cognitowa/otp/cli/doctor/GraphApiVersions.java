package dev.cognitowa.otp.cli.doctor;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

/**
 * When Meta retires each Graph API version, so {@code otp doctor} can warn before the configured
 * one stops working. Copied from Meta's table "Graph API Versions" on {@value #SOURCE} as it read
 * on {@value #AS_OF}: "Available Until" per version; a version still "TBD" there has no entry.
 */
public final class GraphApiVersions {
  public static final String SOURCE =
      "https://developers.facebook.com/docs/graph-api/changelog/versions/";
  public static final String AS_OF = "2026-12-08";

  /** How long before the end date the doctor starts to warn: one quarter to upgrade in. */
  public static final int WARN_DAYS = 90;

  /** Version → the last day Meta serves it ("Available Until"). */
  static final Map<String, LocalDate> AVAILABLE_UNTIL =
      Map.ofEntries(
          Map.entry("v25.0", LocalDate.of(2028, 7, 29)),
          Map.entry("v24.0", LocalDate.of(2028, 2, 18)),
          Map.entry("v23.0", LocalDate.of(2027, 10, 8)),
          Map.entry("v22.0", LocalDate.of(2027, 5, 20)),
          Map.entry("v21.0", LocalDate.of(2027, 1, 21)),
          Map.entry("v20.0", LocalDate.of(2026, 9, 24)),
          Map.entry("v19.0", LocalDate.of(2026, 5, 21)),
          Map.entry("v18.0", LocalDate.of(2026, 1, 26)),
          Map.entry("v17.0", LocalDate.of(2025, 9, 12)),
          Map.entry("v16.0", LocalDate.of(2025, 5, 14)));

  private GraphApiVersions() {}

  /** The end date Meta published for {@code version}, if any. */
  public static Optional<LocalDate> availableUntil(String version) {
    return Optional.ofNullable(AVAILABLE_UNTIL.get(version));
  }

  /** The doctor's line about {@code version} on {@code today}. */
  public static CheckResult check(String version, LocalDate today) {
    Optional<LocalDate> end = availableUntil(version);
    if (end.isEmpty()) {
      return CheckResult.pass(
          "api-version", version + ": no end date published (Meta's table as of " + AS_OF + ")");
    }
    long days = ChronoUnit.DAYS.between(today, end.get());
    if (days < 0) {
      return CheckResult.fail(
          "api-version",
          version
              + " was retired by Meta on "
              + end.get()
              + " -> set WHATSAPP_API_VERSION to a current version ("
              + SOURCE
              + ")");
    }
    if (days <= WARN_DAYS) {
      return CheckResult.warn(
          "api-version",
          version
              + " is retired by Meta on "
              + end.get()
              + " (in "
              + days
              + " days) -> move WHATSAPP_API_VERSION to a newer version ("
              + SOURCE
              + ")");
    }
    return CheckResult.pass("api-version", version + " is served until " + end.get());
  }
}
