package dev.cognitowa.otp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code otp --version}: the semantic version and the commit, as CONTRACT.md words it. */
class VersionTest {

  @Test
  void version_shouldPrintSemanticVersionAndCommit_whenAsked() {
    // when
    CliRun run = CliRun.run(Map.of(), "--version");

    // then: a release version (no "development build"), and a commit id or "unknown" without .git
    assertThat(run.exitCode()).isZero();
    assertThat(run.out().strip())
        .matches("otp \\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)? \\(([0-9a-f]{7,40}|unknown)\\)");
  }
}
