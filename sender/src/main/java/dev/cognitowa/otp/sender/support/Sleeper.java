package dev.cognitowa.otp.sender.support;

import java.time.Duration;

/** Waits between attempts; tests record instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
  Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

  void sleep(Duration duration) throws InterruptedException;
}
