package dev.cognitowa.otp.attach;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The IAM user or role whose policies stand for an STS caller identity. */
final class CallerPrincipal {

  /** arn:aws:sts::123456789012:assumed-role/Name/session: the role's policies apply. */
  private static final Pattern ASSUMED_ROLE =
      Pattern.compile("arn:(aws[a-zA-Z-]*):sts::(\\d{12}):assumed-role/([^/]+)/.+");

  private static final Pattern USER = Pattern.compile("arn:aws[a-zA-Z-]*:iam::\\d{12}:user/.+");

  private CallerPrincipal() {}

  /**
   * The ARN to simulate: the user itself, or the role behind an assumed-role session (a role with a
   * path is not found this way, and the simulation says so). Empty for the root user, federated
   * users and anything else the simulator cannot take.
   */
  static Optional<String> policySource(String callerArn) {
    if (USER.matcher(callerArn).matches()) {
      return Optional.of(callerArn);
    }
    Matcher role = ASSUMED_ROLE.matcher(callerArn);
    if (role.matches()) {
      return Optional.of(
          "arn:" + role.group(1) + ":iam::" + role.group(2) + ":role/" + role.group(3));
    }
    return Optional.empty();
  }
}
