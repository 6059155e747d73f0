package dev.cognitowa.otp.sender.conversion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cognitowa.otp.sender.delivery.SendGuard;
import dev.cognitowa.otp.sender.limits.SendLimitsUnavailableException;
import dev.cognitowa.otp.sender.testutils.Dynalite;
import dev.cognitowa.otp.sender.testutils.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The conversion breaker on the real SDK against dynalite: each test in a country of its own, on a
 * clock moved by hand.
 */
class ConversionBreakerTest {
  @RegisterExtension static Dynalite dynalite = new Dynalite();

  /** Each test sends from a day of its own, so no bucket is shared. */
  private static final AtomicInteger DAYS = new AtomicInteger();

  private final MutableClock clock =
      new MutableClock(
          Instant.parse("2033-03-01T09:00:00Z").plus(Duration.ofDays(DAYS.getAndIncrement())));
  private final Instant deadline = Instant.parse("2100-01-01T00:00:00Z");

  private ConversionBreaker breaker(Map<String, String> env) {
    return new ConversionBreaker(
        BreakerSettings.fromEnvironment(env),
        new FunnelCounters(dynalite.client(), Dynalite.TABLE, clock),
        clock);
  }

  /** Sends {@code count} codes, one every {@code every}, verifying every {@code verifyEvery}th. */
  private int send(
      ConversionBreaker breaker,
      String channel,
      String country,
      int count,
      Duration every,
      int verifyEvery) {
    int refused = 0;
    for (int i = 1; i <= count; i++) {
      Optional<SendGuard.Refusal> refusal = breaker.admit(channel, country, true, deadline);
      if (refusal.isPresent()) {
        refused++;
      } else if (verifyEvery > 0 && i % verifyEvery == 0) {
        breaker.counters().verified(channel, country, clock.instant(), deadline);
      }
      clock.advance(every);
    }
    return refused;
  }

  @Test
  void admit_shouldOpenAfterThirtyUnverifiedSmsSends_whenAPumpingRunSendsForty() {
    // given: the defaults
    ConversionBreaker breaker = breaker(Map.of());

    // when: 40 SMS codes to one country within a few minutes, none used
    int refused = send(breaker, "sms", "LK", 40, Duration.ofSeconds(5), 0);

    // then: the 30th opens the breaker, and it and the ten after it are refused
    assertThat(refused).isEqualTo(11);
    Optional<SendGuard.Refusal> refusal = breaker.admit("sms", "LK", true, deadline);
    assertThat(refusal).isPresent();
    assertThat(refusal.get().limit()).isEqualTo("OTP_BREAKER_MIN_CONVERSION_PERCENT");
    assertThat(refusal.get().reason()).contains("conversion").contains("LK").contains("sms");
  }

  @Test
  void admit_shouldKeepSendingToAnotherCountry_whenOneCountryIsOpen() {
    // given: a pumping run opened the breaker for sms to one country
    ConversionBreaker breaker = breaker(Map.of());
    send(breaker, "sms", "TJ", 40, Duration.ofSeconds(5), 0);

    // when: real traffic to another country, and WhatsApp to the pumped one
    int refusedElsewhere = send(breaker, "sms", "DE", 10, Duration.ofSeconds(5), 2);
    Optional<SendGuard.Refusal> whatsApp = breaker.admit("whatsapp", "TJ", true, deadline);

    // then
    assertThat(refusedElsewhere).isZero();
    assertThat(whatsApp).isEmpty();
    assertThat(breaker.admit("sms", "TJ", true, deadline)).isPresent();
  }

  @Test
  void admit_shouldNeverOpen_whenRealTrafficConvertsAboveHalf() {
    // given
    ConversionBreaker breaker = breaker(Map.of());

    // when: two hundred sends over two hours, every other one used (its code typed in at once)
    int refused = send(breaker, "sms", "FR", 200, Duration.ofSeconds(36), 2);

    // then
    assertThat(refused).isZero();
  }

  @Test
  void admit_shouldHalfOpenAfterTheOpenPeriod_andOpenAgainAfterATenthOfUnusedSends() {
    // given: open since the 30th unused send
    ConversionBreaker breaker = breaker(Map.of());
    send(breaker, "sms", "KG", 30, Duration.ofSeconds(5), 0);
    assertThat(breaker.admit("sms", "KG", true, deadline)).isPresent();

    // when: the open period is over; the run resumes
    clock.advance(BreakerSettings.DEFAULT_OPEN_FOR);
    int refused = send(breaker, "sms", "KG", 12, Duration.ofSeconds(5), 0);

    // then: nine sends go out (half-open), the tenth opens it again
    assertThat(refused).isEqualTo(3);
  }

