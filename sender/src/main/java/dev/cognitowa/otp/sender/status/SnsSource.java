package dev.cognitowa.otp.sender.status;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whose AWS End User Messaging Social events the status function takes: those SNS delivers from its
 * own topic, published for the topic's account and, when one is configured, for its own WhatsApp
 * Business Account. The topic's policy already admits only the service on behalf of this account
 * (https://docs.aws.amazon.com/social-messaging/latest/userguide/managing-event-destinations-add.html);
 * this check also refuses what another topic or another WABA of the account would deliver.
 *
 * @param topicArn the topic the function subscribes to, or empty to take any (local runs)
 * @param wabaId the WABA as End User Messaging Social names it ({@code waba-...}) or its ARN, or
 *     empty to take any WABA of the account
 */
public record SnsSource(Optional<String> topicArn, Optional<String> wabaId) {

  /** Takes every SNS event: {@code otp status} and tests without a topic. */
  public static final SnsSource ANY = new SnsSource(Optional.empty(), Optional.empty());

  private static final String WABA_ID_PREFIX = "waba-";

  /** The ARN's fifth field, the account, or empty when it is not an ARN. */
  static Optional<String> account(String arn) {
    String[] fields = arn.split(":", 6);
    return fields.length == 6 && "arn".equals(fields[0])
        ? Optional.of(fields[4])
        : Optional.empty();
  }

  /**
   * Why a record from {@code recordTopicArn} carrying {@code event} is not ours, or empty when it
   * is. The reason names what did not match, never a value from the event.
   */
  Optional<String> refusal(Object recordTopicArn, Map<?, ?> event) {
    if (topicArn.isPresent() && !topicArn.get().equals(recordTopicArn)) {
      return Optional.of("SNS event from another topic than OTP_STATUS_TOPIC_ARN");
    }
    Optional<String> account = topicArn.flatMap(SnsSource::account);
    if (account.isPresent() && !account.get().equals(event.get("aws_account_id"))) {
      return Optional.of("SNS event for another account than the topic's");
    }
    if (wabaId.isPresent() && !forOurWaba(event)) {
      return Optional.of("SNS event for another WABA than EUM_WHATSAPP_BUSINESS_ACCOUNT_ID");
    }
    return Optional.empty();
  }

  /** The header's {@code context.MetaWabaIds[].arn} names the configured WABA. */
  private boolean forOurWaba(Map<?, ?> event) {
    if (!(event.get("context") instanceof Map<?, ?> context)
        || !(context.get("MetaWabaIds") instanceof List<?> ids)) {
      return false;
    }
    String id = wabaId.get();
    Optional<String> account = topicArn.flatMap(SnsSource::account);
    for (Object entry : ids) {
      if (entry instanceof Map<?, ?> waba
          && waba.get("arn") instanceof String arn
          && (id.startsWith("arn:")
              ? id.equals(arn)
              : id.startsWith(WABA_ID_PREFIX)
                  && arn.endsWith(":waba/" + id.substring(WABA_ID_PREFIX.length()))
                  && (account.isEmpty() || account.equals(account(arn))))) {
        return true;
      }
    }
    return false;
  }
}
