package dev.cognitowa.otp.sender.idempotency;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.cognitowa.otp.sender.event.TriggerSource;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What dynalite cannot show: DynamoDB's own answers (the winning entry returned with a failed
 * condition, throttling) and a table that hangs or is gone, from a WireMock stand-in speaking
 * DynamoDB's JSON protocol on loopback.
 */
class DynamoDbDeliveryLedgerFaultsTest {
  private static final String TARGET = "X-Amz-Target";
  private static final DeliveryKey KEY =
      DeliveryKey.of("eu-west-1_EXAMPLE", "alice", TriggerSource.SIGN_UP, "c1");

  @RegisterExtension
  static WireMockExtension dynamoDb =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static DeliveryLedger ledger(URI endpoint) {
    DynamoDbClient client =
        DynamoDbClient.builder()
            .endpointOverride(endpoint)
            .region(Region.EU_WEST_1)
            .httpClient(UrlConnectionHttpClient.create())
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .build();
    return new DynamoDbDeliveryLedger(client, "otp-delivery-ledger", Clock.systemUTC());
  }

  private static void answer(String operation, int status, String body) {
    dynamoDb.stubFor(
        post(urlEqualTo("/"))
            .withHeader(TARGET, equalTo("DynamoDB_20120810." + operation))
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/x-amz-json-1.0")
                    .withBody(body)));
  }

  @Test
  void claim_shouldAnswerFromTheEntryReturnedWithTheFailedCondition_whenDynamoDbSendsIt() {
    // given: DynamoDB honours ReturnValuesOnConditionCheckFailure=ALL_OLD, so no GetItem is needed
    answer(
        "PutItem",
        400,
        "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException\","
            + "\"message\":\"The conditional request failed\",\"Item\":{\"id\":{\"S\":\""
            + KEY.id()
            + "\"},"
            + "\"status\":{\"S\":\"SENT\"},\"owner\":{\"S\":\"o\"},\"leaseUntil\":{\"N\":\"1\"},\"expiresAt\":{\"N\":\""
            + Instant.now().plus(Duration.ofHours(24)).getEpochSecond()
            + "\"},\"channel\":{\"S\":\"whatsapp\"},"
            + "\"messageRef\":{\"S\":\"5e6f7a\"},\"attempts\":{\"N\":\"1\"}}}");

    // when
    Claim claim = ledger(URI.create(dynamoDb.baseUrl())).claim(KEY, Instant.now().plusSeconds(5));

    // then
    assertThat(claim)
        .isInstanceOfSatisfying(
            Claim.AlreadySent.class,
            sent -> assertThat(sent.entry().messageRef()).isEqualTo("5e6f7a"));
    dynamoDb.verify(1, postRequestedFor(urlEqualTo("/")));
    dynamoDb.verify(
        postRequestedFor(urlEqualTo("/"))
            .withRequestBody(
                com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath(
                    "$.ReturnValuesOnConditionCheckFailure", equalTo("ALL_OLD"))));
  }

  @Test
  void claim_shouldThrowUnavailableWithinTheCallBudget_whenDynamoDbKeepsThrottling() {
    // given: the SDK retries throttling with backoff until the call's budget (at most 2 s) runs out
    answer(
        "PutItem",
        400,
        "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException\","
            + "\"message\":\"Rate exceeded\"}");
    DeliveryLedger ledger = ledger(URI.create(dynamoDb.baseUrl()));
    long started = System.nanoTime();

    // when / then
    assertThatThrownBy(() -> ledger.claim(KEY, Instant.now().plusSeconds(10)))
        .isInstanceOf(DeliveryLedgerUnavailableException.class)
        .hasMessageStartingWith("delivery ledger unavailable")
        .hasNoCause();
    // a 2 s budget; the slack is for a loaded CI box, the point is that 10 s of time left are not
    // spent here
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void claim_shouldGiveUpBeforeTheDeadline_whenDynamoDbHangs() {
    // given: 600 ms left; the call's budget is what is left, retries included
    dynamoDb.stubFor(
        post(urlEqualTo("/")).willReturn(aResponse().withStatus(200).withFixedDelay(10_000)));
    DeliveryLedger ledger = ledger(URI.create(dynamoDb.baseUrl()));
    long started = System.nanoTime();

    // when / then
    assertThatThrownBy(() -> ledger.claim(KEY, Instant.now().plusMillis(600)))
        .isInstanceOf(DeliveryLedgerUnavailableException.class)
        .hasMessageContaining("ApiCallTimeoutException");
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isLessThan(Duration.ofSeconds(5)); // not the 10 s
  }

  @Test
  void claim_shouldThrowUnavailable_whenNothingListens() throws Exception {
    // given
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }

    // when / then
    assertThatThrownBy(
            () ->
                ledger(URI.create("http://127.0.0.1:" + port))
                    .claim(KEY, Instant.now().plusSeconds(2)))
        .isInstanceOf(DeliveryLedgerUnavailableException.class)
        .hasMessageStartingWith("delivery ledger unavailable");
  }
}
