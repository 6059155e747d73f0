package dev.cognitowa.otp.cli;

import dev.cognitowa.otp.cli.burst.BurstPlan;
import dev.cognitowa.otp.cli.burst.BurstReport;
import dev.cognitowa.otp.cli.burst.BurstSettings;
import dev.cognitowa.otp.cli.burst.BurstSimulation;
import dev.cognitowa.otp.cli.burst.LocalLedgerTable;
import dev.cognitowa.otp.cli.burst.RateLimitedCloudApi;
import dev.cognitowa.otp.cli.local.LocalCodeEncryptor;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code otp bench burst}: a seeded burst of Cognito events through the real handler, from many
 * concurrent containers, against a loopback Cloud API that enforces Meta's throughput and pair
 * limits, with Lambda's asynchronous retries and at-least-once repeated deliveries. Reports, per
 * event, whether the phone got its code once, more than once or never, and how long the burst took
 * to drain. Exit 0 when every code arrived exactly once.
 *
 * <p>The function's environment is the process's, pointed at the stand-in with a fresh local key:
 * set {@code OTP_LEDGER_TABLE} (and {@code AWS_ENDPOINT_URL_DYNAMODB}) to run with the delivery
 * ledger.
 */
@Command(
    name = "burst",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "A seeded burst through the real handler from many containers against a rate-limited loopback"
          + " Cloud API, with Lambda's retries and repeated deliveries; reports delivered, duplicated,"
          + " lost, drain time. Shows its progress on stderr.",
      "Reads the sender's environment (as invoke) except the Cloud API and key settings it sets"
          + " itself; OTP_LEDGER_TABLE with AWS_ENDPOINT_URL_DYNAMODB on loopback (bench/burst.sh)."
    })
final class BurstCommand implements Callable<Integer> {
  static final String POOL_ID = "eu-west-1_BURST0000";

  /**
   * Variables the burst sets itself: the stand-in, its token and the local key replace whatever was
   * configured.
   */
  private static final List<String> REPLACED =
      List.of(
          "KMS_KEY_ARN",
          "WHATSAPP_ACCESS_TOKEN_SECRET_ID",
          "WHATSAPP_API_BASE_URL",
          "WHATSAPP_PHONE_NUMBER_ID",
          "WHATSAPP_ACCESS_TOKEN",
          "COGNITO_USER_POOL_ID");

  @ParentCommand BenchCommand bench;
  @Spec CommandSpec spec;

  @Option(
      names = "--events",
      defaultValue = "10000",
      description = "Cognito events (default: ${DEFAULT-VALUE}).")
  int events;

