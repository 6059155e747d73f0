package dev.cognitowa.otp.attach;

import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.ContextEntry;
import software.amazon.awssdk.services.iam.model.ContextKeyTypeEnum;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.PolicyEvaluationDecisionType;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Whether the caller may {@code kms:CreateGrant} on the key for the pool. Cognito creates its grant
 * on the custom sender's key with the identity that calls UpdateUserPool ("The IAM principal that
 * creates or updates your user pool creates a one-time grant against the KMS key ... Grant this
 * principal CreateGrant permissions for your KMS key",
 * https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-custom-sender-triggers.html),
 * so a caller without it would have the update refused. Checked with IAM's policy simulator
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulatePrincipalPolicy.html) for the
 * caller's user or role, with Cognito's encryption context; where the simulator cannot answer, a
 * note says what will be needed.
 */
public interface GrantCheck {

  /** The context key Cognito's grant carries and the key policy conditions on. */
  String USERPOOL_CONTEXT = "kms:EncryptionContext:userpool-id";

  /**
   * Checks the caller, for this pool's encryption context on this key.
   *
   * @return a note when the check could not decide
   * @throws AttachRefusedException when IAM denies the caller the grant
   */
  Optional<String> check(String poolId, String keyArn);

  /** What the caller needs, in one sentence. */
  static String needed(String poolId, String keyArn) {
    return "the caller needs kms:CreateGrant on "
        + keyArn
        + " with "
        + USERPOOL_CONTEXT
        + " = "
        + poolId
        + " (Cognito creates its grant on the key with the caller's identity)";
  }

  /** A check that does not run, with the reason; the stack's custom resource uses it. */
  static GrantCheck skipped(String reason) {
    return (poolId, keyArn) -> Optional.of(reason);
  }

  /** The simulator, for the identity STS names. */
  static GrantCheck simulated(StsClient sts, IamClient iam) {
    return (poolId, keyArn) -> {
      String caller;
      try {
        caller = sts.getCallerIdentity().arn();
      } catch (SdkException e) {
        return Optional.of(
            "could not tell who is calling ("
                + AwsErrors.describe(e)
                + "); "
                + needed(poolId, keyArn));
      }
      Optional<String> principal = CallerPrincipal.policySource(caller);
      if (principal.isEmpty()) {
        return Optional.of(
            "cannot simulate IAM policies for " + caller + "; " + needed(poolId, keyArn));
      }
      EvaluationResult result;
      try {
        result =
            iam.simulatePrincipalPolicy(
                    r ->
                        r.policySourceArn(principal.get())
                            .actionNames("kms:CreateGrant")
                            .resourceArns(keyArn)
                            .contextEntries(
                                ContextEntry.builder()
                                    .contextKeyName(USERPOOL_CONTEXT)
                                    .contextKeyType(ContextKeyTypeEnum.STRING)
                                    .contextKeyValues(poolId)
                                    .build()))
                .evaluationResults()
                .get(0);
      } catch (SdkException | IndexOutOfBoundsException e) {
        return Optional.of(
            "could not simulate kms:CreateGrant for "
                + principal.get()
                + " ("
                + (e instanceof SdkException sdk ? AwsErrors.describe(sdk) : "no result")
                + "); "
                + needed(poolId, keyArn));
      }
      if (result.evalDecision() != PolicyEvaluationDecisionType.ALLOWED) {
        throw new AttachRefusedException(
            principal.get()
                + " may not kms:CreateGrant on the key (IAM policy simulator: "
                + result.evalDecisionAsString()
                + "); "
                + needed(poolId, keyArn));
      }
      return Optional.empty();
    };
  }
}
