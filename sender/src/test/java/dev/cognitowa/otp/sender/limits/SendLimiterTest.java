package dev.cognitowa.otp.sender.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import dev.cognitowa.otp.sender.delivery.SendGuard;
import dev.cognitowa.otp.sender.phone.NumberType;
import dev.cognitowa.otp.sender.phone.PhoneNumbers;
import dev.cognitowa.otp.sender.phone.Recipient;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * The abuse limits with the real SDK against dynalite on loopback: counts, window edges (an
 * injected clock), concurrent senders, the country rules, the SMS channels' number types (on
 * libphonenumber's own example numbers), the pool's daily SMS cap and a table that cannot be
 * reached.
 */
class SendLimiterTest {
  private static final String GB_PHONE = "+447400123456";
  private static final String DE_PHONE = "+4915123456789";
  private static final String NG_PHONE = "+2348021234567";
  private static final String US_PHONE = "+12015550123";
  private static final String POOL = "eu-west-1_LIMITS";

  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

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

  /** libphonenumber's own example number of a type for a region, as the sender parses it. */
  private static Recipient example(String region, PhoneNumberType type) {
    PhoneNumber number = UTIL.getExampleNumberForType(region, type);
    assertThat(number).as(region + " has an example " + type).isNotNull();
    return phone(UTIL.format(number, PhoneNumberFormat.E164));
  }

