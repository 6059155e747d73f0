package dev.cognitowa.otp.sender.phone;

/**
 * What kind of line a valid number belongs to, by libphonenumber's metadata for its region (its
 * {@code PhoneNumberType}, same names, same order of precedence). The SMS channels send only to the
 * kinds that take a text message from a person's phone: anything else is where SMS pumping sends
 * its traffic (premium rate and shared cost lines pay their owner per message).
 */
public enum NumberType {
  FIXED_LINE("fixed line", false),
  MOBILE("mobile", true),
  /** The plan does not tell the two apart (the US, Canada, China...): most are mobiles. */
  FIXED_LINE_OR_MOBILE("fixed line or mobile", true),
  TOLL_FREE("toll free", false),
  PREMIUM_RATE("premium rate", false),
  SHARED_COST("shared cost", false),
  VOIP("VoIP", false),
  PERSONAL_NUMBER("personal number", false),
  PAGER("pager", false),
  UAN("UAN", false),
  VOICEMAIL("voicemail", false),
  UNKNOWN("unknown", false);

  private final String label;
  private final boolean receivesSms;

  NumberType(String label, boolean receivesSms) {
    this.label = label;
    this.receivesSms = receivesSms;
  }

  /** How a log line names it, e.g. {@code premium rate}. */
  public String label() {
    return label;
  }

  /** Whether the SMS channels may send to it: mobile, or fixed line or mobile. */
  public boolean receivesSms() {
    return receivesSms;
  }
}
