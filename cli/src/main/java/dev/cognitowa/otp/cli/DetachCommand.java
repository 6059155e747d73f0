package dev.cognitowa.otp.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code otp detach}: removes what {@code otp attach} set, and nothing else. */
@Command(
    name = "detach",
    mixinStandardHelpOptions = true,
    description = {
      "Removes the pool's custom SMS sender and its KMS key (the key stays when the pool's custom"
          + " email sender uses it), sending every other setting back unchanged, after showing"
          + " the difference. Cognito then sends SMS itself again.",
      "AWS: the SDK's default credentials in the pool's region; needs"
          + " cognito-idp:DescribeUserPool and UpdateUserPool on the pool. AWS_ENDPOINT_URL and"
          + " AWS_ENDPOINT_URL_<SERVICE> are honoured.",
      "Exit status: 0 detached (or nothing attached), 1 an AWS call failed, 2 refused or bad"
          + " options."
    })
final class DetachCommand implements Callable<Integer> {
  @ParentCommand OtpCli parent;
  @Spec CommandSpec spec;

  @Mixin PoolChangeOptions pool;

  @Override
  public Integer call() {
    return PoolChange.run(
        parent.env(),
        pool.poolId,
        pool.dryRun,
        pool.yes,
        spec.commandLine().getOut(),
        spec.commandLine().getErr(),
        attacher -> attacher.planDetach(pool.poolId, Optional.empty()));
  }
}
