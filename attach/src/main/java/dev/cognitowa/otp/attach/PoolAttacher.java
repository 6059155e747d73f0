package dev.cognitowa.otp.attach;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CustomSMSLambdaVersionConfigType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.LambdaConfigType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UpdateUserPoolRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.KeyUsageType;

/**
 * Attaches the sender to an existing user pool and detaches it, touching nothing else: it reads the
 * pool with DescribeUserPool, carries every setting into UpdateUserPool ({@link PoolUpdates}), and
 * changes only {@code LambdaConfig.CustomSMSSender} and {@code LambdaConfig.KMSKeyID}. Plans first,
 * so the operator sees the diff; {@link #apply} sends it. The CLI and the stack's custom resource
 * both run this class.
 */
public final class PoolAttacher {

  /** User pool ids: the region, an underscore, then letters and digits (UserPoolIdType). */
  private static final Pattern POOL_ID = Pattern.compile("[\\w-]+_[0-9a-zA-Z]+");

  /** "You must use a LambdaVersion of V1_0 with a custom sender function." */
  static final String LAMBDA_VERSION = "V1_0";

  /**
   * How a refusal to replace another sender or key ends; the custom resource words it its own way.
   */
  static final String REPLACE_HINT = "pass --replace to replace it";

  private final CognitoIdentityProviderClient cognito;
  private final KmsClient kms;
  private final GrantCheck grantCheck;

  public PoolAttacher(CognitoIdentityProviderClient cognito, KmsClient kms, GrantCheck grantCheck) {
    this.cognito = cognito;
    this.kms = kms;
    this.grantCheck = grantCheck;
  }

  /**
   * The update that points the pool at {@code wanted}.
   *
   * @param mayReplace whether a sender or key the pool already names, different from {@code
   *     wanted}, may be replaced ({@code --replace}; the custom resource replaces only its own)
   * @throws AttachRefusedException with the one reason not to
   */
  public AttachPlan planAttach(
      String poolId, SenderAttachment wanted, Predicate<SenderAttachment> mayReplace) {
    checkPoolId(poolId);
    SenderAttachment.checkFunctionArn(wanted.functionArn());
    if (wanted.keyArn() == null || wanted.keyArn().isBlank()) {
      throw new AttachRefusedException("--key must name the sender's KMS key (its ARN)");
    }
    UserPoolType pool = describe(poolId);
    String region = regionOf(pool, poolId);
    KeyMetadata key = checkKey(wanted.keyArn(), region);
    SenderAttachment target = new SenderAttachment(wanted.functionArn(), key.arn());
    LambdaConfigType current = pool.lambdaConfig();
    Optional<SenderAttachment> existing = SenderAttachment.of(current);
    if (existing.isPresent()) {
      refuseReplacing(poolId, existing.get(), target, mayReplace, current);
    }
    List<String> notes = new ArrayList<>();
    grantCheck.check(poolId, target.keyArn()).ifPresent(notes::add);
    UpdateUserPoolRequest.Builder update = PoolUpdates.carryingEverything(pool);
    UpdateUserPoolRequest unchanged = update.build();
    UpdateUserPoolRequest request = update.lambdaConfig(target.applyTo(current)).build();
    return new AttachPlan(poolId, unchanged, request, notes);
  }

  /**
   * The update that removes what attach set: the custom SMS sender, and the key unless the pool's
   * custom email sender still needs it.
   *
   * @param onlyFunction when present, detach only if the pool's sender is this function (the custom
   *     resource never removes a sender it did not set); otherwise any
   */
  public AttachPlan planDetach(String poolId, Optional<String> onlyFunction) {
    checkPoolId(poolId);
    UserPoolType pool = describe(poolId);
    UpdateUserPoolRequest.Builder update = PoolUpdates.carryingEverything(pool);
    UpdateUserPoolRequest unchanged = update.build();
    LambdaConfigType current = pool.lambdaConfig();
    Optional<SenderAttachment> existing = SenderAttachment.of(current);
    List<String> notes = new ArrayList<>();
    if (existing.isEmpty()) {
      notes.add("the pool has no custom SMS sender; nothing to detach");
      return new AttachPlan(poolId, unchanged, unchanged, notes);
    }
    if (onlyFunction.isPresent() && !onlyFunction.get().equals(existing.get().functionArn())) {
      notes.add(
          "the pool's custom SMS sender is "
              + existing.get().functionArn()
              + ", not "
              + onlyFunction.get()
              + "; left as it is");
      return new AttachPlan(poolId, unchanged, unchanged, notes);
    }
    LambdaConfigType.Builder detached =
        current.toBuilder().customSMSSender((CustomSMSLambdaVersionConfigType) null);
    if (current.customEmailSender() == null) {
      detached.kmsKeyID(null);
    } else {
      notes.add(
          "the key stays: the pool's custom email sender ("
              + current.customEmailSender().lambdaArn()
              + ") uses it");
    }
    return new AttachPlan(poolId, unchanged, update.lambdaConfig(detached.build()).build(), notes);
  }

