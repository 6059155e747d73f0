package dev.cognitowa.otp.cli.burst;

import dev.cognitowa.otp.cli.local.LocalCodeEncryptor;
import dev.cognitowa.otp.sender.event.TriggerSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * The seeded input of a burst: the events in arrival order, who each goes to, which code it
 * carries, and which ones Lambda hands out a second time. The same seed and sizes give the same
 * plan; only the ciphertexts differ, since the Encryption SDK draws a fresh data key for each.
 */
public final class BurstPlan {
  /**
   * Code-bearing sources a fresh event is drawn from; a repeat to a recent recipient is a resend.
   */
  private static final TriggerSource[] FIRST_SOURCES = {
    TriggerSource.SIGN_UP,
    TriggerSource.AUTHENTICATION,
    TriggerSource.FORGOT_PASSWORD,
    TriggerSource.UPDATE_USER_ATTRIBUTE,
    TriggerSource.VERIFY_USER_ATTRIBUTE
  };

  /**
   * A resend goes to one of this many latest recipients: close enough in time that the pair limit
   * bites.
   */
  static final int RESEND_WINDOW = 32;

  /**
   * Made-up UK mobile numbers +44 7400 nnnnnn, a block libphonenumber accepts whole; they only
   * reach loopback.
   */
  private static final long FIRST_NUMBER = 447400000000L;

  private static final int NUMBERS = 1_000_000;

  private final List<PlannedEvent> events;
  private final int duplicates;
  private final int repeats;

  private BurstPlan(List<PlannedEvent> events, int duplicates, int repeats) {
    this.events = List.copyOf(events);
    this.duplicates = duplicates;
    this.repeats = repeats;
  }

  /**
   * Draws a plan.
   *
   * @param count events, at most 100,000 (codes and numbers are drawn without repetition)
   * @param repeatRate share of events that are a resend to a recent recipient (a new code to the
   *     same phone)
   * @param duplicateRate share of events Lambda delivers twice
   * @param maxDuplicateDelay the second delivery comes up to this long after the first was handed
   *     out
   */
  public static BurstPlan generate(
      int count,
      long seed,
      double repeatRate,
      double duplicateRate,
      Duration maxDuplicateDelay,
      LocalCodeEncryptor encryptor,
      String userPoolId) {
    Random random = new Random(seed);
    Set<Long> numbersUsed = new HashSet<>();
    Set<Integer> codesUsed = new HashSet<>();
    List<String> recipients = new ArrayList<>(count);
    Draw[] draws = new Draw[count];
    int duplicates = 0;
    int repeats = 0;
    for (int i = 0; i < count; i++) {
      boolean repeat = i > 0 && random.nextDouble() < repeatRate;
      String recipient;
      TriggerSource source;
      if (repeat) {
        recipient = recipients.get(i - 1 - random.nextInt(Math.min(i, RESEND_WINDOW)));
        source = TriggerSource.RESEND_CODE;
        repeats++;
      } else {
        long number;
        do {
          number = FIRST_NUMBER + random.nextInt(NUMBERS);
        } while (!numbersUsed.add(number));
        recipient = "+" + number;
        source = FIRST_SOURCES[random.nextInt(FIRST_SOURCES.length)];
      }
      recipients.add(recipient);
      int code;
      do {
        code = random.nextInt(1_000_000);
      } while (!codesUsed.add(code));
      Duration duplicateAfter = null;
      if (random.nextDouble() < duplicateRate) {
        duplicateAfter =
            Duration.ofMillis((long) (random.nextDouble() * maxDuplicateDelay.toMillis()));
        duplicates++;
      }
      UUID requestId = new UUID(random.nextLong(), random.nextLong());
      draws[i] =
          new Draw(
              requestId.toString(),
              source,
              recipient,
              String.format(Locale.ROOT, "%06d", code),
              "user" + i,
              duplicateAfter);
    }
    // Encrypting is the slow part (an ECDSA P-384 signature each): all cores, after every random
    // draw is made.
    List<PlannedEvent> events =
        IntStream.range(0, count)
            .parallel()
            .mapToObj(i -> draws[i].toEvent(i, encryptor, userPoolId))
            .toList();
    return new BurstPlan(events, duplicates, repeats);
  }

  public List<PlannedEvent> events() {
    return events;
  }

  /** Events Lambda delivers twice. */
  public int duplicates() {
    return duplicates;
  }

  /** Events that are a resend to a recent recipient. */
  public int repeats() {
    return repeats;
  }

  private record Draw(
      String requestId,
      TriggerSource source,
      String recipient,
      String code,
      String userName,
      Duration duplicateAfter) {
    @Override
    public String toString() {
      return "Draw[" + requestId + "]"; // never the code or the number
    }

    PlannedEvent toEvent(int index, LocalCodeEncryptor encryptor, String userPoolId) {
      String json =
          "{\"version\":\"1\",\"triggerSource\":\""
              + source.wireName()
              + "\",\"region\":\"eu-west-1\","
              + "\"userPoolId\":\""
              + userPoolId
              + "\",\"userName\":\""
              + userName
              + "\","
              + "\"callerContext\":{\"awsSdkVersion\":\"aws-sdk-unknown-unknown\",\"clientId\":\"burst-client\"},"
              + "\"request\":{\"type\":\"customSMSSenderRequestV1\",\"code\":\""
              + encryptor.encrypt(code, userPoolId)
              + "\",\"clientMetadata\":null,\"userAttributes\":{\"sub\":\""
              + requestId
              + "\","
              + "\"phone_number_verified\":\"true\",\"cognito:user_status\":\"CONFIRMED\","
              + "\"phone_number\":\""
              + recipient
              + "\"}},\"response\":{}}";
      return new PlannedEvent(
          index, requestId, recipient, code, json.getBytes(StandardCharsets.UTF_8), duplicateAfter);
    }
  }

  /**
   * One Cognito event of the burst.
   *
   * <p>{@code toString} names the event by index only: the code and the number stay out of any
   * output.
   */
  public static final class PlannedEvent {
    private final int index;
    private final String requestId;
    private final String recipient;
    private final String code;
    private final byte[] json;
    private final Duration duplicateAfter;

    PlannedEvent(
        int index,
        String requestId,
        String recipient,
        String code,
        byte[] json,
        Duration duplicateAfter) {
      this.index = index;
      this.requestId = requestId;
      this.recipient = recipient;
      this.code = code;
      this.json = json;
      this.duplicateAfter = duplicateAfter;
    }

    public int index() {
      return index;
    }

    /** Lambda keeps one request id for an event's retries and repeated deliveries. */
    public String requestId() {
      return requestId;
    }

    String recipient() {
      return recipient;
    }

    String code() {
      return code;
    }

    /**
     * The event as Cognito sends it: a fresh copy per invocation, as each would arrive over the
     * wire.
     */
    public byte[] json() {
      return json.clone();
    }

    /**
     * When Lambda delivers this event twice: how long after handing out the first the second comes,
     * else null.
     */
    public Duration duplicateAfter() {
      return duplicateAfter;
    }

    @Override
    public String toString() {
      return "event #" + index;
    }
  }
}
