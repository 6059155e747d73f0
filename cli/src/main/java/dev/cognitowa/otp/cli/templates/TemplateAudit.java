package dev.cognitowa.otp.cli.templates;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Compares the templates the configuration sends with those the account has: for each wanted name
 * and language, approved, not approved (with Meta's status) or missing, and a remedy when not
 * approved. {@code otp templates list} prints it; {@code otp doctor} runs it as one of its checks.
 */
public final class TemplateAudit {
  private TemplateAudit() {}

  /**
   * One wanted template's state.
   *
   * @param wanted the template and language the configuration sends
   * @param found the account's template of that name and language, if any
   */
  public record Line(WantedTemplate wanted, Optional<ExistingTemplate> found) {
    /** Sendable: it exists, is approved and has the category the sender relies on. */
    public boolean ok() {
      return found.isPresent() && found.get().approved() && categoryMatches();
    }

    /** APPROVED, PENDING, REJECTED, ... or MISSING. */
    public String status() {
      return found.map(ExistingTemplate::status).orElse("MISSING");
    }

    /** Empty when ok, else what to do. */
    public String remedy() {
      if (found.isEmpty()) {
        return "create it: otp templates create --languages " + wanted.language();
      }
      ExistingTemplate t = found.get();
      if (t.approved() && !categoryMatches()) {
        return "Meta lists it as "
            + t.category()
            + ", the sender needs "
            + wanted.category()
            + ": delete it in WhatsApp Manager and create it again";
      }
      return switch (t.status()) {
        case "APPROVED" -> "";
        case "PENDING", "IN_APPEAL" -> "wait for Meta's review (minutes to a day)";
        case "REJECTED" ->
            "see the reason in WhatsApp Manager, edit or delete it, then create again";
        case "PAUSED" -> "paused for low quality: see WhatsApp Manager, then resume it";
        default -> "Meta says " + t.status() + ": see WhatsApp Manager";
      };
    }

    private boolean categoryMatches() {
      String category = found.map(ExistingTemplate::category).orElse("");
      return category.isEmpty() || category.equals(wanted.category().name());
    }

    /** The line as printed: name, language, status, remedy. */
    public String format() {
      String remedy = remedy();
      return String.format(
              Locale.ROOT, "%-28s %-7s %-9s %s", wanted.name(), wanted.language(), status(), remedy)
          .stripTrailing();
    }
  }

  /** One line per wanted template and language, in the configuration's order. */
  public static List<Line> compare(List<WantedTemplate> wanted, List<ExistingTemplate> existing) {
    List<Line> lines = new ArrayList<>();
    for (WantedTemplate w : wanted) {
      lines.add(new Line(w, find(existing, w)));
    }
    return lines;
  }

  /** The account's template of that name and language. */
  static Optional<ExistingTemplate> find(List<ExistingTemplate> existing, WantedTemplate wanted) {
    return existing.stream()
        .filter(t -> wanted.name().equals(t.name()) && wanted.language().equals(t.language()))
        .findFirst();
  }
}
