package dev.cognitowa.otp.sender.event;

import java.util.Optional;

/** The seven trigger sources Cognito sends to a custom SMS sender; any other value is refused. */
public enum TriggerSource {
  SIGN_UP("CustomSMSSender_SignUp"),
  RESEND_CODE("CustomSMSSender_ResendCode"),
  FORGOT_PASSWORD("CustomSMSSender_ForgotPassword"),
  UPDATE_USER_ATTRIBUTE("CustomSMSSender_UpdateUserAttribute"),
  VERIFY_USER_ATTRIBUTE("CustomSMSSender_VerifyUserAttribute"),
  AUTHENTICATION("CustomSMSSender_Authentication"),
  ADMIN_CREATE_USER("CustomSMSSender_AdminCreateUser");

  private final String wireName;

  TriggerSource(String wireName) {
    this.wireName = wireName;
  }

  /** The name as Cognito writes it in {@code triggerSource}. */
  public String wireName() {
    return wireName;
  }

  /** True when {@code request.code} holds a temporary password rather than a one-time code. */
  public boolean carriesTemporaryPassword() {
    return this == ADMIN_CREATE_USER;
  }

  /** The suffix used in per-source environment names, e.g. {@code FORGOT_PASSWORD}. */
  public String environmentSuffix() {
    return name();
  }

  public static Optional<TriggerSource> fromWireName(String value) {
    for (TriggerSource source : values()) {
      if (source.wireName.equals(value)) {
        return Optional.of(source);
      }
    }
    return Optional.empty();
  }
}
