package dev.cognitowa.otp.cli.templates;

/** What became of one create request. */
public sealed interface CreateOutcome {
  /**
   * Submitted: Meta reviews it, or approves it at once (authentication templates often are).
   *
   * @param id Meta's template id
   * @param status Meta's status, usually PENDING or APPROVED
   */
  record Created(String id, String status) implements CreateOutcome {}

  /** Meta already had a template of this name and language: nothing was duplicated. */
  record AlreadyExists() implements CreateOutcome {}

  /**
   * Meta (or End User Messaging Social) refused it.
   *
   * @param reason which error, Meta's words (shortened, digit runs masked) and what to do
   */
  record Refused(String reason) implements CreateOutcome {}
}
