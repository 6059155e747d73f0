package dev.cognitowa.otp.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code otp completion}: the bash and zsh completion script, from picocli's AutoComplete. */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the shell completion script of otp (bash, and zsh with bashcompinit).",
      "Use: source <(java -jar otp.jar completion), with an otp alias or script on the PATH.",
      "Reads no environment variables. Exit status: 0."
    })
final class CompletionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(AutoComplete.bash("otp", spec.root().commandLine()));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
