package dev.cognitowa.otp.sender.conversion;

import dev.cognitowa.otp.sender.event.TriggerSource;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The codes one Cognito trigger can tell were used: a send is recorded under its family, and a Post
 * confirmation or Post authentication event marks the latest send of the families it proves.
 * Attribute verification ({@code UpdateUserAttribute}, {@code VerifyUserAttribute}) has no family:
 * Cognito calls no trigger when a user verifies an attribute (docs/guides/verification.md).
 */
public enum SourceFamily {
  /**
   * {@code SignUp} and {@code ResendCode}: proved by {@code PostConfirmation_ConfirmSignUp}. 24
   * hours is the validity commonly given for Cognito's sign-up codes; we found no AWS page that
   * states it, and a longer bound only keeps the item longer, never marks a wrong send.
   */
  SIGN_UP("sign-up", Duration.ofHours(24), true),
  /**
   * {@code ForgotPassword}: proved by {@code PostConfirmation_ConfirmForgotPassword}. "The recovery
   * code is valid for one hour"
   * (https://docs.aws.amazon.com/cognito/latest/developerguide/how-to-recover-a-user-account.html).
   */
  FORGOT_PASSWORD("forgot-password", Duration.ofHours(1), true),
  /**
   * {@code Authentication} (SMS MFA, passwordless SMS OTP): proved by {@code
   * PostAuthentication_Authentication}. The code lives 3 minutes; the app client's authentication
   * session at most 15, so 15 bounds it.
   */
  SIGN_IN("sign-in", Duration.ofMinutes(15), true),
  /**
   * {@code AdminCreateUser}: the temporary password, proved by the user's first sign-in ({@code
   * PostAuthentication_Authentication} after the new-password challenge). Valid for the pool's
   * {@code TemporaryPasswordValidityDays}, 7 by default; kept out of the conversion breaker, whose
   * window is an hour.
   */
  TEMPORARY_PASSWORD("temporary-password", Duration.ofDays(7), false);

  private final String id;
  private final Duration validity;
  private final boolean converts;

  SourceFamily(String id, Duration validity, boolean converts) {
    this.id = id;
    this.validity = validity;
    this.converts = converts;
  }

  /** How items and log lines name the family, e.g. {@code sign-up}. */
  public String id() {
    return id;
  }

  /** How long a code of this family may still be used after it was sent. */
  public Duration validity() {
    return validity;
  }

  /**
   * Whether its codes are usually used within minutes, so a send counts toward its channel's and
   * country's conversion (and the breaker).
   */
  public boolean converts() {
    return converts;
  }

  /** The family of a custom SMS sender trigger source; empty for attribute verification. */
  public static Optional<SourceFamily> of(TriggerSource source) {
    return switch (source) {
      case SIGN_UP, RESEND_CODE -> Optional.of(SIGN_UP);
      case FORGOT_PASSWORD -> Optional.of(FORGOT_PASSWORD);
      case AUTHENTICATION -> Optional.of(SIGN_IN);
      case ADMIN_CREATE_USER -> Optional.of(TEMPORARY_PASSWORD);
      case UPDATE_USER_ATTRIBUTE, VERIFY_USER_ATTRIBUTE -> Optional.empty();
    };
  }

  /**
   * The families a Post confirmation or Post authentication trigger source proves, in the order
   * their latest send is looked for; empty for any other source.
   */
  public static List<SourceFamily> provedBy(String triggerSource) {
    return switch (triggerSource) {
      case "PostConfirmation_ConfirmSignUp" -> List.of(SIGN_UP);
      case "PostConfirmation_ConfirmForgotPassword" -> List.of(FORGOT_PASSWORD);
      case "PostAuthentication_Authentication" -> List.of(SIGN_IN, TEMPORARY_PASSWORD);
      default -> List.of();
    };
  }
}
