package dev.cognitowa.otp.cli;

import dev.cognitowa.otp.attach.SenderAttachment;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code otp attach}: points an existing user pool's custom SMS sender at the deployed alias. */
@Command(
    name = "attach",
    mixinStandardHelpOptions = true,
    description = {
      "Sets the pool's custom SMS sender (LambdaVersion V1_0, the alias) and its KMS key, and"
          + " nothing else: reads the pool with DescribeUserPool, sends every other setting back"
          + " unchanged in UpdateUserPool, and shows the difference first.",
      "Refuses when the pool already has another sender or key (unless --replace), when the key"
          + " is not a symmetric encryption key in the pool's region, or when IAM's policy"
          + " simulator says the caller may not kms:CreateGrant on it.",
      "AWS: the SDK's default credentials (AWS_PROFILE, AWS_ACCESS_KEY_ID..., SSO) in the pool's"
          + " region; needs cognito-idp:DescribeUserPool and UpdateUserPool on the pool,"
          + " kms:DescribeKey and kms:CreateGrant on the key, iam:SimulatePrincipalPolicy for the"
          + " check (optional). AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE> are honoured.",
      "Exit status: 0 attached (or already), 1 an AWS call failed, 2 refused or bad options."
    })
final class AttachCommand implements Callable<Integer> {
  @ParentCommand OtpCli parent;
  @Spec CommandSpec spec;

  @Mixin PoolChangeOptions pool;

  @Option(
      names = "--function",
      required = true,
      paramLabel = "ALIAS_ARN",
      description = "The sender alias's ARN (the stack's FunctionAliasArn output).")
  String functionArn;

  @Option(
      names = "--key",
      required = true,
      paramLabel = "KEY_ARN",
      description = "The custom sender's KMS key (the stack's KmsKeyArn output).")
  String keyArn;

  @Option(names = "--replace", description = "Replace another custom SMS sender or key.")
  boolean replace;

  @Override
  public Integer call() {
    return PoolChange.run(
        parent.env(),
        pool.poolId,
        pool.dryRun,
        pool.yes,
        spec.commandLine().getOut(),
        spec.commandLine().getErr(),
        attacher ->
            attacher.planAttach(
                pool.poolId, new SenderAttachment(functionArn, keyArn), existing -> replace));
  }
}
