package dev.cognitowa.otp.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Command-line mistakes: one line saying what is wrong, the closest commands or options to a
 * mistyped one, and where the help is, instead of the whole usage text. Exit status 2.
 */
final class UsageErrors implements CommandLine.IParameterExceptionHandler {
  /** Edits (insertions, deletions, substitutions) still taken for a typo of a name. */
  private static final int MAX_TYPO_DISTANCE = 3;

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    CommandSpec spec = cmd.getCommandSpec();
    boolean unknownCommand =
        ex instanceof UnmatchedArgumentException u
            && !u.getUnmatched().isEmpty()
            && !u.getUnmatched().get(0).startsWith("-");
    List<String> unknown = unknownCommand ? List.of() : unknownOptions(spec, args);
    if (ex instanceof UnmatchedArgumentException unmatched && unknown.isEmpty()) {
      err.println("otp: " + ex.getMessage().strip());
      List<String> suggestions = unmatched.getSuggestions();
      if (!suggestions.isEmpty()) {
        err.println("Did you mean: " + String.join(" or ", suggestions) + "?");
      }
    } else if (!unknown.isEmpty()) {
      for (String option : unknown) {
        List<String> close = closest(option, spec.optionsMap().keySet());
        err.println(
            "otp: unknown option "
                + option
                + (close.isEmpty() ? "" : "; did you mean " + String.join(" or ", close) + "?"));
      }
    } else {
      err.println("otp: " + ex.getMessage().strip());
    }
    err.println("Run '" + spec.qualifiedName() + " --help' for the options.");
    err.flush();
    return Failures.BAD_INPUT;
  }

  /** The arguments that look like options of {@code spec} but are none of its names. */
  private static List<String> unknownOptions(CommandSpec spec, String[] args) {
    List<String> unknown = new ArrayList<>();
    for (String arg : args) {
      if (arg.startsWith("--") && arg.length() > 2) {
        String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
        if (!spec.optionsMap().containsKey(name) && isOwnArgument(spec, arg, args)) {
          unknown.add(name);
        }
      }
    }
    return unknown;
  }

  /** Whether {@code arg} comes after the subcommand's name (options before it are the parent's). */
  private static boolean isOwnArgument(CommandSpec spec, String arg, String[] args) {
    int at = -1;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals(spec.name())) {
        at = i;
      }
      if (args[i].equals(arg)) {
        return spec.parent() == null || at >= 0;
      }
    }
    return false;
  }

  static List<String> closest(String typed, Iterable<String> names) {
    List<String> close = new ArrayList<>();
    for (String name : names) {
      if (name.startsWith("--") && distance(typed, name) <= MAX_TYPO_DISTANCE) {
        close.add(name);
      }
    }
    close.sort(Comparator.comparingInt(name -> distance(typed, name)));
    return close.size() > 2 ? close.subList(0, 2) : close;
  }

  /** Levenshtein distance, case-insensitive. */
  static int distance(String a, String b) {
    String x = a.toLowerCase(Locale.ROOT);
    String y = b.toLowerCase(Locale.ROOT);
    int[] previous = new int[y.length() + 1];
    int[] current = new int[y.length() + 1];
    for (int j = 0; j <= y.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= x.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= y.length(); j++) {
        int substitution = previous[j - 1] + (x.charAt(i - 1) == y.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[y.length()];
  }
}
