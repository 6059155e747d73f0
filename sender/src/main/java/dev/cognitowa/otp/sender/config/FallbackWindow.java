package dev.cognitowa.otp.sender.config;

import static dev.cognitowa.otp.sender.config.EnvironmentVariables.FALLBACK_WINDOW_SECONDS;

import dev.cognitowa.otp.settings.Settings;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code OTP_FALLBACK_WINDOW_SECONDS}: how long after a channel accepted a message a late {@code
 * failed} status still sends the code through the next channel. The sender reads it to let what it
 * keeps for that expire with the window; the status function, to decide.
 */
public final class FallbackWindow {
  /** The code's useful life: Cognito's sign-in codes last 3 minutes by default; 5 is generous. */
  public static final Duration DEFAULT =
      Duration.ofSeconds(Settings.FALLBACK_WINDOW_SECONDS.defaultInt());

  /**
   * An hour at most: by then the user has long asked for a new code, and the phone number is kept
   * no longer than the window.
   */
  static final int MAX_SECONDS = Settings.FALLBACK_WINDOW_SECONDS.max();

  /** Longer numbers are not echoed in a problem: they could be a phone number pasted here. */
  private static final int MAX_ECHOED_NUMBER = 99_999;

  private FallbackWindow() {}

  /** The window, 1..3600 s, default 300; a problem is added to {@code problems}, never thrown. */
  public static Duration fromEnvironment(Map<String, String> env, List<String> problems) {
    String raw = env.get(FALLBACK_WINDOW_SECONDS);
    if (raw == null || raw.isBlank()) {
      return DEFAULT;
    }
    String rule = " must be a whole number of seconds " + Settings.FALLBACK_WINDOW_SECONDS.range();
    try {
      int seconds = Integer.parseInt(raw.strip());
      if (!Settings.FALLBACK_WINDOW_SECONDS.accepts(seconds)) {
        problems.add(
            FALLBACK_WINDOW_SECONDS
                + rule
                + (Math.abs((long) seconds) <= MAX_ECHOED_NUMBER ? ", was " + seconds : ""));
        return DEFAULT;
      }
      return Duration.ofSeconds(seconds);
    } catch (NumberFormatException e) {
      problems.add(
          FALLBACK_WINDOW_SECONDS + rule + " (got " + raw.strip().length() + " characters)");
      return DEFAULT;
    }
  }
}
