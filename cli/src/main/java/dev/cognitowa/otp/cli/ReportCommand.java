package dev.cognitowa.otp.cli;

import dev.cognitowa.otp.cli.report.FunnelReport;
import dev.cognitowa.otp.cli.report.FunnelRow;
import dev.cognitowa.otp.cli.report.Prices;
import dev.cognitowa.otp.sender.config.EnvironmentVariables;
import dev.cognitowa.otp.sender.config.SenderConfigurationException;
import dev.cognitowa.otp.sender.support.Json;
import dev.cognitowa.otp.sender.wiring.AwsClients;
import java.io.PrintWriter;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code otp report}: the delivery funnel from the ledger's table, per channel and country: sends,
 * deliveries, reads, codes used, failures and refusals, conversion, the median time to verify and
 * the cost per verified user.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "The delivery funnel from the ledger table (OTP_LEDGER_TABLE), per channel and country.",
      "Exit status: 0 printed, 2 bad configuration."
    })
final class ReportCommand implements Callable<Integer> {
  /** The funnel's counters are kept eight days: a week back is the most a report can see. */
  static final Duration MAX_SINCE = Duration.ofDays(7);

  @ParentCommand OtpCli parent;
  @Spec CommandSpec spec;

  @Option(
      names = "--since",
      defaultValue = "24h",
      paramLabel = "DURATION",
      description = "How far back, e.g. 90m, 24h, 7d (default: ${DEFAULT-VALUE}; at most 7d).")
  String since;

  @Option(
      names = "--output",
      defaultValue = "text",
      paramLabel = "FORMAT",
      description = "text or json (default: ${DEFAULT-VALUE}).")
  String output;

  @Option(
      names = "--price",
      paramLabel = "CHANNEL[:COUNTRY]=USD",
      description =
          "A send's price, over docs/explanation/cost.md's (e.g. sms:NG=0.28, sms=0.05); repeatable.")
  List<String> prices = new ArrayList<>();

  @Override
  public Integer call() {
    List<String> problems = new ArrayList<>();
    Duration window = duration(since, problems);
    if (!"text".equals(output) && !"json".equals(output)) {
      problems.add("--output must be text or json");
    }
    String table = parent.env().get(EnvironmentVariables.LEDGER_TABLE);
    if (table == null || table.isBlank()) {
      problems.add(EnvironmentVariables.LEDGER_TABLE + " is not set: the report reads that table");
    }
    Prices priced = null;
    try {
      priced = Prices.withOverrides(prices);
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
    if (!problems.isEmpty()) {
      throw new SenderConfigurationException(problems);
    }
    List<FunnelRow> rows =
        new FunnelReport(new AwsClients(parent.env()).dynamoDb(table.strip()), table.strip())
            .rows(Instant.now().minus(window), priced);
    PrintWriter out = spec.commandLine().getOut();
    if ("json".equals(output)) {
      List<Map<String, Object>> json = new ArrayList<>();
      rows.forEach(row -> json.add(json(row)));
      out.println(Json.write(Map.of("rows", json)));
    } else {
      text(rows, out);
    }
    return Failures.SENT;
  }

  private static Map<String, Object> json(FunnelRow row) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("channel", row.channel());
    line.put("country", row.country());
    line.put("sent", row.sent());
    line.put("otherSent", row.other());
    line.put("delivered", row.delivered());
    line.put("read", row.read());
    line.put("verified", row.verified());
    line.put("failed", row.failed());
    line.put("refused", row.refused());
    line.put("conversion", Math.round(row.conversion() * 1000) / 1000.0);
    line.put(
        "medianTimeToVerifySeconds",
        row.medianTimeToVerify() == null ? null : row.medianTimeToVerify().toMillis() / 1000.0);
    line.put(
        "costPerVerifiedUsd",
        row.costPerVerified() == null
            ? null
            : row.costPerVerified().setScale(4, RoundingMode.HALF_UP).doubleValue());
    return line;
  }

  private static void text(List<FunnelRow> rows, PrintWriter out) {
    String format = "%-13s %-7s %6s %6s %9s %6s %8s %6s %7s %10s %8s %12s%n";
    out.printf(
        format,
        "channel",
        "country",
        "sent",
        "other",
        "delivered",
        "read",
        "verified",
        "failed",
        "refused",
        "conversion",
        "median",
        "USD/verified");
    for (FunnelRow row : rows) {
      out.printf(
          Locale.ROOT,
          format,
          row.channel(),
          row.country(),
          row.sent(),
          row.other(),
          row.delivered(),
          row.read(),
          row.verified(),
          row.failed(),
          row.refused(),
          String.format(Locale.ROOT, "%.0f %%", row.conversion() * 100),
          row.medianTimeToVerify() == null ? "-" : row.medianTimeToVerify().toSeconds() + " s",
          row.costPerVerified() == null
              ? "-"
              : row.costPerVerified().setScale(4, RoundingMode.HALF_UP).toPlainString());
    }
    if (rows.isEmpty()) {
      out.println("(no sends in this period)");
    }
  }

  /** {@code 90m}, {@code 24h}, {@code 7d} or an ISO-8601 duration such as {@code PT36H}. */
  static Duration duration(String text, List<String> problems) {
    Duration parsed = null;
    try {
      if (text.matches("[0-9]{1,6}[mhd]")) {
        long n = Long.parseLong(text.substring(0, text.length() - 1));
        parsed =
            switch (text.charAt(text.length() - 1)) {
              case 'm' -> Duration.ofMinutes(n);
              case 'h' -> Duration.ofHours(n);
              default -> Duration.ofDays(n);
            };
      } else {
        parsed = Duration.parse(text);
      }
    } catch (DateTimeParseException e) {
      // reported below
    }
    if (parsed == null
        || parsed.isNegative()
        || parsed.isZero()
        || parsed.compareTo(MAX_SINCE) > 0) {
      problems.add("--since must be a duration such as 90m, 24h or 7d, at most 7d");
      return MAX_SINCE;
    }
    return parsed;
  }
}
