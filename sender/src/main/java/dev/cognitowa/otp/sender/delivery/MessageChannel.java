package dev.cognitowa.otp.sender.delivery;

import java.time.Instant;

/** A way to get a message to a phone: the WhatsApp Cloud API today, others later. */
public interface MessageChannel {

  /** Short name used in logs and results, e.g. {@code whatsapp}. */
  String name();

  /**
   * Delivers one message, retrying transient failures while time allows.
   *
   * @param message what to send
   * @param deadline no attempt starts, and no retry sleep ends, after this instant
   * @return the outcome; never throws for provider or network failures
   */
  DeliveryOutcome deliver(OtpMessage message, Instant deadline);

  /**
   * Called after a SnapStart restore: draw afresh anything random that every restored container
   * would share.
   */
  default void afterRestore() {
    // nothing by default
  }
}
