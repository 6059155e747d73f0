package dev.cognitowa.otp.cli.doctor;

import java.util.Locale;

/**
 * The outcome of one {@code otp doctor} check: one line, with the remedy in the detail when it
 * failed.
 *
 * @param check a short name, e.g. {@code token}
 * @param status passed, failed, or skipped because the setting it checks is not used
 * @param detail what was found, or what is wrong and what to do
 */
public record CheckResult(String check, Status status, String detail) {
  /** PASS, FAIL or SKIP; only FAIL makes the doctor exit non-zero. */
  public enum Status {
    PASS,
    FAIL,
    SKIP
  }

  public static CheckResult pass(String check, String detail) {
    return new CheckResult(check, Status.PASS, detail);
  }

  public static CheckResult fail(String check, String detail) {
    return new CheckResult(check, Status.FAIL, detail);
  }

  public static CheckResult skip(String check, String detail) {
    return new CheckResult(check, Status.SKIP, detail);
  }

  public boolean failed() {
    return status == Status.FAIL;
  }

  /** {@code FAIL token Meta error 190 ... -> renew the token ...} */
  public String format() {
    return String.format(Locale.ROOT, "%-4s  %-14s %s", status, check, detail);
  }
}
