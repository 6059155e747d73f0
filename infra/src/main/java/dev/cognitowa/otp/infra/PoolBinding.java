package dev.cognitowa.otp.infra;

import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cognito.IUserPool;
import software.constructs.IConstruct;

/**
 * The user pool as the sender sees it: owned (an {@code AWS::Cognito::UserPool} in this CDK app, whose id is known
 * only after it is created and which references the sender) or imported by id (a plain string, no cycle possible).
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
    boolean owned = child instanceof CfnResource && USER_POOL_TYPE.equals(((CfnResource) child).getCfnResourceType());
    return new PoolBinding(userPool, owned ? (CfnResource) child : null, stack);
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
   * The {@code aws:SourceArn} the key policy allows Cognito to encrypt for. Exactly the pool when imported. For an
   * owned pool the key policy cannot name it: the pool's {@code KMSKeyID} references the key, so the key would depend
   * on the pool it must exist before; the ARN is then narrowed to user pools of this account and region, and the
   * exact pool is enforced where the plaintext appears (the decrypt condition) and at invocation (source ARN).
   */
  String encryptSourceArn() {
    return isOwned()
        ? "arn:" + stack.getPartition() + ":cognito-idp:" + stack.getRegion() + ":" + stack.getAccount() + ":userpool/*"
        : arn();
  }
}