  /** Sends the plan's update, when it changes anything. */
  public void apply(AttachPlan plan) {
    if (plan.changesPool()) {
      cognito.updateUserPool(plan.request());
    }
  }

  private UserPoolType describe(String poolId) {
    try {
      return cognito.describeUserPool(r -> r.userPoolId(poolId)).userPool();
    } catch (ResourceNotFoundException e) {
      throw new AttachRefusedException(
          "user pool " + poolId + " not found (" + AwsErrors.describe(e) + ")");
    }
  }

  private static void refuseReplacing(
      String poolId,
      SenderAttachment existing,
      SenderAttachment target,
      Predicate<SenderAttachment> mayReplace,
      LambdaConfigType current) {
    boolean otherSender = existing.functionArn() != null && !existing.sameFunction(target);
    boolean otherKey = existing.keyArn() != null && !existing.sameKey(target);
    if (otherKey && current.customEmailSender() != null) {
      throw new AttachRefusedException(
          "pool "
              + poolId
              + "'s custom email sender uses KMS key "
              + existing.keyArn()
              + " and a pool has one key for both senders: attach with --key "
              + existing.keyArn());
    }
    if ((otherSender || otherKey) && !mayReplace.test(existing)) {
      throw new AttachRefusedException(
          "pool "
              + poolId
              + " already has "
              + (otherSender
                  ? "custom SMS sender " + existing.functionArn()
                  : "KMS key " + existing.keyArn())
              + "; "
              + REPLACE_HINT);
    }
  }

  private KeyMetadata checkKey(String keyArn, String poolRegion) {
    Optional<String> arnRegion = arnRegion(keyArn);
    if (arnRegion.isPresent() && !arnRegion.get().equals(poolRegion)) {
      throw new AttachRefusedException(
          "KMS key "
              + keyArn
              + " is in "
              + arnRegion.get()
              + ", the pool in "
              + poolRegion
              + ": Cognito needs a key in the pool's region");
    }
    KeyMetadata key = kms.describeKey(r -> r.keyId(keyArn)).keyMetadata();
    if (key.keySpec() != KeySpec.SYMMETRIC_DEFAULT
        || key.keyUsage() != KeyUsageType.ENCRYPT_DECRYPT) {
      throw new AttachRefusedException(
          "KMS key "
              + key.arn()
              + " is "
              + key.keySpecAsString()
              + " for "
              + key.keyUsageAsString()
              + ": Cognito's custom sender needs a symmetric encryption key (SYMMETRIC_DEFAULT)");
    }
    if (key.keyState() != KeyState.ENABLED) {
      throw new AttachRefusedException(
          "KMS key " + key.arn() + " is " + key.keyStateAsString() + ", not Enabled");
    }
    String keyRegion = arnRegion(key.arn()).orElse(poolRegion);
    if (!keyRegion.equals(poolRegion)) {
      throw new AttachRefusedException(
          "KMS key " + key.arn() + " is in " + keyRegion + ", the pool in " + poolRegion);
    }
    return key;
  }

  private static void checkPoolId(String poolId) {
    if (poolId == null || !POOL_ID.matcher(poolId).matches()) {
      throw new AttachRefusedException(
          "--pool must be a user pool id like eu-west-1_AbCdEf123, was "
              + (poolId == null ? "nothing" : "'" + poolId + "'"));
    }
  }

  /** The pool's region: from its ARN, else the id's prefix (ids begin with their region). */
  static String regionOf(UserPoolType pool, String poolId) {
    return Optional.ofNullable(pool.arn())
        .flatMap(PoolAttacher::arnRegion)
        .orElse(poolId.substring(0, poolId.indexOf('_')));
  }

  /** The region of an ARN ({@code arn:partition:service:region:...}); empty for a bare key id. */
  static Optional<String> arnRegion(String arn) {
    String[] parts = arn.split(":", 6);
    return parts.length == 6 && parts[0].equals("arn") && !parts[3].isEmpty()
        ? Optional.of(parts[3])
        : Optional.empty();
  }
}
