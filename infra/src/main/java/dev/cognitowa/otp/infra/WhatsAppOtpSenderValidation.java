package dev.cognitowa.otp.infra;

import dev.cognitowa.otp.settings.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Token;
import software.constructs.IValidation;

/** The construct's synth-time checks: every problem with the props, all at once. */
final class WhatsAppOtpSenderValidation implements IValidation {

  private static final Pattern PHONE_NUMBER_ID = Pattern.compile("\\d{1,32}");
  private static final Pattern API_VERSION = Pattern.compile("v\\d{1,3}\\.\\d{1,2}");

  /**
   * End User Messaging Social's WABA id ({@code waba-} and 32 hex digits in AWS's examples) or its
   * ARN, as PutWhatsAppBusinessAccountEventDestinations takes them.
   */
  private static final Pattern EUM_WABA_ID =
      Pattern.compile(
          "waba-[0-9a-zA-Z]{1,64}|arn:aws[a-z-]*:social-messaging:[a-z0-9-]+:\\d{12}:waba/[0-9a-zA-Z]+");

  /**
   * Meta's rule for template names: lowercase letters, digits and underscores, at most 512
   * characters.
   */
  private static final Pattern TEMPLATE_NAME = Pattern.compile("[a-z0-9_]{1,512}");

  /**
   * WhatsApp language codes ({@code en}, {@code en_US}, {@code zh_HK}); the sender's own rule, so
   * both agree.
   */
  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(_[A-Za-z0-9]{2,4})?");

  /** Lambda's own bounds for memory, in MB. */
  private static final int MIN_MEMORY_MB = 128;

  private static final int MAX_MEMORY_MB = 10_240;

  /** Lambda's ceiling; Cognito itself waits far less, so long timeouts only waste retries. */
  private static final int MAX_TIMEOUT_SECONDS = 900;

  /** Lambda's bounds for asynchronous invocation settings. */
  private static final int MAX_RETRY_ATTEMPTS = 2;

  private static final int MIN_EVENT_AGE_SECONDS = 60;
  private static final int MAX_EVENT_AGE_SECONDS = 21_600;

  /**
   * The sender's own bound for {@code OTP_FALLBACK_WINDOW_SECONDS} (an hour: by then the user has
   * long asked for a new code, and the number is kept no longer than the window). A window the
   * stack accepted and the sender refused would fail every code after a deploy;
   * SenderSettingsAgreementTest holds the two together.
   */
  static final int MAX_FALLBACK_WINDOW_SECONDS = Settings.FALLBACK_WINDOW_SECONDS.max();

  private final WhatsAppOtpSenderProps props;

  WhatsAppOtpSenderValidation(WhatsAppOtpSenderProps props) {
    this.props = props;
  }

