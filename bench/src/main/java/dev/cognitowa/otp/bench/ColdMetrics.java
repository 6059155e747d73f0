package dev.cognitowa.otp.bench;

import dev.cognitowa.otp.sender.observability.DeliveryLogLine;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.Locale;

/**
 * The start-up cost of the metrics: what the first embedded-metric-format log line costs beyond the
 * plain log line the handler writes anyway (same JVM, the JSON writer already loaded). Run on the
 * Lambda jar's class path with the Lambda runtime's JIT setting: {@code java
 * -XX:TieredStopAtLevel=1 -cp sender/target/otp-sender-lambda.jar:bench/target/classes
 * dev.cognitowa.otp.bench.ColdMetrics}. Prints the line on stdout, and on stderr the classes the
 * first metrics call loaded and its wall time, then a warm call's.
 */
public final class ColdMetrics {
  private ColdMetrics() {}

  public static void main(String[] args) {
    ClassLoadingMXBean classes = ManagementFactory.getClassLoadingMXBean();
    // the handler's state before its first metrics: one plain line written
    String plain = line().toJson();
    long loadedBefore = classes.getTotalLoadedClassCount();
    long started = System.nanoTime();
    String first = line().withMetrics(Instant.now()).toJson();
    long firstNanos = System.nanoTime() - started;
    long loaded = classes.getTotalLoadedClassCount() - loadedBefore;
    started = System.nanoTime();
    String warm = line().withMetrics(Instant.now()).toJson();
    long warmNanos = System.nanoTime() - started;
    System.out.println(first);
    System.err.printf(
        Locale.ROOT,
        "plain line %d bytes; first metrics line %d bytes: %d classes loaded, %d us; warm %d us%n",
        plain.length(),
        first.length(),
        loaded,
        firstNanos / 1_000,
        warmNanos / 1_000 + (warm.isEmpty() ? 1 : 0));
  }

  /** A delivered event's line, as the handler writes it (made-up values, masked number). */
  private static DeliveryLogLine line() {
    return new DeliveryLogLine("INFO")
        .with("requestId", "9f0c2d1e-cold-metrics")
        .with("triggerSource", "CustomSMSSender_SignUp")
        .with("userPoolId", "eu-west-1_EXAMPLE")
        .with("recipient", "+********4567")
        .with("template", "otp_code")
        .with("language", "en_US")
        .with("channel", "whatsapp")
        .with("attempts", 1)
        .with("outcome", "sent")
        .with("messageId", "5f0c2a4be1d9a7c3e8b6f1d2a4c6e8f0b2d4f6a8c0e2f4a6b8d0f2e4a6c8e0f2")
        .with("latencyMs", 231);
  }
}
