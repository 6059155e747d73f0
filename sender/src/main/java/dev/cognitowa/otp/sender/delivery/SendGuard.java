package dev.cognitowa.otp.sender.delivery;

import java.util.Optional;

/**
 * Asked for one event right before each paid send, once per channel tried: the abuse limits' one
 * door into the chain. An admission counts against the limits whether or not the channel then
 * delivers (it is the attempt that costs money); a refusal counts against nothing.
 */
@FunctionalInterface
public interface SendGuard {
  /** Admits every send: no limits configured, or a test that is not about them. */
  SendGuard NONE = channel -> Optional.empty();

  /**
   * Admits or refuses sending this event's message through {@code channel}.
   *
   * @param channel the channel about to send, e.g. {@code sms}
   * @return empty when admitted (and counted); the refusal otherwise (nothing counted)
   * @throws RuntimeException when the limits cannot be checked: the send must not go out unchecked
   */
  Optional<Refusal> admit(String channel);

  /**
   * Why a send was refused.
   *
   * @param limit the limit's setting name, e.g. {@code OTP_LIMIT_PER_NUMBER_15MIN}, or the rule's
   *     name where no setting governs it ({@code SMS_NUMBER_TYPE})
   * @param reason one line for the log, with the number masked (never whole)
   */
  record Refusal(String limit, String reason) {}
}