  @Override
  public List<String> validate() {
    List<String> problems = new ArrayList<>();
    boolean cloudApi = props.getChannels().contains(MessagingChannel.WHATSAPP);
    if (props.getPhoneNumberId() != null) {
      check(problems, PHONE_NUMBER_ID, "phoneNumberId", props.getPhoneNumberId(), "digits only");
    }
    listedOnly(problems, "phoneNumberId", props.getPhoneNumberId() != null, cloudApi);
    listedOnly(problems, "accessTokenSecret", props.getAccessTokenSecret() != null, cloudApi);
    check(problems, API_VERSION, "apiVersion", props.getApiVersion(), "like v26.0");
    check(
        problems,
        TEMPLATE_NAME,
        "templateName",
        props.getTemplateName(),
        "lowercase letters, digits and _");
    check(problems, LANGUAGE, "templateLanguage", props.getTemplateLanguage(), "like en_US");
    checkOverrides(problems, props.getTemplateNameOverrides(), TEMPLATE_NAME, "templateName");
    checkOverrides(problems, props.getTemplateLanguageOverrides(), LANGUAGE, "templateLanguage");
    if (props.getMemorySizeMb() < MIN_MEMORY_MB || props.getMemorySizeMb() > MAX_MEMORY_MB) {
      problems.add(
          "memorySizeMb must be "
              + MIN_MEMORY_MB
              + ".."
              + MAX_MEMORY_MB
              + ", was "
              + props.getMemorySizeMb());
    }
    double timeout = props.getTimeout().toSeconds().doubleValue();
    if (timeout < 1 || timeout > MAX_TIMEOUT_SECONDS) {
      problems.add("timeout must be 1.." + MAX_TIMEOUT_SECONDS + " seconds, was " + (long) timeout);
    }
    if (props.getRetryAttempts() < 0 || props.getRetryAttempts() > MAX_RETRY_ATTEMPTS) {
      problems.add(
          "retryAttempts must be 0.." + MAX_RETRY_ATTEMPTS + ", was " + props.getRetryAttempts());
    }
    double age = props.getMaxEventAge().toSeconds().doubleValue();
    if (age < MIN_EVENT_AGE_SECONDS || age > MAX_EVENT_AGE_SECONDS) {
      problems.add(
          "maxEventAge must be "
              + MIN_EVENT_AGE_SECONDS
              + ".."
              + MAX_EVENT_AGE_SECONDS
              + " seconds, was "
              + (long) age);
    }
    problems.addAll(
        ChannelSettingsValidation.validate(
            props.getChannels(),
            props.getEumPhoneNumberId(),
            props.getSmsOriginationIdentity(),
            props.getSmsConfigurationSet(),
            props.getSmsText(),
            props.getSmsTextOverrides()));
    double window = props.getFallbackWindow().toSeconds().doubleValue();
    if (window < Settings.FALLBACK_WINDOW_SECONDS.min() || window > MAX_FALLBACK_WINDOW_SECONDS) {
      problems.add(
          "fallbackWindow must be "
              + Settings.FALLBACK_WINDOW_SECONDS.range()
              + " seconds, was "
              + (long) window);
    }
    problems.addAll(
        SendLimitSettings.validate(props.getSendLimits(), props.isLedger(), props.getChannels()));
    problems.addAll(
        LanguageSettings.validate(props.getLanguageSettings(), props.getTemplateLanguage()));
    if (props.isDeliveryStatus() && !props.isLedger()) {
      problems.add(
          "deliveryStatus needs the ledger (it finds the send a status belongs to there):"
              + " turn the ledger on, or deliveryStatus off");
    }
    if (props.getRemovalPolicy() != RemovalPolicy.RETAIN
        && props.getRemovalPolicy() != RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE
        && props.getRemovalPolicy() != RemovalPolicy.DESTROY) {
      problems.add(
          "removalPolicy must be RETAIN_ON_UPDATE_OR_DELETE, RETAIN or DESTROY (KMS keys and log"
              + " groups have no snapshot), was "
              + props.getRemovalPolicy());
    }
    statusSettings(problems);
    return problems;
  }

  /** The delivery-status function's own settings, and the functions' reserved concurrency. */
  private void statusSettings(List<String> problems) {
    if (props.getEumWabaId() != null) {
      check(
          problems,
          EUM_WABA_ID,
          "eumWabaId",
          props.getEumWabaId(),
          "waba-... or its ARN (aws socialmessaging list-linked-whatsapp-business-accounts)");
      if (!props.isDeliveryStatus()) {
        problems.add("eumWabaId is for the delivery-status function, which is off");
      }
    }
    reserved(problems, "reservedConcurrency", props.getReservedConcurrency());
    reserved(problems, "statusReservedConcurrency", props.getStatusReservedConcurrency());
  }

  /** Lambda takes 0 as "never run": a reservation is at least 1, or none at all. */
  private static void reserved(List<String> problems, String what, Integer value) {
    if (value != null && value < 1) {
      problems.add(
          what
              + " must be at least 1 (0 would stop the function), or unset to reserve none; was "
              + value);
    }
  }

  /** A Cloud API setting: required when {@code whatsapp} is listed, refused when it is not. */
  private static void listedOnly(
      List<String> problems, String what, boolean given, boolean cloudApi) {
    if (cloudApi && !given) {
      problems.add(what + " is required when channels lists whatsapp");
    } else if (!cloudApi && given) {
      problems.add(what + " is set but channels does not list whatsapp");
    }
  }

  private static void checkOverrides(
      List<String> problems, Map<String, String> overrides, Pattern pattern, String what) {
    overrides.forEach(
        (source, value) -> {
          if (!WhatsAppOtpSenderProps.TEMPLATE_SOURCES.contains(source)) {
            problems.add(
                what
                    + " override for unknown trigger source "
                    + source
                    + "; use one of "
                    + WhatsAppOtpSenderProps.TEMPLATE_SOURCES);
          } else {
            check(problems, pattern, what + " for " + source, value, "see " + what);
          }
        });
  }

  private static void check(
      List<String> problems, Pattern pattern, String what, String value, String hint) {
    if (Token.isUnresolved(value)) {
      return;
    }
    if (value.isBlank() || !pattern.matcher(value).matches()) {
      problems.add(what + " must be " + hint + ", was '" + value + "'");
    }
  }
}
