package dev.cognitowa.otp.settings;

import java.util.Set;

/**
 * One environment variable: its name, when it is needed, its default as the readers apply it, its
 * range for whole numbers, who reads it, and one line of doc for the reference page.
 *
 * @param name the variable; a {@code <SOURCE>} or {@code <lang>} part stands for a family
 * @param required when it must be set, e.g. "in AWS, with {@code whatsapp}"; empty when never
 * @param defaultValue the value used when unset, as text; null when there is none
 * @param min the least whole number accepted, or null when the value is not a whole number
 * @param max the largest whole number accepted, or null
 * @param readers who reads it
 * @param doc one line: what it sets
 */
public record Setting(
    String name,
    String required,
    String defaultValue,
    Integer min,
    Integer max,
    Set<Reader> readers,
    String doc) {

  public Setting {
    readers = Set.copyOf(readers);
  }

  /** The default of a whole-number setting. */
  public int defaultInt() {
    return Integer.parseInt(defaultValue);
  }

  /** True when {@code value} is a whole number in range (whole-number settings only). */
  public boolean accepts(int value) {
    return value >= min && value <= max;
  }

  /** {@code min..max}, or empty for a setting that is not a whole number. */
  public String range() {
    return min == null ? "" : min + ".." + max;
  }
}
