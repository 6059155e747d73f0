package dev.cognitowa.otp.attach;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UpdateUserPoolRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;

/**
 * Builds an UpdateUserPool request that carries every setting of a described pool, from the AWS
 * SDK's own model rather than a hand-written list: UpdateUserPool resets what it is not given
 * ("With the exception of UserPoolTier, if you don't provide a value for an attribute, Amazon
 * Cognito sets it to its default value",
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserPool.html),
 * so a field AWS adds to the request is carried as soon as the SDK knows it, with no change here.
 */
public final class PoolUpdates {

  /**
   * Request members whose value DescribeUserPool reports under another name in {@code
   * UserPoolType}.
   */
  static final Map<String, String> RENAMED = Map.of("UserPoolId", "Id", "PoolName", "Name");

  /**
   * Request members that must not be sent, each with the reason. Empty today: every member of
   * UpdateUserPoolRequest is a setting DescribeUserPool reports, and sending it back unchanged is
   * what keeps it. A member added here is left to Cognito's default, so add one only with the
   * documentation sentence that says why. {@code PoolUpdatesTest} fails when a request member is
   * neither carried nor listed here.
   */
  static final Map<String, String> NOT_SENT = Map.of();

  private PoolUpdates() {}

  /**
   * A request that, sent as it is, leaves the described pool as it was.
   *
   * @throws IllegalStateException when the SDK's request has a member this class cannot carry (the
   *     test catches it first)
   */
  public static UpdateUserPoolRequest.Builder carryingEverything(UserPoolType pool) {
    UpdateUserPoolRequest.Builder builder = UpdateUserPoolRequest.builder();
    Map<String, SdkField<?>> described = fieldsByName(pool.sdkFields());
    for (SdkField<?> field : builder.sdkFields()) {
      if (NOT_SENT.containsKey(field.memberName())) {
        continue;
      }
      SdkField<?> source = sourceOf(field, described).orElseThrow(() -> uncarried(field));
      field.set(builder, source.getValueOrDefault(pool));
    }
    return builder;
  }

  /**
   * The described pool's member that a request member is carried from, when {@code UserPoolType}
   * has one of the same name (or of its {@link #RENAMED} name) and the same wire type.
   */
  static Optional<SdkField<?>> sourceOf(
      SdkField<?> requestField, Map<String, SdkField<?>> described) {
    String name = RENAMED.getOrDefault(requestField.memberName(), requestField.memberName());
    SdkField<?> source = described.get(name);
    return source != null && source.marshallingType().equals(requestField.marshallingType())
        ? Optional.of(source)
        : Optional.empty();
  }

  static Map<String, SdkField<?>> fieldsByName(List<SdkField<?>> fields) {
    Map<String, SdkField<?>> byName = new LinkedHashMap<>();
    fields.forEach(f -> byName.put(f.memberName(), f));
    return byName;
  }

  private static IllegalStateException uncarried(SdkField<?> field) {
    return new IllegalStateException(
        "UpdateUserPool member "
            + field.memberName()
            + " has no counterpart in DescribeUserPool's UserPoolType; carry it or list it in"
            + " PoolUpdates.NOT_SENT");
  }
}
