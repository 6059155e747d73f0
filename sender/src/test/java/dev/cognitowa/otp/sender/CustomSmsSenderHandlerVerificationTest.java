package dev.cognitowa.otp.sender;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.cognitowa.otp.sender.conversion.DynamoDbVerificationLedger;
import dev.cognitowa.otp.sender.conversion.FunnelCounters;
import dev.cognitowa.otp.sender.event.TriggerSource;
import dev.cognitowa.otp.sender.limits.NumberPseudonyms;
import dev.cognitowa.otp.sender.testutils.Dynalite;
import dev.cognitowa.otp.sender.testutils.Events;
import dev.cognitowa.otp.sender.testutils.TestLambdaContext;
import dev.cognitowa.otp.sender.testutils.TestSecrets;
import dev.cognitowa.otp.sender.verification.VerificationHandler;
import dev.cognitowa.otp.sender.wiring.SenderWiring;
import dev.cognitowa.otp.settings.Settings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The loop through both handlers as the Lambda builds them from one environment: the sender keeps
 * the send and counts it in the funnel, the Post confirmation handler marks it verified.
 */
class CustomSmsSenderHandlerVerificationTest {
  private static final String MESSAGES_PATH =
      "/" + Settings.GRAPH_API_VERSION + "/" + TestSecrets.PHONE_NUMBER_ID + "/messages";
  private static final String KEY = "the deployment's pseudonym key, 32+ characters";

  @RegisterExtension
  static WireMockExtension graph =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @RegisterExtension static Dynalite dynalite = new Dynalite();

  private final List<String> logLines = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void setUp() {
    graph.stubFor(
        post(urlEqualTo(MESSAGES_PATH))
            .willReturn(
                okJson(
                    "{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.V\"}]}")));
  }

  private Map<String, String> environment(Map<String, String> extra) {
    Map<String, String> env = CustomSmsSenderHandlerTest.environment(graph.baseUrl());
    env.putAll(dynalite.environment());
    env.put("OTP_PSEUDONYM_KEY", KEY);
    env.putAll(extra);
    return env;
  }

  private void log(String line) {
    logLines.add(line);
    System.out.println(line); // seen by the suite's output guard
  }

  private Map<String, Object> lastLogLine() throws Exception {
    return JSON.std.mapFrom(logLines.get(logLines.size() - 1));
  }

  @Test
  void handleRequest_shouldKeepTheSendForItsVerification_andCountItInTheFunnel() throws Exception {
    // given
    Instant before = Instant.now();
    CustomSmsSenderHandler sender = new CustomSmsSenderHandler(environment(Map.of()), this::log);

    // when: a sign-up code goes out, then the user confirms
    sender.handleRequest(
        new ByteArrayInputStream(
            Events.encrypted(TriggerSource.SIGN_UP, TestSecrets.CODE)
                .getBytes(StandardCharsets.UTF_8)),
        new ByteArrayOutputStream(),
        new TestLambdaContext(10_000));
    Map<String, Object> sent = lastLogLine();
    new VerificationHandler(environment(Map.of()), this::log)
        .handleRequest(
            new ByteArrayInputStream(
                Events.resource("/events/post_confirmation_confirm_sign_up.json")
                    .getBytes(StandardCharsets.UTF_8)),
            new ByteArrayOutputStream(),
            new TestLambdaContext(5_000));

    // then
    assertThat(sent)
        .containsEntry("outcome", "sent")
        .containsEntry("awaitingVerification", true)
        .containsEntry("country", "GG");
    assertThat(lastLogLine())
        .containsEntry("result", "verified")
        .containsEntry("channel", "whatsapp")
        .containsEntry("country", "GG");
    Map<String, ?> bucket = dynalite.item(FunnelCounters.id("whatsapp", "GG", before));
    assertThat(bucket.get("sent").toString()).contains("1");
    assertThat(bucket.get("verified").toString()).contains("1");
  }

