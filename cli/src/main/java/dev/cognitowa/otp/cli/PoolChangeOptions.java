package dev.cognitowa.otp.cli;

import picocli.CommandLine.Option;

/** The options {@code attach} and {@code detach} share: which pool, and whether to apply. */
final class PoolChangeOptions {
  @Option(names = "--pool", required = true, paramLabel = "ID", description = "User pool id.")
  String poolId;

  @Option(names = "--dry-run", description = "Print the diff and the request; change nothing.")
  boolean dryRun;

  @Option(names = "--yes", description = "Apply without asking.")
  boolean yes;
}
