package dev.cognitowa.otp.infra;

import java.util.Map;
import software.amazon.awscdk.CfnDeletionPolicy;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cognito.IUserPool;
import software.constructs.IConstruct;

/**
 * The user pool as the sender sees it: owned (an {@code AWS::Cognito::UserPool} in this CDK app,
 * whose id is known only after it is created and which references the sender) or imported by id (a
 * plain string, no cycle possible).
 */
final class PoolBinding {

  private static final String USER_POOL_TYPE = "AWS::Cognito::UserPool";

  private final IUserPool userPool;
  private final CfnResource cfnPool;
  private final Stack stack;

  private PoolBinding(IUserPool userPool, CfnResource cfnPool, Stack stack) {
    this.userPool = userPool;
    this.cfnPool = cfnPool;
    this.stack = stack;
  }

  static PoolBinding of(IUserPool userPool, Stack stack) {
    IConstruct child = userPool.getNode().getDefaultChild();
    CfnResource owned =
        child instanceof CfnResource cfn && USER_POOL_TYPE.equals(cfn.getCfnResourceType())
            ? cfn
            : null;
    return new PoolBinding(userPool, owned, stack);
  }

  boolean isOwned() {
    return cfnPool != null;
  }

  CfnResource cfnPool() {
    return cfnPool;
  }

  IUserPool userPool() {
    return userPool;
  }

  String id() {
    return userPool.getUserPoolId();
  }

  String arn() {
    return userPool.getUserPoolArn();
  }

  /**
   * The key-policy condition on Cognito's encryption context ({@code userpool-id}), for the grant
   * and for decryption. Exactly the pool when imported, as in the Cognito guide's example. For an
   * owned pool the key policy cannot name it: the pool's {@code KMSKeyID} references the key, so
   * the key would depend on the pool it must exist before. The condition then matches user pools of
   * this region, whose ids begin with the region and an underscore (the guide's own example key in
   * us-west-2 names the pool {@code us-west-2_EXAMPLE}); the exact pool is still required where the
   * plaintext appears (the function's decrypt statement) and at invocation (the permission's source
   * ARN).
   */
  Map<String, Object> encryptionContextCondition() {
    return isOwned()
        ? Map.of("StringLike", Map.of(SenderPolicies.USERPOOL_CONTEXT, stack.getRegion() + "_*"))
        : Map.of("StringEquals", Map.of(SenderPolicies.USERPOOL_CONTEXT, id()));
  }

  /** The deletion policy CloudFormation applies to an owned pool; null for an imported pool. */
  CfnDeletionPolicy deletionPolicy() {
    return isOwned() ? cfnPool.getCfnOptions().getDeletionPolicy() : null;
  }
}
