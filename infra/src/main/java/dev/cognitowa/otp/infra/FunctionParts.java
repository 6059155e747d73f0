package dev.cognitowa.otp.infra;

import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.lambda.Function;

/** What every function of the stack (sender, status, verification) says the same way. */
final class FunctionParts {
  private FunctionParts() {}

  /** Each function's alias publishes the version that carries its SnapStart snapshot. */
  static void acknowledgeSnapStartPublish(Function function) {
    Annotations.of(function)
        .acknowledgeWarning(
            "@aws-cdk/aws-lambda:snapStartRequirePublish",
            "The alias below publishes the version that carries the SnapStart snapshot.");
  }

  /** With tracing on, X-Ray's two actions need {@code *}: suppressed on the role, with why. */
  static void suppressXRayWildcard(Role role, boolean tracing) {
    if (tracing) {
      NagSuppressions.suppress(
          role.getNode().findChild("DefaultPolicy"),
          "AwsSolutions-IAM5",
          "X-Ray's PutTraceSegments and PutTelemetryRecords support no resource-level permissions.",
          "Resource::*");
    }
  }
}