  /** Regions and the paid or special types pumping signs up, each with an example number. */
  static Stream<Arguments> pumpedNumbers() {
    List<Arguments> cases = new ArrayList<>();
    for (String region : List.of("GB", "DE", "FR", "US", "AU", "IT", "ES", "BR", "IN")) {
      for (PhoneNumberType type :
          List.of(
              PhoneNumberType.PREMIUM_RATE,
              PhoneNumberType.SHARED_COST,
              PhoneNumberType.TOLL_FREE,
              PhoneNumberType.VOIP)) {
        if (UTIL.getExampleNumberForType(region, type) != null) {
          cases.add(Arguments.of(region + " " + type, region, type));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pumpedNumbers")
  void admit_shouldRefuseSmsNamingTheType_whenTheNumberIsNotAMobile(
      String name, String region, PhoneNumberType type) {
    // given
    SendLimiter limiter = limiter(Map.of());
    Recipient to = example(region, type);
    String label = NumberType.valueOf(type.name()).label();

    // when
    Optional<SendGuard.Refusal> sms = limiter.admit("sms", POOL, to, deadline());
    Optional<SendGuard.Refusal> sns = limiter.admit("sns", POOL, to, deadline());
    Optional<SendGuard.Refusal> whatsApp = limiter.admit("whatsapp", POOL, to, deadline());
    Optional<SendGuard.Refusal> eum = limiter.admit("whatsapp-eum", POOL, to, deadline());

    // then: refused before any counter, on both SMS channels; WhatsApp unaffected
    for (Optional<SendGuard.Refusal> refusal : List.of(sms, sns)) {
      assertThat(refusal).map(SendGuard.Refusal::limit).contains(SendLimiter.SMS_NUMBER_TYPE);
      assertThat(refusal.get().reason())
          .contains("no SMS to " + label + " numbers (" + to.masked() + ")")
          .doesNotContain(to.e164().substring(1));
    }
    assertThat(sms.get().reason()).endsWith("channel sms");
    assertThat(sns.get().reason()).endsWith("channel sns");
    assertThat(whatsApp).isEmpty();
    assertThat(eum).isEmpty();
    assertThat(counterItems()).noneMatch(id -> id.startsWith("limit#sms#") && id.endsWith(today()));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"GB", "DE", "FR", "US", "AU", "IT", "ES", "BR", "IN", "NG"})
  void admit_shouldAdmitSms_whenTheNumberIsAMobile(String region) {
    // given: the US example mobile is FIXED_LINE_OR_MOBILE (its plan cannot tell)
    SendLimiter limiter = limiter(Map.of());
    Recipient to = example(region, PhoneNumberType.MOBILE);

    // when
    Optional<SendGuard.Refusal> sms = limiter.admit("sms", POOL, to, deadline());
    Optional<SendGuard.Refusal> sns = limiter.admit("sns", POOL, to, deadline());

    // then
    assertThat(PhoneNumbers.typeOf(to))
        .isIn(NumberType.MOBILE, NumberType.FIXED_LINE_OR_MOBILE)
        .matches(NumberType::receivesSms);
    assertThat(sms).isEmpty();
    assertThat(sns).isEmpty();
  }

  @Test
  void admit_shouldRefuseSms_whenTheNumberIsAFixedLineOrNonGeographic() {
    // given: a London landline and a +800 freephone number (region 001)
    SendLimiter limiter =
        new SendLimiter(LimitSettings.fromEnvironment(Map.of()), Optional.empty(), clock);
    Recipient landline = example("GB", PhoneNumberType.FIXED_LINE);
    Recipient freephone =
        phone(UTIL.format(UTIL.getExampleNumberForNonGeoEntity(800), PhoneNumberFormat.E164));

    // when
    Optional<SendGuard.Refusal> toLandline = limiter.admit("sms", POOL, landline, deadline());
    Optional<SendGuard.Refusal> toFreephone = limiter.admit("sns", POOL, freephone, deadline());

    // then
    assertThat(toLandline.get().reason()).contains("no SMS to fixed line numbers");
    assertThat(toFreephone.get().reason()).contains("no SMS to toll free numbers");
    assertThat(PhoneNumbers.regionOf(freephone)).isEqualTo("001");
  }

  @Test
  void admit_shouldRefuseByTheCountryRule_whenNonGeographicNumbersAreDenied() {
    // given: +882/+883 international networks are not on the SMS deny list's ISO codes
    SendLimiter limiter =
        new SendLimiter(
            LimitSettings.fromEnvironment(Map.of("OTP_DENIED_COUNTRIES", "001")),
            Optional.empty(),
            clock);
    Recipient freephone =
        phone(UTIL.format(UTIL.getExampleNumberForNonGeoEntity(800), PhoneNumberFormat.E164));

    // when
    Optional<SendGuard.Refusal> refusal = limiter.admit("whatsapp", POOL, freephone, deadline());

    // then
    assertThat(refusal).map(SendGuard.Refusal::limit).contains("OTP_DENIED_COUNTRIES");
    assertThat(refusal.get().reason()).contains("no messages to 001 numbers");
  }

  @Test
  void admit_shouldStopThePoolsSmsForTheDay_whenTheDailyCapIsReached() {
    // given: a cap of 3 SMS a day, the minute's ceiling off; four mobiles of different countries
    SendLimiter limiter =
        limiter(Map.of("OTP_SMS_LIMIT_POOL_PER_DAY", "3", "OTP_SMS_LIMIT_POOL_PER_MINUTE", "0"));
    int admitted = 0;
    for (String region : List.of("GB", "DE", "FR")) {
      admitted += admitted(limiter, "sms", example(region, PhoneNumberType.MOBILE), 1);
      clock.advance(Duration.ofMinutes(20));
    }

    // when
    Optional<SendGuard.Refusal> fourth =
        limiter.admit("sns", POOL, example("ES", PhoneNumberType.MOBILE), deadline());
    Optional<SendGuard.Refusal> whatsApp =
        limiter.admit("whatsapp", POOL, example("ES", PhoneNumberType.MOBILE), deadline());
    clock.advance(Duration.ofHours(13)); // past midnight UTC
    Optional<SendGuard.Refusal> nextDay =
        limiter.admit("sms", POOL, example("ES", PhoneNumberType.MOBILE), deadline());

    // then
    assertThat(admitted).isEqualTo(3);
    assertThat(fourth).map(SendGuard.Refusal::limit).contains("OTP_SMS_LIMIT_POOL_PER_DAY");
    assertThat(fourth.get().reason())
        .startsWith("refused by OTP_SMS_LIMIT_POOL_PER_DAY: 3 sms messages for pool " + POOL)
        .contains("in this day (UTC)");
    assertThat(whatsApp).isEmpty();
    assertThat(nextDay).isEmpty();
  }

  @Test
  void admit_shouldKeepThePoolsDailySmsCountAsOneCounterItem_withTheDaysEndAsTtl() {
    // given
    SendLimiter limiter = limiter(Map.of("OTP_SMS_LIMIT_POOL_PER_DAY", "2"));
    Instant day = Window.DAY.startOf(clock.instant());

    // when: two admitted, a third refused
    admitted(limiter, "sms", example("DE", PhoneNumberType.MOBILE), 1);
    admitted(limiter, "sns", example("FR", PhoneNumberType.MOBILE), 1);
    admitted(limiter, "sms", example("IT", PhoneNumberType.MOBILE), 1);

    // then
    Map<String, AttributeValue> item =
        dynalite.item("limit#sms#pool#" + POOL + "#1d#" + day.getEpochSecond());
    assertThat(item).containsOnlyKeys("id", "count", "expiresAt");
    assertThat(item.get("count").n()).isEqualTo("2");
    assertThat(item.get("expiresAt").n())
        .isEqualTo(Long.toString(day.plus(Duration.ofDays(1)).getEpochSecond()));
  }

  @Test
  void admit_shouldGiveBackTheEarlierCounts_whenTheDailyCapRefusesTheSend() {
    // given: the day's cap (1) taken, then the same mobile refused by it five times
    SendLimiter capped = limiter(Map.of("OTP_SMS_LIMIT_POOL_PER_DAY", "1"));
    admitted(capped, "sms", example("GB", PhoneNumberType.MOBILE), 1);
    Recipient to = example("DE", PhoneNumberType.MOBILE);
    int refusedFive = 5 - admitted(capped, "sms", to, 5);

    // when: the cap lifted (same table, same day), the number's own limits still have room
    SendLimiter uncapped = limiter(Map.of("OTP_SMS_LIMIT_POOL_PER_DAY", "0"));
    int admitted = admitted(uncapped, "sms", to, 5);

    // then: the refusals took nothing from its quarter hour (3), its day (5) or the minute
    assertThat(refusedFive).isEqualTo(5);
    assertThat(admitted).isEqualTo(LimitSettings.SMS_DEFAULTS.perNumber15Min());
  }

  /** The end of counter ids in the test's own UTC day. */
  private String today() {
    return "#1d#" + Window.DAY.startOf(clock.instant()).getEpochSecond();
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
