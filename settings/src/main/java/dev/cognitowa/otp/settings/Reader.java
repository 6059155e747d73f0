package dev.cognitowa.otp.settings;

/** Who reads a setting from its environment. */
public enum Reader {
  /** The custom SMS sender function (and {@code otp invoke}, {@code otp send}). */
  SENDER("sender"),
  /** The delivery-status function (and {@code otp status}). */
  STATUS("status"),
  /** The {@code otp} command's own commands ({@code templates}, {@code doctor}). */
  CLI("otp");

  private final String label;

  Reader(String label) {
    this.label = label;
  }

  /** How the reference pages name it. */
  public String label() {
    return label;
  }
}
