package dev.cognitowa.otp.cli.burst;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cognitowa.otp.sender.support.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The burst's Cloud API stand-in: Meta's throughput (130429) and pair (131056) limits, and what it
 * accepted.
 */
class RateLimitedCloudApiTest {
  private static final String PHONE_NUMBER_ID = "100000000000001";
  private static final String ACCESS_TOKEN = "stand-in-access-token";
  private static final String FIRST_PHONE = "+447400000001";
  private static final String SECOND_PHONE = "+447400000002";
  private static final String THIRD_PHONE = "+447400000003";
  private static final String FIRST_CODE = "246810";
  private static final String SECOND_CODE = "135790";

  private final HttpClient http = HttpClient.newHttpClient();
  private RateLimitedCloudApi api;

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void send_shouldAnswer130429AsMetaDoes_whenTheNumbersThroughputIsSpent() throws Exception {
    // given: two messages a second, so an idle number takes two at once and refuses a third
    api = RateLimitedCloudApi.start(PHONE_NUMBER_ID, ACCESS_TOKEN, 2, Duration.ZERO, 2);

    // when
    HttpResponse<String> first = send(FIRST_PHONE, FIRST_CODE);
    HttpResponse<String> second = send(SECOND_PHONE, FIRST_CODE);
    HttpResponse<String> third = send(THIRD_PHONE, FIRST_CODE);

    // then
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(third.statusCode()).isEqualTo(400);
    Map<?, ?> error =
        (Map<?, ?>)
            Json.readObjectLeniently(third.body().getBytes(StandardCharsets.UTF_8)).get("error");
    assertThat(error.get("code")).isEqualTo(130429);
    assertThat(error.get("message")).isEqualTo("(#130429) Rate limit hit");
    assertThat(((Map<?, ?>) error.get("error_data")).get("details"))
        .isEqualTo("Cloud API message throughput has been reached.");
    assertThat(api.tally()).isEqualTo(new RateLimitedCloudApi.Tally(3, 2, 1, 0, 0));
    assertThat(api.timesAccepted(THIRD_PHONE, FIRST_CODE)).isZero();
  }

  @Test
  void send_shouldAnswer131056UntilThePairIntervalHasPassed_whenTheSameRecipientIsMessagedAgain()
      throws Exception {
    // given
    api = RateLimitedCloudApi.start(PHONE_NUMBER_ID, ACCESS_TOKEN, 100, Duration.ofMillis(400), 2);
    assertThat(send(FIRST_PHONE, FIRST_CODE).statusCode()).isEqualTo(200);

    // when
    HttpResponse<String> tooSoon = send(FIRST_PHONE, SECOND_CODE);
    HttpResponse<String> otherRecipient = send(SECOND_PHONE, SECOND_CODE);
    Thread.sleep(450);
    HttpResponse<String> later = send(FIRST_PHONE, SECOND_CODE);

    // then
    assertThat(tooSoon.statusCode()).isEqualTo(400);
    assertThat(tooSoon.body()).contains("\"code\":131056", "pair rate limit hit");
    assertThat(otherRecipient.statusCode()).isEqualTo(200);
    assertThat(later.statusCode()).isEqualTo(200);
    assertThat(api.timesAccepted(FIRST_PHONE, SECOND_CODE)).isEqualTo(1);
    assertThat(api.tally().pairRejections()).isEqualTo(1);
  }

  @Test
  void timesAccepted_shouldCountEveryAcceptance_whenTheSameCodeIsAcceptedTwice() throws Exception {
    // given
    api = RateLimitedCloudApi.start(PHONE_NUMBER_ID, ACCESS_TOKEN, 100, Duration.ZERO, 2);

    // when
    send(FIRST_PHONE, FIRST_CODE);
    send(FIRST_PHONE, FIRST_CODE);

    // then
    assertThat(api.timesAccepted(FIRST_PHONE, FIRST_CODE)).isEqualTo(2);
    assertThat(api.timesAccepted(FIRST_PHONE.substring(1), FIRST_CODE)).isEqualTo(2);
    assertThat(api.timesAccepted(SECOND_PHONE, FIRST_CODE)).isZero();
  }

  @Test
  void send_shouldAnswer190AndCountNothing_whenTheTokenIsWrong() throws Exception {
    // given
    api = RateLimitedCloudApi.start(PHONE_NUMBER_ID, ACCESS_TOKEN, 100, Duration.ZERO, 2);

    // when
    HttpResponse<String> response =
        http.send(
            request(FIRST_PHONE, FIRST_CODE, "not-the-token"),
            HttpResponse.BodyHandlers.ofString());

    // then
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).contains("\"code\":190");
    assertThat(api.tally()).isEqualTo(new RateLimitedCloudApi.Tally(1, 0, 0, 0, 1));
  }

  private HttpResponse<String> send(String to, String code) throws Exception {
    return http.send(request(to, code, ACCESS_TOKEN), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest request(String to, String code, String token) {
    String body =
        "{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\",\"to\":\""
            + to
            + "\","
            + "\"type\":\"template\",\"template\":{\"name\":\"otp_code\",\"language\":{\"code\":\"en_US\"},"
            + "\"components\":[{\"type\":\"body\",\"parameters\":[{\"type\":\"text\",\"text\":\""
            + code
            + "\"}]},"
            + "{\"type\":\"button\",\"sub_type\":\"url\",\"index\":\"0\",\"parameters\":[{\"type\":\"text\",\"text\":\""
            + code
            + "\"}]}]}}";
    return HttpRequest.newBuilder(
            URI.create(api.baseUrl() + "/v26.0/" + PHONE_NUMBER_ID + "/messages"))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }
}
