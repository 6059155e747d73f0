package dev.cognitowa.otp.sender.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cognitowa.otp.sender.delivery.PhoneNumbers;
import dev.cognitowa.otp.sender.delivery.Recipient;
import dev.cognitowa.otp.sender.delivery.SendGuard;
import dev.cognitowa.otp.sender.testutils.Dynalite;
import dev.cognitowa.otp.sender.testutils.MutableClock;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * The abuse limits with the real SDK against dynalite on loopback: counts, window edges (an
 * injected clock), concurrent senders, the country rules and a table that cannot be reached.
 */
class SendLimiterTest {
  private static final String GB_PHONE = "+447400123456";
  private static final String DE_PHONE = "+4915123456789";
  private static final String NG_PHONE = "+2348021234567";
  private static final String US_PHONE = "+12015550123";
  private static final String POOL = "eu-west-1_LIMITS";

  @RegisterExtension static Dynalite dynalite = new Dynalite();

  /** Each test counts in a day of its own, so the shared table's counters never meet. */
  private static final AtomicInteger DAYS = new AtomicInteger();

  private final MutableClock clock =
      new MutableClock(
          Instant.parse("2031-03-01T10:07:30Z").plus(Duration.ofDays(DAYS.getAndIncrement())));

  private SendLimiter limiter(Map<String, String> env) {
    return new SendLimiter(
        LimitSettings.fromEnvironment(env),
        Optional.of(new DynamoDbLimitCounter(dynalite.client(), Dynalite.TABLE, Clock.systemUTC())),
        clock);
  }

  private static Recipient phone(String e164) {
    return PhoneNumbers.parse(e164);
  }

  private static Instant deadline() {
    return Instant.now().plusSeconds(10);
  }

  private int admitted(SendLimiter limiter, String channel, Recipient to, int times) {
    int admitted = 0;
    for (int i = 0; i < times; i++) {
      if (limiter.admit(channel, POOL, to, deadline()).isEmpty()) {
        admitted++;
      }
    }
    return admitted;
  }

  @Test
  void admit_shouldRefuseTheSixthWhatsAppMessage_whenFiveWentToTheNumberInThisQuarterHour() {
    // given
    SendLimiter limiter = limiter(Map.of());
    Recipient to = phone(GB_PHONE);
    admitted(limiter, "whatsapp", to, 5);

    // when
    Optional<SendGuard.Refusal> sixth = limiter.admit("whatsapp", POOL, to, deadline());

    // then
    assertThat(sixth).isPresent();
    assertThat(sixth.get().limit()).isEqualTo("OTP_LIMIT_PER_NUMBER_15MIN");
    assertThat(sixth.get().reason())
        .contains("5 whatsapp messages to +********3456 in this quarter hour")
        .doesNotContain(GB_PHONE.substring(1));
  }

  @Test
  void admit_shouldAdmitAgain_whenTheNextQuarterHourStarts() {
    // given: five at 10:07:30, then the last millisecond of the window
    SendLimiter limiter = limiter(Map.of());
    Recipient to = phone(GB_PHONE);
    admitted(limiter, "whatsapp", to, 5);
    clock.advance(Duration.ofMinutes(7).plusSeconds(29).plusMillis(999)); // 10:14:59.999
    Optional<SendGuard.Refusal> atTheEdge = limiter.admit("whatsapp", POOL, to, deadline());

    // when: 10:15:00.000
    clock.advance(Duration.ofMillis(1));
    Optional<SendGuard.Refusal> next = limiter.admit("whatsapp", POOL, to, deadline());

    // then
    assertThat(atTheEdge).isPresent();
    assertThat(next).isEmpty();
  }

  @Test
  void admit_shouldRefuseByTheDailyLimit_whenQuarterHoursKeepResettingUntilMidnight() {
    // given: ten in two quarter hours
    SendLimiter limiter = limiter(Map.of());
    Recipient to = phone(GB_PHONE);
    int first = admitted(limiter, "whatsapp", to, 5);
    clock.advance(Duration.ofMinutes(15));
    int second = admitted(limiter, "whatsapp", to, 5);
    clock.advance(Duration.ofMinutes(15));

    // when
    Optional<SendGuard.Refusal> eleventh = limiter.admit("whatsapp", POOL, to, deadline());
    clock.advance(Duration.ofHours(13).plusMinutes(22).plusSeconds(30)); // 00:00:00 next day
    Optional<SendGuard.Refusal> nextDay = limiter.admit("whatsapp", POOL, to, deadline());

    // then
    assertThat(first + second).isEqualTo(10);
    assertThat(eleventh).map(SendGuard.Refusal::limit).contains("OTP_LIMIT_PER_NUMBER_DAY");
    assertThat(nextDay).isEmpty();
  }

