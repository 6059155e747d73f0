package dev.cognitowa.otp.sender.delivery;

/** How one delivery ended; the caller branches on it. Failures are outcomes here, not exceptions. */
public sealed interface DeliveryOutcome {

  /** The channel's name, e.g. {@code whatsapp}. */
  String channel();

  /** Attempts made, including the successful one. */
  int attempts();

  /**
   * The provider accepted the message (accepted, not yet delivered to the phone).
   *
   * @param duplicate true when nothing was sent now: the delivery ledger shows this event was accepted before, and
   *     channel, message id and attempts are the recorded ones
   */
  record Delivered(String channel, String messageId, int attempts, boolean duplicate) implements DeliveryOutcome {
    /** A message accepted now. */
    public Delivered(String channel, String messageId, int attempts) {
      this(channel, messageId, attempts, false);
    }
  }

  /**
   * The provider did not accept the message and no further attempt will be made in this invocation.
   *
   * @param kind why it stopped
   * @param errorCode the provider's error code (Graph {@code error.code}), or null for network failures
   * @param reason a short description that never holds a secret or a whole phone number
   */
  record Failed(String channel, FailureKind kind, Integer errorCode, String reason, int attempts)
      implements DeliveryOutcome {}

  /** Why a delivery failed, so operators know whether to wait, fix configuration or give up on a recipient. */
  enum FailureKind {
    /** Transient errors (throttling, 5xx, network) until the retry budget or the time left ran out. */
    TRANSIENT_EXHAUSTED,
    /** The recipient cannot receive it (e.g. 131026, not on WhatsApp); candidate for an SMS fallback. */
    RECIPIENT_UNREACHABLE,
    /** Token, permission, template or account problem: an operator must fix configuration. */
    CONFIGURATION,
    /**
     * Graph refused the token (error 190) and no fresh one could be loaded (Secrets Manager failing): retryable, as
     * Secrets Manager may come back, and alarm-worthy, as every message fails meanwhile.
     */
    TOKEN_REFRESH_FAILED,
    /** The request was refused for another permanent reason (invalid parameter, policy, spam limit). */
    REJECTED,
    /**
     * The last attempt may have reached the provider (a timeout after the request was sent, a 2xx without a message
     * id): the code may arrive or not. Retried like a transient error, as a duplicate of the same code is a nuisance
     * while a lost one locks the user out (docs/RELIABILITY.md).
     */
    OUTCOME_UNKNOWN
  }
}
