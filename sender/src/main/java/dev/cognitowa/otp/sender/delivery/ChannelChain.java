package dev.cognitowa.otp.sender.delivery;

import dev.cognitowa.otp.sender.delivery.DeliveryOutcome.Failed;
import dev.cognitowa.otp.sender.delivery.DeliveryOutcome.FailureKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Channels in order ({@code OTP_CHANNELS}): the first is tried, the next only when the previous
 * failed for this message in a way another channel can fix, and while time is left. The chain
 * decides what comes next from the outcome; the channels know nothing of each other (OkHttp's
 * interceptor chain).
 */
public final class ChannelChain implements MessageChannel {
  /**
   * Kept free for each channel after the one being tried: one request to a provider answering in
   * well under a second, with room for a TLS handshake on a cold connection.
   */
  static final Duration RESERVE_PER_LATER_CHANNEL = Duration.ofSeconds(2);

  /**
   * The least a channel is worth starting with: the same floor the WhatsApp retry policy uses for
   * an attempt.
   */
  static final Duration MIN_CHANNEL_TIME = Duration.ofSeconds(1);

  private final List<MessageChannel> channels;
  private final Clock clock;

  ChannelChain(List<MessageChannel> channels, Clock clock) {
    if (channels.size() < 2) {
      throw new IllegalArgumentException("a chain needs at least two channels");
    }
    this.channels = List.copyOf(channels);
    this.clock = clock;
  }

  /**
   * The channels as one: a single channel is returned as it is, so a one-channel setup behaves
   * exactly as before.
   */
  public static MessageChannel of(List<MessageChannel> channels) {
    return of(channels, Clock.systemUTC());
  }

  static MessageChannel of(List<MessageChannel> channels, Clock clock) {
    return channels.size() == 1 ? channels.get(0) : new ChannelChain(channels, clock);
  }

  /**
   * The channels that come after the one named {@code name} in {@code channel} (a chain, or a
   * single channel), as one; empty when that one is the last, or not in it. A late {@code failed}
   * status sends again through these.
   */
  public static Optional<MessageChannel> after(MessageChannel channel, String name) {
    if (!(channel instanceof ChannelChain chain)) {
      return Optional.empty();
    }
    int index = chain.indexOf(name);
    if (index < 0 || index + 1 == chain.channels.size()) {
      return Optional.empty();
    }
    return Optional.of(of(chain.channels.subList(index + 1, chain.channels.size()), chain.clock));
  }

  /** The place of the channel named {@code name}, from 0; -1 when the chain has none. */
  public int indexOf(String name) {
    for (int i = 0; i < channels.size(); i++) {
      if (channels.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** The channels, in the order they are tried. */
  public List<MessageChannel> channels() {
    return channels;
  }

  /**
   * The names joined, e.g. {@code whatsapp,sms}; an outcome names the channel that delivered or
   * failed last.
   */
  @Override
  public String name() {
    return channels.stream().map(MessageChannel::name).collect(Collectors.joining(","));
  }

  @Override
  public DeliveryOutcome deliver(OtpMessage message, Instant deadline) {
    return deliver(message, deadline, SendGuard.NONE);
  }

  /**
   * As {@link #deliver(OtpMessage, Instant)}, asking {@code guard} right before each channel sends;
   * a refusal ends the chain (see {@link #fallsBack}).
   */
  public DeliveryOutcome deliver(OtpMessage message, Instant deadline, SendGuard guard) {
    List<Failed> earlier = new ArrayList<>();
    for (int i = 0; ; i++) {
      DeliveryOutcome outcome = guarded(channels.get(i), message, deadlineFor(i, deadline), guard);
      if (!earlier.isEmpty()) {
        outcome = outcome.afterFailures(earlier);
      }
      if (!(outcome instanceof Failed failed)
          || i + 1 == channels.size()
          || !fallsBack(failed.kind())
          || Duration.between(clock.instant(), deadline).compareTo(MIN_CHANNEL_TIME) < 0) {
        return outcome;
      }
      earlier.add(failed.afterFailures(List.of()));
    }
  }

  /**
   * Delivers through {@code channel}, a chain or a single channel, asking {@code guard} before
   * every paid send.
   */
  public static DeliveryOutcome deliver(
      MessageChannel channel, OtpMessage message, Instant deadline, SendGuard guard) {
    return channel instanceof ChannelChain chain
        ? chain.deliver(message, deadline, guard)
        : guarded(channel, message, deadline, guard);
  }

  /** One channel's send, after the guard admitted it; a refusal sends nothing (0 attempts). */
  private static DeliveryOutcome guarded(
      MessageChannel channel, OtpMessage message, Instant deadline, SendGuard guard) {
    Optional<SendGuard.Refusal> refusal = guard.admit(channel.name());
    if (refusal.isPresent()) {
      return new Failed(
          channel.name(), FailureKind.REFUSED_BY_LIMIT, null, refusal.get().reason(), 0);
    }
    return channel.deliver(message, deadline);
  }

  /**
   * Whether the next channel may be tried after a failure of this kind. Every failure that sent
   * nothing falls back, a configuration problem of one channel included (users keep getting codes;
   * the handler logs it at ERROR). An unknown outcome does not: the message may be on the phone,
   * and a second channel would send the same code twice at a second price. It fails the invocation
   * instead, the ledger records it as failed, and Lambda's retry starts the chain again a minute
   * later, so the code is not lost (docs/explanation/reliability.md, "Outcome unknown"). A refusal
   * by an abuse limit does not either: the number, pool or country has had its share, and another
   * channel (SMS, pricier and the one pumping fraud aims at) must not hand out more.
   */
  static boolean fallsBack(FailureKind kind) {
    return kind != FailureKind.OUTCOME_UNKNOWN && kind != FailureKind.REFUSED_BY_LIMIT;
  }

  /**
   * Channel {@code i}'s deadline: the chain's, less {@link #RESERVE_PER_LATER_CHANNEL} for each
   * channel after it, but the reserves never take more than half the time left, so the channel that
   * usually delivers is not starved.
   */
  Instant deadlineFor(int i, Instant deadline) {
    int later = channels.size() - 1 - i;
    Duration left = Duration.between(clock.instant(), deadline);
    if (later == 0 || left.isNegative()) {
      return deadline;
    }
    Duration reserve = RESERVE_PER_LATER_CHANNEL.multipliedBy(later);
    Duration half = left.dividedBy(2);
    return deadline.minus(reserve.compareTo(half) < 0 ? reserve : half);
  }

  /** Every channel draws its randomness afresh after a SnapStart restore. */
  @Override
  public void afterRestore() {
    channels.forEach(MessageChannel::afterRestore);
  }
}
