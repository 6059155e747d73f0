package dev.cognitowa.otp.sender.status;

import static dev.cognitowa.otp.sender.config.EnvironmentVariables.APP_SECRET;
import static dev.cognitowa.otp.sender.config.EnvironmentVariables.APP_SECRET_SECRET_ID;
import static dev.cognitowa.otp.sender.config.EnvironmentVariables.LEDGER_TABLE;
import static dev.cognitowa.otp.sender.config.EnvironmentVariables.WEBHOOK_VERIFY_TOKEN;

import dev.cognitowa.otp.sender.config.FallbackWindow;
import dev.cognitowa.otp.sender.config.SenderConfigurationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the delivery-status function reads on top of the sender's settings, checked as a whole.
 *
 * @param appSecretSecretId the Secrets Manager secret holding the webhook secrets, in AWS
 * @param localSecrets the secrets themselves, for local runs (when no secret id is set)
 * @param fallbackWindow how long after sending a late {@code failed} still sends again
 * @param snsSource whose SNS events are taken ({@link #STATUS_TOPIC_ARN}, {@link #EUM_WABA_ID})
 */
public record StatusSettings(
    Optional<String> appSecretSecretId,
    WebhookSecrets localSecrets,
    Duration fallbackWindow,
    SnsSource snsSource) {

  /** The SNS topic whose events are taken; the stack sets it to the one it creates. */
  public static final String STATUS_TOPIC_ARN = "OTP_STATUS_TOPIC_ARN";

  /**
   * The WhatsApp Business Account whose events are taken, as End User Messaging Social names it;
   * the CLI's templates commands read the same variable.
   */
  public static final String EUM_WABA_ID = "EUM_WHATSAPP_BUSINESS_ACCOUNT_ID";

  /** A standard SNS topic ARN (FIFO topics are not event destinations). */
  private static final Pattern TOPIC_ARN =
      Pattern.compile("arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}");

  /**
   * End User Messaging Social's WABA id or its ARN, as its API takes them ("formatted as
   * waba-01234567890123456789012345678901",
   * https://docs.aws.amazon.com/social-messaging/latest/APIReference/API_PutWhatsAppBusinessAccountEventDestinations.html).
   */
  private static final Pattern WABA_ID =
      Pattern.compile(
          "waba-[0-9a-zA-Z]{1,64}|arn:aws[a-z-]*:social-messaging:[a-z0-9-]+:[0-9]{12}:waba/[0-9a-zA-Z]+");

  /** Secrets Manager names (letters, digits, /_+=.@-) or a secret ARN. */
  private static final Pattern SECRET_ID =
      Pattern.compile(
          "(arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:)?[A-Za-z0-9/_+=.@-]{1,512}");

  /** Reads the settings; throws one {@link SenderConfigurationException} listing every problem. */
  public static StatusSettings fromEnvironment(Map<String, String> env) {
    List<String> problems = new ArrayList<>();
    Optional<String> secretId = value(env, APP_SECRET_SECRET_ID);
    Optional<String> local = value(env, APP_SECRET);
    if (secretId.isPresent() && local.isPresent()) {
      problems.add("set only one of " + APP_SECRET_SECRET_ID + " and " + APP_SECRET);
    } else if (secretId.isEmpty() && local.isEmpty()) {
      problems.add(APP_SECRET_SECRET_ID + " is not set (or " + APP_SECRET + " for local runs)");
    } else if (secretId.isPresent() && !SECRET_ID.matcher(secretId.get()).matches()) {
      // not echoed: this is where an app secret gets pasted by mistake
      problems.add(
          APP_SECRET_SECRET_ID + " must be a Secrets Manager secret name or ARN (value not shown)");
    }
    if (value(env, LEDGER_TABLE).isEmpty()) {
      problems.add(
          LEDGER_TABLE + " is not set: the status function finds sent messages in the ledger");
    }
    Duration window = FallbackWindow.fromEnvironment(env, problems);
    Optional<String> topicArn = value(env, STATUS_TOPIC_ARN);
    topicArn.ifPresent(
        arn -> {
          if (!TOPIC_ARN.matcher(arn).matches()) {
            problems.add(STATUS_TOPIC_ARN + " must be a standard SNS topic ARN, was '" + arn + "'");
          }
        });
    Optional<String> wabaId = value(env, EUM_WABA_ID);
    wabaId.ifPresent(
        id -> {
          if (!WABA_ID.matcher(id).matches()) {
            problems.add(EUM_WABA_ID + " must be waba-... or its ARN, was '" + id + "'");
          }
        });
    if (!problems.isEmpty()) {
      throw new SenderConfigurationException(problems);
    }
    return new StatusSettings(
        secretId,
        WebhookSecrets.of(local.orElse(null), value(env, WEBHOOK_VERIFY_TOKEN).orElse(null)),
        window,
        new SnsSource(topicArn, wabaId));
  }

  private static Optional<String> value(Map<String, String> env, String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }
}
