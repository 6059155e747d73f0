package dev.cognitowa.otp.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;

/**
 * Finds the region as the AWS SDK's default chain does for a command-line user: {@code AWS_REGION}
 * (or {@code AWS_DEFAULT_REGION}), then the {@code region} of the profile {@code AWS_PROFILE}
 * (default {@code default}) in {@code AWS_CONFIG_FILE} (default {@code ~/.aws/config}), read with
 * the SDK's own {@link AwsProfileRegionProvider}. The sender reads only {@code AWS_REGION} (the
 * Lambda runtime sets it), so the CLI puts what it found there. The instance metadata step of the
 * SDK's chain is left out: a CLI on a laptop would wait for it to time out.
 */
final class AwsRegionLookup {
  private AwsRegionLookup() {}

  /**
   * {@code env} with {@code AWS_REGION} set from the profile when it was missing and one has it.
   */
  static Map<String, String> withRegion(Map<String, String> env) {
    if (present(env, "AWS_REGION") || present(env, "AWS_DEFAULT_REGION")) {
      return env;
    }
    Optional<String> region = fromProfile(env);
    if (region.isEmpty()) {
      return env;
    }
    Map<String, String> withRegion = new HashMap<>(env);
    withRegion.put("AWS_REGION", region.get());
    return withRegion;
  }

  private static Optional<String> fromProfile(Map<String, String> env) {
    Path config =
        present(env, "AWS_CONFIG_FILE")
            ? Path.of(env.get("AWS_CONFIG_FILE").strip())
            : present(env, "HOME") ? Path.of(env.get("HOME"), ".aws", "config") : null;
    if (config == null || !Files.isRegularFile(config)) {
      return Optional.empty();
    }
    String profile = present(env, "AWS_PROFILE") ? env.get("AWS_PROFILE").strip() : "default";
    try {
      ProfileFile file =
          ProfileFile.builder().content(config).type(ProfileFile.Type.CONFIGURATION).build();
      return Optional.of(new AwsProfileRegionProvider(() -> file, profile).getRegion().id());
    } catch (SdkClientException | IllegalArgumentException e) {
      return Optional.empty(); // no such profile, or no region in it: the sender names AWS_REGION
    }
  }

  private static boolean present(Map<String, String> env, String name) {
    String value = env.get(name);
    return value != null && !value.isBlank();
  }
}