  /** A client of dynalite that counts its requests by type, e.g. {@code UpdateItemRequest}. */
  private static DynamoDbClient counting(Map<String, Integer> calls) {
    return DynamoDbClient.builder()
        .endpointOverride(dynalite.endpoint())
        .region(Region.EU_WEST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(
            c ->
                c.addExecutionInterceptor(
                    new ExecutionInterceptor() {
                      @Override
                      public void beforeExecution(
                          Context.BeforeExecution context, ExecutionAttributes attributes) {
                        calls.merge(context.request().getClass().getSimpleName(), 1, Integer::sum);
                      }
                    }))
        .build();
  }

  @Test
  void theLoop_shouldCostTwoWritesPerSentCode_andTwoPerVerification_whenMeasured()
      throws Exception {
    // given: the loop's client counts every DynamoDB request it makes
    Map<String, Integer> calls = new ConcurrentHashMap<>();
    DynamoDbClient client = counting(calls);
    NumberPseudonyms pseudonyms = NumberPseudonyms.keyed(KEY.getBytes(StandardCharsets.UTF_8));
    SenderWiring wiring = SenderWiring.fromEnvironment(environment(Map.of()));
    CustomSmsSenderHandler sender =
        new CustomSmsSenderHandler(
            wiring.decryptor(),
            wiring.policy(),
            wiring.channel(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            SenderWiring.verificationLoop(client, Dynalite.TABLE, Map.of(), pseudonyms),
            Optional.of(TestSecrets.USER_POOL_ID),
            this::log,
            Clock.systemUTC());

    // when: three codes sent (WhatsApp), then the user confirms
    for (int i = 0; i < 3; i++) {
      sender.deliver(
          Events.encrypted(TriggerSource.SIGN_UP, TestSecrets.CODE)
              .replace("maria.garcia", "counted.user")
              .replace(TestSecrets.PHONE, "+33612345678") // a country of its own
              .getBytes(StandardCharsets.UTF_8),
          Instant.now().plusSeconds(10),
          "cost-" + i);
    }
    Map<String, Integer> perSend = new HashMap<>(calls);
    calls.clear();
    new VerificationHandler(
            new DynamoDbVerificationLedger(client, Dynalite.TABLE, pseudonyms, Clock.systemUTC()),
            Optional.of(new FunnelCounters(client, Dynalite.TABLE, Clock.systemUTC())),
            Optional.empty(),
            this::log,
            Clock.systemUTC())
        .verify(
            Events.resource("/events/post_confirmation_confirm_sign_up.json")
                .replace("maria.garcia", "counted.user")
                .getBytes(StandardCharsets.UTF_8),
            Instant.now().plusSeconds(1),
            "cost-verify");

    // then: per send one funnel UpdateItem and one latest-send UpdateItem, no read (WhatsApp is not
    // guarded); per verification two UpdateItems
    assertThat(perSend).isEqualTo(Map.of("UpdateItemRequest", 6));
    assertThat(calls).isEqualTo(Map.of("UpdateItemRequest", 2));
  }

  @Test
  void handleRequest_shouldCountARefusalByTheLimitsInTheFunnel_andSendNothing() throws Exception {
    // given: the WhatsApp limit per number is one a quarter hour; this test's own number
    Map<String, String> env = new HashMap<>(environment(Map.of("OTP_LIMIT_PER_NUMBER_15MIN", "1")));
    CustomSmsSenderHandler sender = new CustomSmsSenderHandler(env, this::log);
    Instant before = Instant.now();

    // when: two codes to it (each a fresh ciphertext)
    for (int i = 0; i < 2; i++) {
      String event =
          Events.encrypted(TriggerSource.FORGOT_PASSWORD, TestSecrets.CODE)
              .replace(TestSecrets.PHONE, "+5511987651234");
      sender.handleRequest(
          new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)),
          new ByteArrayOutputStream(),
          new TestLambdaContext(10_000));
    }

    // then
    assertThat(lastLogLine()).containsEntry("outcome", "refused_by_limit");
    Map<String, ?> bucket = dynalite.item(FunnelCounters.id("whatsapp", "BR", before));
    assertThat(bucket.get("sent").toString()).contains("1");
    assertThat(bucket.get("refused").toString()).contains("1");
  }
}