  @Test
  void admit_shouldApplyTheStricterSmsLimits_whenTheChannelSendsSms() {
    // given
    SendLimiter limiter = limiter(Map.of());
    Recipient to = phone(DE_PHONE);

    // when
    int sms = admitted(limiter, "sms", to, 5);
    int sns = admitted(limiter, "sns", to, 1);
    int whatsApp = admitted(limiter, "whatsapp-eum", to, 6);

    // then: sms and sns share the SMS counters; WhatsApp counts apart
    assertThat(sms).isEqualTo(LimitSettings.SMS_DEFAULTS.perNumber15Min());
    assertThat(sns).isZero();
    assertThat(whatsApp).isEqualTo(LimitSettings.WHATSAPP_DEFAULTS.perNumber15Min());
  }

  @Test
  void admit_shouldRefuseTheBurst_whenThePoolReachedItsCeilingForTheMinute() {
    // given: a ceiling of 3 a minute, three different numbers
    SendLimiter limiter = limiter(Map.of("OTP_LIMIT_POOL_PER_MINUTE", "3"));
    admitted(limiter, "whatsapp", phone(GB_PHONE), 1);
    admitted(limiter, "whatsapp", phone(DE_PHONE), 1);
    admitted(limiter, "whatsapp", phone(NG_PHONE), 1);

    // when
    Optional<SendGuard.Refusal> fourth =
        limiter.admit("whatsapp", POOL, phone(US_PHONE), deadline());
    clock.advance(Duration.ofSeconds(30)); // 10:08:00, the next minute
    Optional<SendGuard.Refusal> nextMinute =
        limiter.admit("whatsapp", POOL, phone(US_PHONE), deadline());

    // then
    assertThat(fourth).map(SendGuard.Refusal::limit).contains("OTP_LIMIT_POOL_PER_MINUTE");
    assertThat(fourth.get().reason()).contains("for pool " + POOL);
    assertThat(nextMinute).isEmpty();
  }

  @Test
  void admit_shouldGiveBackTheNumbersCounts_whenThePoolCeilingRefusesTheSend() {
    // given: the pool's minute is full (1), so every send to the number is refused by the pool
    SendLimiter limiter = limiter(Map.of("OTP_LIMIT_POOL_PER_MINUTE", "1"));
    admitted(limiter, "whatsapp", phone(DE_PHONE), 1);
    Recipient to = phone(GB_PHONE);
    admitted(limiter, "whatsapp", to, 7);

    // when: the next minute, the pool has room again
    clock.advance(Duration.ofSeconds(30));
    Optional<SendGuard.Refusal> afterwards = limiter.admit("whatsapp", POOL, to, deadline());

    // then: the seven refusals took nothing from the number's quarter hour
    assertThat(afterwards).isEmpty();
  }

  @Test
  void admit_shouldAdmitExactlyTheLimit_whenManyContainersSendToOneNumberAtOnce() throws Exception {
    // given: 12 senders, each its own limiter and client (containers), released together
    int senders = 12;
    ExecutorService threads = Executors.newFixedThreadPool(senders);
    CountDownLatch start = new CountDownLatch(1);
    List<Callable<Boolean>> tasks = new ArrayList<>();
    for (int i = 0; i < senders; i++) {
      SendLimiter limiter =
          new SendLimiter(
              LimitSettings.fromEnvironment(Map.of()),
              Optional.of(
                  new DynamoDbLimitCounter(
                      client(dynalite.endpoint()), Dynalite.TABLE, Clock.systemUTC())),
              clock);
      tasks.add(
          () -> {
            start.await();
            return limiter.admit("whatsapp", POOL, phone(NG_PHONE), deadline()).isEmpty();
          });
    }

    // when
    List<Future<Boolean>> results = new ArrayList<>();
    for (Callable<Boolean> task : tasks) {
      results.add(threads.submit(task));
    }
    start.countDown();
    int admitted = 0;
    for (Future<Boolean> result : results) {
      admitted += result.get() ? 1 : 0;
    }
    threads.shutdown();

    // then
    assertThat(admitted).isEqualTo(LimitSettings.WHATSAPP_DEFAULTS.perNumber15Min());
  }

  @Test
  void admit_shouldRefuseWithoutCounting_whenTheCountryIsNotAllowed() {
    // given
    SendLimiter limiter =
        limiter(Map.of("OTP_ALLOWED_COUNTRIES", "gb, de", "OTP_DENIED_COUNTRIES", "DE"));

    // when
    Optional<SendGuard.Refusal> nigeria =
        limiter.admit("whatsapp", POOL, phone(NG_PHONE), deadline());
    Optional<SendGuard.Refusal> germany =
        limiter.admit("whatsapp", POOL, phone(DE_PHONE), deadline());
    Optional<SendGuard.Refusal> britain =
        limiter.admit("whatsapp", POOL, phone(GB_PHONE), deadline());

    // then
    assertThat(nigeria).map(SendGuard.Refusal::limit).contains("OTP_ALLOWED_COUNTRIES");
    assertThat(nigeria.get().reason()).contains("NG numbers").doesNotContain(NG_PHONE);
    assertThat(germany).map(SendGuard.Refusal::limit).contains("OTP_DENIED_COUNTRIES");
    assertThat(britain).isEmpty();
    assertThat(counterItems()).noneMatch(id -> id.contains(PhoneNumbers.regionOf(phone(NG_PHONE))));
  }