  @Option(
      names = "--containers",
      defaultValue = "16",
      description =
          "Concurrent Lambda containers, one handler and thread each (default: ${DEFAULT-VALUE}).")
  int containers;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description =
          "Decides recipients, codes, resends, repeated "
              + "deliveries and order (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--repeat-rate",
      defaultValue = "0.05",
      description = "Share of events resent to a recent recipient (default: ${DEFAULT-VALUE}).")
  double repeatRate;

  @Option(
      names = "--duplicate-rate",
      defaultValue = "0.02",
      description = "Share of events Lambda delivers twice (default: ${DEFAULT-VALUE}).")
  double duplicateRate;

  @Option(
      names = "--duplicate-within",
      defaultValue = "2s",
      converter = DurationConverter.class,
      description =
          "The second copy is queued up to this long after the first (default: ${DEFAULT-VALUE}).")
  Duration duplicateWithin;

  @Option(
      names = "--arrival-rate",
      defaultValue = "200",
      description =
          "Events per second reaching Lambda's queue, 0 = all at once (default: ${DEFAULT-VALUE}).")
  double arrivalRate;

  @Option(
      names = "--rate",
      defaultValue = "80",
      description =
          "Messages per second the stand-in accepts for the number, else 130429 (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(
      names = "--pair-interval",
      defaultValue = "6s",
      converter = DurationConverter.class,
      description =
          "Shortest time between two messages to one recipient, else 131056 (default: ${DEFAULT-VALUE}).")
  Duration pairInterval;

  @Option(
      names = "--lambda-timeout",
      defaultValue = "10s",
      converter = DurationConverter.class,
      description =
          "Each invocation's time budget, the stack's timeout (default: ${DEFAULT-VALUE}).")
  Duration lambdaTimeout;

  @Option(
      names = "--lambda-retries",
      defaultValue = "1",
      description =
          "Asynchronous retries of a failed invocation, 0..2 (default: ${DEFAULT-VALUE}, the stack's).")
  int lambdaRetries;

  // Lambda waits about a minute; the function's timeout is the shortest that still outlasts a claim
  // in progress.
  @Option(
      names = "--retry-delay",
      defaultValue = "10s",
      converter = DurationConverter.class,
      description =
          "Before the first retry, doubling after; Lambda's is about 1m (default: ${DEFAULT-VALUE}).")
  Duration retryDelay;

  @Option(
      names = "--max-event-age",
      defaultValue = "5m",
      converter = DurationConverter.class,
      description =
          "Older events go to the failed-deliveries queue unprocessed (default: ${DEFAULT-VALUE}).")
  Duration maxEventAge;

  /** The abuse limits a burst switches off unless they are set. */
  private static final List<String> ABUSE_LIMITS =
      List.of(
          "OTP_LIMIT_PER_NUMBER_15MIN", "OTP_LIMIT_PER_NUMBER_DAY", "OTP_LIMIT_POOL_PER_MINUTE");

  @Override
  public Integer call() throws Exception {
    BurstSettings settings =
        new BurstSettings(
            events,
            containers,
            seed,
            repeatRate,
            duplicateRate,
            duplicateWithin,
            arrivalRate,
            rate,
            pairInterval,
            lambdaTimeout,
            lambdaRetries,
            retryDelay,
            maxEventAge);
    if (!settings.problems().isEmpty()) {
      throw new ParameterException(spec.commandLine(), String.join("; ", settings.problems()));
    }
    PrintWriter out = spec.commandLine().getOut();
    Map<String, String> base = bench.parent.env();
    try {
      LocalLedgerTable.checkEndpoint(base);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    String ledger =
        base.get("OTP_LEDGER_TABLE") == null ? "off" : "table " + base.get("OTP_LEDGER_TABLE");
    out.printf(
        Locale.ROOT,
        "burst: %d events, %d containers, ledger %s; drawing and encrypting the events...%n",
        events,
        containers,
        ledger);
    out.flush();
    LocalCodeEncryptor encryptor =
        LocalCodeEncryptor.withRandomKey("otp-burst", "cognito-code-key");
    BurstPlan plan =
        BurstPlan.generate(
            events, seed, repeatRate, duplicateRate, duplicateWithin, encryptor, POOL_ID);
    String token = "burst-" + Long.toHexString(new SecureRandom().nextLong());
    // Each Lambda container is its own JVM with its own kept-alive connection; here they share one
    // JVM, whose
    // keep-alive cache holds 5 connections per host by default. Read once, when the JDK's HTTP
    // client first loads.
    System.setProperty("http.maxConnections", Integer.toString(Math.max(5, containers)));
    BurstReport report;
    try (RateLimitedCloudApi api =
        RateLimitedCloudApi.start(
            BenchCommand.DEFAULT_PHONE_NUMBER_ID, token, rate, pairInterval, containers + 2)) {
      Map<String, String> env = new HashMap<>(base);
      REPLACED.forEach(env::remove);
      env.putAll(encryptor.environment());
      env.put("WHATSAPP_PHONE_NUMBER_ID", BenchCommand.DEFAULT_PHONE_NUMBER_ID);
      env.put("WHATSAPP_ACCESS_TOKEN", token);
      env.put("WHATSAPP_API_BASE_URL", api.baseUrl().toString());
      env.put("COGNITO_USER_POOL_ID", POOL_ID);
      // the burst measures delivery under Meta's limits, not ours: the per-pool ceiling would
      // refuse most of it. Set OTP_LIMIT_* explicitly to run it with the abuse limits.
      for (String limit : ABUSE_LIMITS) {
        env.putIfAbsent(limit, "0");
      }
      report =
          BurstSimulation.run(
                  settings,
                  plan,
                  LocalLedgerTable.prepare(env),
                  api,
                  line -> {
                    spec.commandLine().getErr().println(line);
                    spec.commandLine().getErr().flush();
                  })
              .withLedger(ledger);
    }
    out.println("command: " + settings.command());
    out.println(report.toJson());
    out.println(
        report.goalMet()
            ? "goal met: every code delivered exactly once (0 duplicated, 0 lost)"
            : "goal NOT met: "
                + report.duplicated()
                + " duplicated, "
                + report.lost()
                + " lost (goal: 0 and 0)");
    out.flush();
    return report.goalMet() ? Failures.SENT : Failures.DELIVERY_FAILED;
  }

  /**
   * Durations as people write them: {@code 500ms}, {@code 6s}, {@code 5m}, or ISO-8601 ({@code
   * PT6S}).
   */
  static final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m)");

    @Override
    public Duration convert(String value) {
      Matcher m = SHORT.matcher(value.strip());
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          default -> Duration.ofMinutes(n);
        };
      }
      return Duration.parse(value.strip());
    }
  }
}
