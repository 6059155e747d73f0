package dev.cognitowa.otp.sender.conversion;

import java.time.Instant;
import java.util.Optional;

/**
 * The latest send per pool, user and {@link SourceFamily}, and whether its code was used. Both
 * verbs throw the ledger's unchecked exception when the store cannot be asked; the callers log it
 * and carry on (a send was made either way; a sign-in must never wait on it).
 */
public interface VerificationLedger {
  /** Keeps {@code send} as the latest of its family for this user, until its code expires. */
  void recordSend(
      String userPoolId, String userName, SourceFamily family, SendRecord send, Instant deadline);

  /**
   * Marks the latest send of the family verified, once, if its code is still valid at {@code now}.
   *
   * @return the send verified; empty when there is none, it expired or it was verified already
   */
  Optional<Verified> markVerified(
      String userPoolId, String userName, SourceFamily family, Instant now, Instant deadline);
}
