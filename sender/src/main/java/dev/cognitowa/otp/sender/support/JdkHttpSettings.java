package dev.cognitowa.otp.sender.support;

/**
 * Settings of the JDK's HTTP client that its {@code sun.net.www.http.HttpClient} reads once, when
 * that class is loaded: they only take effect if set before the first URL connection of the JVM,
 * whoever makes it (the AWS SDK's URL-connection client for KMS or Secrets Manager, or the Graph
 * client). So every class of ours that can lead to a connection applies them in its static
 * initialiser: the handler, the wiring, the AWS clients and the Graph client.
 */
public final class JdkHttpSettings {
  /** The JDK re-sends a POST once when a kept-alive connection turns out stale mid-response. */
  static final String RETRY_POST = "sun.net.http.retryPost";

  private JdkHttpSettings() {}

  /**
   * Turns the JDK's silent POST retry off (unless the JVM was started with an explicit value): for
   * us a re-sent POST can be a second OTP on the user's phone, so every retry is RetryPolicy's
   * decision, counted and logged.
   */
  public static void apply() {
    if (System.getProperty(RETRY_POST) == null) {
      System.setProperty(RETRY_POST, "false");
    }
  }
}
