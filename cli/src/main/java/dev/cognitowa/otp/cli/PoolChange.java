package dev.cognitowa.otp.cli;

import dev.cognitowa.otp.attach.AttachClients;
import dev.cognitowa.otp.attach.AttachPlan;
import dev.cognitowa.otp.attach.AttachRefusedException;
import dev.cognitowa.otp.attach.AwsErrors;
import dev.cognitowa.otp.attach.PoolAttacher;
import java.io.Console;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * What {@code otp attach} and {@code otp detach} share: plan with the real clients, print the diff
 * (and with {@code --dry-run} the request), ask before applying unless {@code --yes}, and map
 * failures to the exit status: 0 done (or nothing to do), 1 AWS failed, 2 refused or bad input.
 */
final class PoolChange {
  static final int DONE = 0;
  static final int AWS_FAILED = 1;
  static final int REFUSED = 2;

  private PoolChange() {}

  static int run(
      Map<String, String> env,
      String poolId,
      boolean dryRun,
      boolean yes,
      PrintWriter out,
      PrintWriter err,
      Function<PoolAttacher, AttachPlan> planner) {
    try (AttachClients clients = new AttachClients(env, AttachClients.regionOfPool(poolId))) {
      PoolAttacher attacher =
          new PoolAttacher(clients.cognito(), clients.kms(), clients.grantCheck());
      AttachPlan plan = planner.apply(attacher);
      plan.notes().forEach(note -> out.println("note: " + note));
      if (!plan.changesPool()) {
        out.println("pool " + poolId + ": nothing to change");
        return DONE;
      }
      out.println("pool " + poolId + ": UpdateUserPool would change only these settings");
      plan.diff().forEach(out::println);
      if (dryRun) {
        out.println("the request (every other setting sent back as DescribeUserPool shows it):");
        out.println(plan.requestJson());
        out.println("dry run: nothing changed");
        return DONE;
      }
      if (!yes && !confirmed(poolId)) {
        err.println(
            "otp: not applied: confirm at the prompt, or pass --yes when not at a terminal");
        return REFUSED;
      }
      attacher.apply(plan);
      out.println("pool " + poolId + ": updated");
      return DONE;
    } catch (AttachRefusedException e) {
      err.println("otp: " + e.getMessage());
      return REFUSED;
    } catch (SdkException e) {
      err.println("otp: AWS refused or failed: " + AwsErrors.describe(e));
      return AWS_FAILED;
    }
  }

  // Checked by atTerminal: null on JDK 17-21 without a terminal, and isTerminal() from JDK 22 on.
  @SuppressWarnings("SystemConsoleNull")
  private static boolean confirmed(String poolId) {
    Console console = System.console();
    if (!atTerminal(console)) {
      return false;
    }
    String answer = console.readLine("Apply this change to pool %s? [y/N] ", poolId);
    return answer != null && answer.trim().toLowerCase(Locale.ROOT).startsWith("y");
  }

  /**
   * Whether a person can answer: from JDK 22 on System.console() exists without a terminal too, and
   * Console.isTerminal() (22+, called reflectively for the Java 17 build) tells.
   */
  private static boolean atTerminal(Console console) {
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (NoSuchMethodException e) {
      return true;
    } catch (ReflectiveOperationException e) {
      return false;
    }
  }
}
