package dev.cognitowa.otp.sender.delivery;

import java.util.List;

/**
 * How one delivery ended; the caller branches on it. Failures are outcomes here, not exceptions.
 */
public sealed interface DeliveryOutcome {

  /** The channel's name, e.g. {@code whatsapp}. */
  String channel();

  /** Attempts made, including the successful one. */
  int attempts();

  /**
   * Failures of earlier channels in the chain, in the order they were tried; empty when this
   * channel was first.
   */
  List<Failed> earlierFailures();

  /**
   * The earlier failures as results and log lines show them: {@code channel:errorCode}, or {@code
   * channel:failureKind} when the provider gave no code, e.g. {@code ["whatsapp:131026"]}.
   */
  default List<String> fallbackFrom() {
    return earlierFailures().stream().map(Failed::label).toList();
  }

  /** The same outcome, reached after these earlier channels failed. */
  DeliveryOutcome afterFailures(List<Failed> earlier);

  /**
   * The provider accepted the message (accepted, not yet delivered to the phone).
   *
   * @param messageRef the provider's message id as {@link MessageRef} keeps it, never the raw id (a
   *     WhatsApp id holds the recipient's number); null when the provider gave none
   * @param duplicate true when nothing was sent now: the delivery ledger shows this event was
   *     accepted before, and channel, message id and attempts are the recorded ones
   * @param earlierFailures channels tried before this one, which failed (empty for a duplicate: not
   *     recorded)
   */
  record Delivered(
      String channel,
      String messageRef,
      int attempts,
      boolean duplicate,
      List<Failed> earlierFailures)
      implements DeliveryOutcome {
    public Delivered {
      earlierFailures = earlierFailures == null ? List.of() : List.copyOf(earlierFailures);
    }

    /**
     * A message the provider accepted now, under {@code providerMessageId}: the raw id goes no
     * further than this, only its reference.
     */
    public static Delivered accepted(String channel, String providerMessageId, int attempts) {
      return new Delivered(channel, MessageRef.of(providerMessageId), attempts, false);
    }

    /** A message accepted by the first channel tried, now or (duplicate) before. */
    public Delivered(String channel, String messageRef, int attempts, boolean duplicate) {
      this(channel, messageRef, attempts, duplicate, List.of());
    }

    @Override
    public Delivered afterFailures(List<Failed> earlier) {
      return new Delivered(channel, messageRef, attempts, duplicate, earlier);
    }
  }

  /**
   * The provider did not accept the message and no further attempt will be made in this invocation.
   *
   * @param kind why it stopped
   * @param errorCode the provider's error code (Graph {@code error.code}), or null for network
   *     failures
   * @param reason a short description that never holds a secret or a whole phone number
   * @param earlierFailures channels tried before this one, which failed too
   */
  record Failed(
      String channel,
      FailureKind kind,
      Integer errorCode,
      String reason,
      int attempts,
      List<Failed> earlierFailures)
      implements DeliveryOutcome {
    public Failed {
      earlierFailures = earlierFailures == null ? List.of() : List.copyOf(earlierFailures);
    }

    /** A failure of the first channel tried. */
    public Failed(
        String channel, FailureKind kind, Integer errorCode, String reason, int attempts) {
      this(channel, kind, errorCode, reason, attempts, List.of());
    }

    @Override
    public Failed afterFailures(List<Failed> earlier) {
      return new Failed(channel, kind, errorCode, reason, attempts, earlier);
    }

    /**
     * {@code whatsapp:131026}, or {@code whatsapp:TRANSIENT_EXHAUSTED} when there is no error code.
     */
    public String label() {
      return channel + ":" + (errorCode != null ? errorCode.toString() : kind.name());
    }
  }

  /**
   * Why a delivery failed, so operators know whether to wait, fix configuration or give up on a
   * recipient.
   */
  enum FailureKind {
    /**
     * Transient errors (throttling, 5xx, network) until the retry budget or the time left ran out.
     */
    TRANSIENT_EXHAUSTED,
    /**
     * The recipient cannot receive it (e.g. 131026, not on WhatsApp); candidate for an SMS
     * fallback.
     */
    RECIPIENT_UNREACHABLE,
    /** Token, permission, template or account problem: an operator must fix configuration. */
    CONFIGURATION,
    /**
     * Graph refused the token (error 190) and no fresh one could be loaded (Secrets Manager
     * failing): retryable, as Secrets Manager may come back, and alarm-worthy, as every message
     * fails meanwhile.
     */
    TOKEN_REFRESH_FAILED,
    /**
     * The request was refused for another permanent reason (invalid parameter, policy, spam limit).
     */
    REJECTED,
    /**
     * The last attempt may have reached the provider (a timeout after the request was sent, a 2xx
     * without a message id): the code may arrive or not. Retried like a transient error, as a
     * duplicate of the same code is a nuisance while a lost one locks the user out
     * (docs/explanation/reliability.md).
     */
    OUTCOME_UNKNOWN,
    /**
     * Refused before sending by an abuse limit (per number, per pool, per country): nothing was
     * sent or paid for, and the invocation does not fail, as a retry would be refused again.
     */
    REFUSED_BY_LIMIT
  }
}
