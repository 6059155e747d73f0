package dev.cognitowa.otp.infra;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The {@code context} of {@code infra/cdk.json}: the feature flags {@code cdk init} writes for a
 * new app of this CDK version, and {@code cli-telemetry}. The CDK CLI hands it to the app itself;
 * the Maven way ({@code -Psynth}, no CLI) and the tests read it here, so every synthesis uses the
 * same flags (feature flags are context values that {@code cdk init} writes into a new project's
 * cdk.json: https://docs.aws.amazon.com/cdk/v2/guide/featureflags.html). Jackson comes with jsii,
 * which every CDK app runs on.
 */
final class CdkJson {

  /** Where the app runs: {@code infra/}, the directory of cdk.json (the CLI and -Psynth alike). */
  static final Path DEFAULT = Path.of("cdk.json");

  private CdkJson() {}

  /** The context of the given cdk.json, or none when there is no such file. */
  static Map<String, Object> context(Path cdkJson) {
    if (!Files.isRegularFile(cdkJson)) {
      return Map.of();
    }
    try {
      Map<String, Object> file =
          new ObjectMapper()
              .readValue(cdkJson.toFile(), new TypeReference<Map<String, Object>>() {});
      Object context = file.get("context");
      @SuppressWarnings("unchecked") // a JSON object, read as a map of its members
      Map<String, Object> members =
          context instanceof Map ? (Map<String, Object>) context : Map.of();
      return members;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + cdkJson, e);
    }
  }
}
