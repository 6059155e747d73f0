package dev.cognitowa.otp.cli.doctor;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of one {@code otp doctor} check: one line, with the remedy in the detail when it
 * failed.
 *
 * @param check a short name, e.g. {@code token}
 * @param status passed, failed, or skipped because the setting it checks is not used
 * @param detail what was found, or what is wrong and what to do
 */
public record CheckResult(String check, Status status, String detail) {
  /** PASS, WARN, FAIL or SKIP; only FAIL makes the doctor exit non-zero. */
  public enum Status {
    PASS,
    WARN,
    FAIL,
    SKIP
  }

  public static CheckResult pass(String check, String detail) {
    return new CheckResult(check, Status.PASS, detail);
  }

  public static CheckResult fail(String check, String detail) {
    return new CheckResult(check, Status.FAIL, detail);
  }

  /** Works today, needs attention soon (e.g. a Graph version near its end date). */
  public static CheckResult warn(String check, String detail) {
    return new CheckResult(check, Status.WARN, detail);
  }

  public static CheckResult skip(String check, String detail) {
    return new CheckResult(check, Status.SKIP, detail);
  }

  public boolean failed() {
    return status == Status.FAIL;
  }

  /** The check as JSON fields: {@code check}, {@code status}, {@code detail}. */
  public Map<String, Object> toJson() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("check", check);
    fields.put("status", status.name());
    fields.put("detail", detail);
    return fields;
  }

  /** {@code FAIL token Meta error 190 ... -> renew the token ...} */
  public String format() {
    return String.format(Locale.ROOT, "%-4s  %-14s %s", status, check, detail);
  }
}
