package dev.cognitowa.otp.cli.templates;

import java.util.Locale;

/**
 * A template as Meta (or End User Messaging Social) lists it, one per name and language.
 *
 * @param name the template name
 * @param language its language code
 * @param status Meta's review status: APPROVED, PENDING, REJECTED, PAUSED, DISABLED, ...
 * @param category Meta's category, which Meta may change after review
 * @param id Meta's template id, or empty when not given
 */
public record ExistingTemplate(
    String name, String language, String status, String category, String id) {
  /** Only an approved template can be sent. */
  public static final String APPROVED = "APPROVED";

  public ExistingTemplate {
    status = status == null ? "UNKNOWN" : status.toUpperCase(Locale.ROOT);
    category = category == null ? "" : category.toUpperCase(Locale.ROOT);
    id = id == null ? "" : id;
  }

  public boolean approved() {
    return APPROVED.equals(status);
  }

  /**
   * True when waiting will not make it approved: REJECTED, PAUSED, DISABLED (or anything else Meta
   * adds that is neither approved nor in review), so someone has to act.
   */
  public boolean needsAction() {
    return !approved() && !"PENDING".equals(status) && !"IN_APPEAL".equals(status);
  }
}
