package dev.cognitowa.otp.sender.limits;

import dev.cognitowa.otp.sender.delivery.SendGuard;
import dev.cognitowa.otp.sender.limits.LimitSettings.ChannelLimits;
import dev.cognitowa.otp.sender.limits.LimitSettings.CountryRule;
import dev.cognitowa.otp.sender.phone.NumberType;
import dev.cognitowa.otp.sender.phone.PhoneNumbers;
import dev.cognitowa.otp.sender.phone.Recipient;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether one paid send may go out: the country rules first and, for the SMS channels, the
 * number's type (both without I/O), then the counters per number (15 minutes, day) and per pool
 * (minute; for SMS also the day) of the channel's kind, each acquired atomically in its fixed
 * window. A send refused by a later counter gives back what the earlier ones took. Without a
 * counter store (no {@code OTP_LEDGER_TABLE}) only the country and type rules apply.
 */
public final class SendLimiter {
  /** Counter ids start with this; ledger ids (base64url) never contain '#'. */
  static final String ID_PREFIX = "limit#";

  /**
   * The {@code limit} of a refusal by number type: a rule, not a setting. SMS pumping signs up
   * premium-rate, shared-cost and similar numbers that WhatsApp does not know (error 131026), so
   * the fallback would pay to text them; only a mobile (or a number the plan cannot tell from one)
   * is a person's phone that reads the code.
   */
  public static final String SMS_NUMBER_TYPE = "SMS_NUMBER_TYPE";

  private final LimitSettings settings;
  private final Optional<LimitCounter> counter;
  private final Clock clock;
  private final NumberPseudonyms pseudonyms;

  /** Limits whose counters name numbers under the public local key: local runs and tests. */
  public SendLimiter(LimitSettings settings, Optional<LimitCounter> counter, Clock clock) {
    this(settings, counter, NumberPseudonyms.unkeyed(), clock);
  }

  /**
   * @param pseudonyms how numbers are named in counter ids (the deployment's keyed HMAC)
   */
  public SendLimiter(
      LimitSettings settings,
      Optional<LimitCounter> counter,
      NumberPseudonyms pseudonyms,
      Clock clock) {
    this.settings = settings;
    this.counter = counter;
    this.pseudonyms = pseudonyms;
    this.clock = clock;
  }

  /** The limits in force. */
  public LimitSettings settings() {
    return settings;
  }

  /** Whether counters are kept (a table is configured), beside the country rules. */
  public boolean counts() {
    return counter.isPresent();
  }

  /** A guard for one event, for {@code ChannelChain}: see {@link #admit}. */
  public SendGuard guardFor(String userPoolId, Recipient recipient, Instant deadline) {
    return channel -> admit(channel, userPoolId, recipient, deadline);
  }

  /**
   * Admits (and counts) or refuses one send.
   *
   * @param channel the channel about to send, by its {@code OTP_CHANNELS} name
   * @return empty when admitted; the refusal, naming the limit and the masked number, otherwise
   * @throws SendLimitsUnavailableException the counters could not be asked
   */
  public Optional<SendGuard.Refusal> admit(
      String channel, String userPoolId, Recipient recipient, Instant deadline) {
    boolean sms = LimitSettings.isSms(channel);
    String region = PhoneNumbers.regionOf(recipient);
    Optional<SendGuard.Refusal> refused =
        country(settings.countries(), region, recipient, LimitSettings.ALLOWED_COUNTRIES, "");
    if (refused.isEmpty() && sms) {
      refused =
          country(
              settings.smsCountries(),
              region,
              recipient,
              LimitSettings.SMS_ALLOWED_COUNTRIES,
              "SMS ");
    }
    if (refused.isEmpty() && sms) {
      refused = numberType(channel, recipient);
    }
    if (refused.isPresent() || counter.isEmpty()) {
      return refused;
    }
    return count(channel, sms, userPoolId, recipient, deadline);
  }

  private static Optional<SendGuard.Refusal> country(
      CountryRule rule, String region, Recipient recipient, String allowedName, String what) {
    if (rule.permits(region)) {
      return Optional.empty();
    }
    String limit =
        rule.denied().contains(region) ? allowedName.replace("ALLOWED", "DENIED") : allowedName;
    return Optional.of(
        new SendGuard.Refusal(
            limit,
            "refused by "
                + limit
                + ": no "
                + what
                + "messages to "
                + region
                + " numbers ("
                + recipient.masked()
                + ")"));
  }

  private static Optional<SendGuard.Refusal> numberType(String channel, Recipient recipient) {
    NumberType type = PhoneNumbers.typeOf(recipient);
    if (type.receivesSms()) {
      return Optional.empty();
    }
    return Optional.of(
        new SendGuard.Refusal(
            SMS_NUMBER_TYPE,
            "refused by "
                + SMS_NUMBER_TYPE
                + ": no SMS to "
                + type.label()
                + " numbers ("
                + recipient.masked()
                + "), only to mobile ones, channel "
                + channel));
  }

  private Optional<SendGuard.Refusal> count(
      String channel, boolean sms, String userPoolId, Recipient recipient, Instant deadline) {
    ChannelLimits limits = sms ? settings.sms() : settings.whatsApp();
    String kind = sms ? "sms" : "whatsapp";
    String number = pseudonyms.of(userPoolId, recipient.e164(), deadline);
    List<Check> checks =
        List.of(
            new Check(
                sms ? LimitSettings.SMS_PER_NUMBER_15MIN : LimitSettings.PER_NUMBER_15MIN,
                limits.perNumber15Min(),
                Window.QUARTER_HOUR,
                kind + "#number#" + number,
                "to " + recipient.masked()),
            new Check(
                sms ? LimitSettings.SMS_PER_NUMBER_DAY : LimitSettings.PER_NUMBER_DAY,
                limits.perNumberDay(),
                Window.DAY,
                kind + "#number#" + number,
                "to " + recipient.masked()),
            new Check(
                sms ? LimitSettings.SMS_POOL_PER_MINUTE : LimitSettings.POOL_PER_MINUTE,
                limits.poolPerMinute(),
                Window.MINUTE,
                kind + "#pool#" + userPoolId,
                "for pool " + userPoolId + " (now to " + recipient.masked() + ")"),
            new Check(
                LimitSettings.SMS_POOL_PER_DAY,
                limits.poolPerDay(),
                Window.DAY,
                kind + "#pool#" + userPoolId,
                "for pool " + userPoolId + " (now to " + recipient.masked() + ")"));
    Instant now = clock.instant();
    List<String> taken = new ArrayList<>(checks.size());
    for (Check check : checks) {
      if (check.limit() == 0) {
        continue;
      }
      String id = ID_PREFIX + check.window().counterId(check.scope(), now);
      if (counter.get().tryAcquire(id, check.limit(), check.window().endOf(now), deadline)) {
        taken.add(id);
        continue;
      }
      taken.forEach(earlier -> counter.get().release(earlier, deadline));
      return Optional.of(
          new SendGuard.Refusal(
              check.name(),
              "refused by "
                  + check.name()
                  + ": "
                  + check.limit()
                  + " "
                  + kind
                  + " messages "
                  + check.whom()
                  + " in this "
                  + check.window().label()
                  + " (UTC) already, channel "
                  + channel));
    }
    return Optional.empty();
  }

  /** One counter a send must pass: the setting's name, its count, window, id and who it limits. */
  private record Check(String name, int limit, Window window, String scope, String whom) {}
}
