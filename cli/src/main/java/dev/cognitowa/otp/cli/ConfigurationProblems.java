package dev.cognitowa.otp.cli;

import dev.cognitowa.otp.sender.config.SenderConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Builds a handler from the environment and, when that fails, says in one line everything that is
 * missing: the settings, and the region, which the AWS clients would otherwise only ask for on the
 * next run, and the way to run with none of it ({@code --local}).
 */
final class ConfigurationProblems {
  /** Variables whose use needs an AWS client, and so a region. */
  private static final List<String> AWS_SETTINGS =
      List.of(
          "OTP_LEDGER_TABLE",
          "KMS_KEY_ARN",
          "WHATSAPP_ACCESS_TOKEN_SECRET_ID",
          "WHATSAPP_APP_SECRET_SECRET_ID");

  static final String NO_REGION =
      "AWS_REGION is not set, nor a region in the AWS profile (AWS_PROFILE in ~/.aws/config)";

  private ConfigurationProblems() {}

  /**
   * @throws SenderConfigurationException every problem, the region's included, and the hint
   */
  static <T> T build(Map<String, String> env, Supplier<T> build) {
    return build(env, false, build);
  }

  /**
   * As {@link #build(Map, Supplier)}; {@code ledgerRequired} for the status function, whose ledger
   * (DynamoDB) always needs a region.
   *
   * @throws SenderConfigurationException every problem, the region's included, and the hint
   */
  static <T> T build(Map<String, String> env, boolean ledgerRequired, Supplier<T> build) {
    try {
      return build.get();
    } catch (SenderConfigurationException e) {
      List<String> problems = new ArrayList<>();
      for (String problem : e.problems()) {
        problems.add(problem.startsWith("AWS_REGION is not set") ? NO_REGION : problem);
      }
      if ((ledgerRequired || needsAws(env)) && !hasRegion(env) && !problems.contains(NO_REGION)) {
        problems.add(NO_REGION);
      }
      problems.add("(--local runs with no AWS or Meta account)");
      throw new SenderConfigurationException(problems);
    }
  }

  private static boolean hasRegion(Map<String, String> env) {
    return present(env, "AWS_REGION") || present(env, "AWS_DEFAULT_REGION");
  }

  private static boolean needsAws(Map<String, String> env) {
    String channels = env.getOrDefault("OTP_CHANNELS", "");
    return AWS_SETTINGS.stream().anyMatch(name -> present(env, name))
        || channels.contains("sms")
        || channels.contains("sns")
        || channels.contains("eum");
  }

  private static boolean present(Map<String, String> env, String name) {
    String value = env.get(name);
    return value != null && !value.isBlank();
  }
}
