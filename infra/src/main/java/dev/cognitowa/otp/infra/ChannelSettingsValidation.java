package dev.cognitowa.otp.infra;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awscdk.Token;

/**
 * The checks of the channel chain and of each channel's settings, shared by the construct's props
 * and the ready stack's context (both use the same names): every problem at once, and a listed
 * channel without its required setting is one of them. Values are never echoed whole where they
 * could be a phone number.
 */
final class ChannelSettingsValidation {

  /**
   * End User Messaging Social's own pattern for an origination phone-number id (model shape {@code
   * WhatsAppPhoneNumberId}): {@code phone-number-id-...} or its ARN, whose last part is the id
   * without the prefix.
   */
  static final Pattern EUM_PHONE_NUMBER_ID =
      Pattern.compile(
          "phone-number-id-[0-9a-zA-Z]{1,64}"
              + "|arn:aws[a-z-]*:social-messaging:[a-z0-9-]+:\\d{12}:phone-number-id/[0-9a-zA-Z]{1,64}");

  /**
   * An End User Messaging SMS origination identity IAM can name: a phone number's or a pool's id
   * ({@code phone-...}, {@code pool-...}), or the ARN of a phone number, pool or sender ID. A bare
   * phone number or sender ID has no ARN the stack could derive (a sender ID's ARN carries its
   * country), so those are given as ARNs.
   */
  static final Pattern SMS_ORIGINATION_IDENTITY =
      Pattern.compile(
          "(phone|pool)-[0-9a-zA-Z]{1,64}"
              + "|arn:aws[a-z-]*:sms-voice:[a-z0-9-]+:\\d{12}:"
              + "(phone-number/phone-[0-9a-zA-Z]{1,64}|pool/pool-[0-9a-zA-Z]{1,64}"
              + "|sender-id/[A-Za-z0-9-]{1,11}/[A-Z]{2})");

  /**
   * A configuration set's name (End User Messaging SMS: letters, digits, {@code _} and {@code -},
   * at most 64) or its ARN.
   */
  static final Pattern SMS_CONFIGURATION_SET =
      Pattern.compile(
          "[A-Za-z0-9_-]{1,64}"
              + "|arn:aws[a-z-]*:sms-voice:[a-z0-9-]+:\\d{12}:configuration-set/[A-Za-z0-9_-]{1,64}");

  /** The sender's placeholders: the code (or temporary password) and the user name. */
  static final String CODE = "{code}";

  static final String USERNAME = "{username}";

  /** The one trigger source whose text may (and whose code is a password) name the user. */
  static final String ADMIN_CREATE_USER = "ADMIN_CREATE_USER";

  /** Longer than any value worth echoing in a problem: a pasted phone number is not shown. */
  private static final int MAX_ECHOED_LENGTH = 11;

  private ChannelSettingsValidation() {}

  /**
   * Every problem with the chain and the settings of its channels.
   *
   * @param smsTextOverrides SMS text per trigger source (keys from {@link
   *     WhatsAppOtpSenderProps#TEMPLATE_SOURCES})
   */
  static List<String> validate(
      List<MessagingChannel> chain,
      String eumPhoneNumberId,
      String smsOriginationIdentity,
      String smsConfigurationSet,
      String smsText,
      Map<String, String> smsTextOverrides) {
    List<String> problems = new ArrayList<>();
    if (chain.isEmpty()) {
      problems.add("channels must list at least one of " + MessagingChannel.channelNames());
    }
    if (new HashSet<>(chain).size() != chain.size()) {
      problems.add("channels lists a channel twice: " + names(chain));
    }
    boolean eum = chain.contains(MessagingChannel.WHATSAPP_EUM);
    boolean sms = chain.contains(MessagingChannel.SMS);
    boolean anySms = sms || chain.contains(MessagingChannel.SNS);
    setting(problems, "eumPhoneNumberId", eumPhoneNumberId, eum, "whatsapp-eum");
    format(
        problems,
        "eumPhoneNumberId",
        eumPhoneNumberId,
        EUM_PHONE_NUMBER_ID,
        "phone-number-id-... or its ARN (the id from the End User Messaging Social console, not"
            + " the phone number)");
    setting(problems, "smsOriginationIdentity", smsOriginationIdentity, sms, "sms");
    format(
        problems,
        "smsOriginationIdentity",
        smsOriginationIdentity,
        SMS_ORIGINATION_IDENTITY,
        "a phone number's or pool's id (phone-..., pool-...) or the ARN of a phone number, pool"
            + " or sender ID");
    if (smsConfigurationSet != null && !sms) {
      problems.add(unused("smsConfigurationSet", "sms"));
    }
    format(
        problems,
        "smsConfigurationSet",
        smsConfigurationSet,
        SMS_CONFIGURATION_SET,
        "a configuration set's name or ARN");
    if ((smsText != null || !smsTextOverrides.isEmpty()) && !anySms) {
      problems.add(unused("smsText", "sms or sns"));
    }
    text(problems, "smsText", smsText, false);
    smsTextOverrides.forEach(
        (source, text) -> {
          if (!WhatsAppOtpSenderProps.TEMPLATE_SOURCES.contains(source)) {
            problems.add(
                "smsText override for unknown trigger source "
                    + source
                    + "; use one of "
                    + WhatsAppOtpSenderProps.TEMPLATE_SOURCES);
          } else {
            text(problems, "smsText." + source, text, source.equals(ADMIN_CREATE_USER));
          }
        });
    return problems;
  }

  /** The chain as {@code OTP_CHANNELS} spells it. */
  static String names(List<MessagingChannel> chain) {
    return String.join(",", chain.stream().map(MessagingChannel::channelName).toList());
  }

  private static void setting(
      List<String> problems, String key, String value, boolean listed, String channel) {
    if (listed && value == null) {
      problems.add(key + " is required when channels lists " + channel);
    } else if (!listed && value != null) {
      problems.add(unused(key, channel));
    }
  }

  private static String unused(String key, String channel) {
    return key + " is set but channels does not list " + channel;
  }

  private static void format(
      List<String> problems, String key, String value, Pattern pattern, String rule) {
    if (value != null && !Token.isUnresolved(value) && !pattern.matcher(value).matches()) {
      problems.add(key + " must be " + rule + ", was " + shown(value));
    }
  }

  private static void text(List<String> problems, String key, String text, boolean mayNameUser) {
    if (text == null || Token.isUnresolved(text)) {
      return;
    }
    if (!text.contains(CODE)) {
      problems.add(key + " must contain " + CODE);
    }
    if (!mayNameUser && text.contains(USERNAME)) {
      problems.add(
          key + " uses " + USERNAME + ", which only smsText." + ADMIN_CREATE_USER + " may");
    }
  }

  /** Short values are shown; longer ones only by length, as they may be a pasted phone number. */
  private static String shown(String value) {
    return value.length() <= MAX_ECHOED_LENGTH && !value.matches(".*\\d{5,}.*")
        ? "'" + value + "'"
        : "(" + value.length() + " characters, not shown)";
  }
}