  @Test
  void admit_shouldCloseAgain_whenHalfOpenTrafficConverts() {
    // given: open, then the period is over
    ConversionBreaker breaker = breaker(Map.of());
    send(breaker, "sms", "UZ", 30, Duration.ofSeconds(5), 0);
    clock.advance(BreakerSettings.DEFAULT_OPEN_FOR);

    // when: what comes now converts
    int refused = send(breaker, "sms", "UZ", 40, Duration.ofSeconds(5), 2);

    // then
    assertThat(refused).isZero();
  }

  @Test
  void admit_shouldCountWhatsAppButNeverRefuseIt_byDefault() {
    // given
    ConversionBreaker breaker = breaker(Map.of());

    // when
    int refused = send(breaker, "whatsapp", "AZ", 40, Duration.ofSeconds(5), 0);

    // then: counted for the funnel, not judged
    assertThat(refused).isZero();
    assertThat(dynalite.item(FunnelCounters.id("whatsapp", "AZ", clock.instant())).get("sent").n())
        .isEqualTo("40");
  }

  @Test
  void admit_shouldGuardWhatsApp_whenListed() {
    // given
    ConversionBreaker breaker = breaker(Map.of("OTP_BREAKER_CHANNELS", "whatsapp,sms"));

    // when
    int refused = send(breaker, "whatsapp", "AM", 40, Duration.ofSeconds(5), 0);

    // then
    assertThat(refused).isEqualTo(11);
  }

  @Test
  void admit_shouldCountButNeverRefuse_whenTheCodeIsNotUsedWithinMinutes() {
    // given: open for sms to this country
    ConversionBreaker breaker = breaker(Map.of());
    send(breaker, "sms", "BY", 30, Duration.ofSeconds(5), 0);

    // when: a temporary password (used days later, if at all)
    Optional<SendGuard.Refusal> refusal = breaker.admit("sms", "BY", false, deadline);

    // then
    assertThat(refusal).isEmpty();
    assertThat(dynalite.item(FunnelCounters.id("sms", "BY", clock.instant())).get("other").n())
        .isEqualTo("1");
  }

  @Test
  void admit_shouldWriteOnceAndReadTheEarlierBucketsOnlyOncePerHalfMinute_whenGuarded() {
    // given: a client that counts what the breaker asks DynamoDB
    java.util.Map<String, Integer> calls = new java.util.concurrent.ConcurrentHashMap<>();
    DynamoDbClient client =
        DynamoDbClient.builder()
            .endpointOverride(dynalite.endpoint())
            .region(Region.EU_WEST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(
                c ->
                    c.addExecutionInterceptor(
                        new software.amazon.awssdk.core.interceptor.ExecutionInterceptor() {
                          @Override
                          public void beforeExecution(
                              software.amazon.awssdk.core.interceptor.Context.BeforeExecution ctx,
                              software.amazon.awssdk.core.interceptor.ExecutionAttributes a) {
                            calls.merge(ctx.request().getClass().getSimpleName(), 1, Integer::sum);
                          }
                        }))
            .build();
    ConversionBreaker breaker =
        new ConversionBreaker(
            BreakerSettings.defaults(), new FunnelCounters(client, Dynalite.TABLE, clock), clock);

    // when: ten SMS sends within 25 seconds
    send(breaker, "sms", "PE", 10, Duration.ofMillis(2500), 2);

    // then: one write per send (plus the five verifications of this test), three reads in all
    assertThat(calls).isEqualTo(java.util.Map.of("UpdateItemRequest", 15, "GetItemRequest", 3));
  }

  @Test
  void admit_shouldRefuseToSend_whenAGuardedChannelsCountersCannotBeAsked() throws Exception {
    // given: DynamoDB does not answer
    ConversionBreaker breaker =
        new ConversionBreaker(
            BreakerSettings.defaults(), new FunnelCounters(dead(), "t", clock), clock);

    // when / then: an SMS fails closed, as the send limits do; WhatsApp goes out uncounted
    assertThatThrownBy(() -> breaker.admit("sms", "NG", true, deadline))
        .isInstanceOf(SendLimitsUnavailableException.class)
        .hasMessageContaining("funnel counters unavailable");
    assertThat(breaker.admit("whatsapp", "NG", true, deadline)).isEmpty();
    breaker.refusedElsewhere("sms", "NG", deadline); // best effort: no exception
  }

  /** A client whose endpoint refuses every connection. */
  static DynamoDbClient dead() throws Exception {
    int port;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    return DynamoDbClient.builder()
        .endpointOverride(URI.create("http://127.0.0.1:" + port))
        .region(Region.EU_WEST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }
}