  @Test
  void admit_shouldApplyTheSmsCountryRules_onlyToTheSmsChannels() {
    // given
    SendLimiter limiter = limiter(Map.of("OTP_SMS_DENIED_COUNTRIES", "NG"));
    Recipient to = phone(NG_PHONE);

    // when
    Optional<SendGuard.Refusal> sms = limiter.admit("sms", POOL, to, deadline());
    Optional<SendGuard.Refusal> whatsApp = limiter.admit("whatsapp", POOL, to, deadline());

    // then
    assertThat(sms).map(SendGuard.Refusal::limit).contains("OTP_SMS_DENIED_COUNTRIES");
    assertThat(whatsApp).isEmpty();
  }

  @Test
  void admit_shouldNotCount_whenTheLimitIsZero() {
    // given
    SendLimiter limiter =
        limiter(
            Map.of(
                "OTP_LIMIT_PER_NUMBER_15MIN", "0",
                "OTP_LIMIT_PER_NUMBER_DAY", "0",
                "OTP_LIMIT_POOL_PER_MINUTE", "0"));

    // when
    int admitted = admitted(limiter, "whatsapp", phone(US_PHONE), 12);

    // then
    assertThat(admitted).isEqualTo(12);
  }

  @Test
  void admit_shouldKeepOnlyAHashOfTheNumberWithATtl_whenCounting() {
    // given
    SendLimiter limiter = limiter(Map.of());
    Recipient to = phone(US_PHONE);

    // when
    limiter.admit("whatsapp", POOL, to, deadline());

    // then
    String key = NumberPseudonyms.unkeyed().of(POOL, to.e164(), deadline());
    Instant quarter = Instant.parse("2031-03-01T10:00:00Z").plus(Duration.ofDays(DAYS.get() - 1));
    String id = "limit#whatsapp#number#" + key + "#15m#" + quarter.getEpochSecond();
    Map<String, AttributeValue> item = dynalite.item(id);
    assertThat(item).containsOnlyKeys("id", "count", "expiresAt");
    assertThat(item.get("count").n()).isEqualTo("1");
    assertThat(item.get("expiresAt").n())
        .isEqualTo(Long.toString(quarter.plus(Duration.ofMinutes(15)).getEpochSecond()));
    assertThat(counterItems()).noneMatch(stored -> stored.contains(US_PHONE.substring(1)));
  }

  @Test
  void admit_shouldFailClosed_whenTheTableCannotBeReached() throws Exception {
    // given: nothing listens on the port
    URI closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }
    SendLimiter limiter =
        new SendLimiter(
            LimitSettings.fromEnvironment(Map.of()),
            Optional.of(
                new DynamoDbLimitCounter(client(closed), Dynalite.TABLE, Clock.systemUTC())),
            clock);

    // when / then
    assertThatThrownBy(() -> limiter.admit("whatsapp", POOL, phone(GB_PHONE), deadline()))
        .isInstanceOf(SendLimitsUnavailableException.class)
        .hasMessageStartingWith("send limits unavailable: ");
  }

  @Test
  void admit_shouldApplyOnlyTheCountryRules_whenNoTableIsConfigured() {
    // given
    SendLimiter limiter =
        new SendLimiter(
            LimitSettings.fromEnvironment(Map.of("OTP_DENIED_COUNTRIES", "US")),
            Optional.empty(),
            clock);

    // when
    int admitted = admitted(limiter, "sms", phone(GB_PHONE), 9);
    Optional<SendGuard.Refusal> us = limiter.admit("sms", POOL, phone(US_PHONE), deadline());

    // then
    assertThat(limiter.counts()).isFalse();
    assertThat(admitted).isEqualTo(9);
    assertThat(us).isPresent();
  }

  private static List<String> counterItems() {
    return dynalite
        .client()
        .scan(ScanRequest.builder().tableName(Dynalite.TABLE).build())
        .items()
        .stream()
        .map(item -> item.get("id").s())
        .filter(id -> id.startsWith("limit#"))
        .toList();
  }

  private static DynamoDbClient client(URI endpoint) {
    return DynamoDbClient.builder()
        .endpointOverride(endpoint)
        .region(Region.EU_WEST_1)
        .httpClient(UrlConnectionHttpClient.create())
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .build();
  }
}
