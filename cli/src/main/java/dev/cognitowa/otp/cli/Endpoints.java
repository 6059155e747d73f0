package dev.cognitowa.otp.cli;

import java.util.Map;

/**
 * Which endpoint a failed call went to, named from the same environment the clients were built
 * from, so "could not connect" says where to look.
 */
final class Endpoints {
  static final String GRAPH_DEFAULT = "https://graph.facebook.com";

  private Endpoints() {}

  /**
   * A clause to append to a failure's line: the endpoint of {@code channel} (a channel name, or
   * {@code dynamodb} for the ledger) and the variable that set it.
   */
  static String unreachable(Map<String, String> env, String channel) {
    return switch (channel == null ? "" : channel) {
      case "whatsapp" ->
          named(env, "WHATSAPP_API_BASE_URL")
              .orElse(" (could not reach the Cloud API at " + GRAPH_DEFAULT + ")");
      case "dynamodb" -> aws(env, "AWS_ENDPOINT_URL_DYNAMODB", "DynamoDB");
      case "whatsapp-eum" ->
          aws(env, "AWS_ENDPOINT_URL_SOCIALMESSAGING", "End User Messaging Social");
      case "sms" -> aws(env, "AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2", "End User Messaging SMS");
      case "sns" -> aws(env, "AWS_ENDPOINT_URL_SNS", "SNS");
      default -> "";
    };
  }

  private static String aws(Map<String, String> env, String variable, String service) {
    return named(env, variable)
        .or(() -> named(env, "AWS_ENDPOINT_URL"))
        .orElse(
            " (could not reach "
                + service
                + " in "
                + env.getOrDefault("AWS_REGION", "the configured region")
                + ")");
  }

  private static java.util.Optional<String> named(Map<String, String> env, String variable) {
    String value = env.get(variable);
    return value == null || value.isBlank()
        ? java.util.Optional.empty()
        : java.util.Optional.of(" (could not reach " + value.strip() + ", " + variable + ")");
  }
}
