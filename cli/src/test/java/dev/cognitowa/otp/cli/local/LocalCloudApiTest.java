package dev.cognitowa.otp.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The stand-in knows each template in its languages only, as Graph does. */
class LocalCloudApiTest {
  private static final String TOKEN = "local-test-token-1";
  private static final String PHONE_NUMBER_ID = "100000000000001";

  private static HttpResponse<String> send(LocalCloudApi api, String language) throws Exception {
    String body =
        "{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\","
            + "\"to\":\"15550001111\",\"type\":\"template\",\"template\":{\"name\":\"otp_code\","
            + "\"language\":{\"code\":\""
            + language
            + "\"},\"components\":[{\"type\":\"body\",\"parameters\":[{\"type\":\"text\","
            + "\"text\":\"123456\"}]},{\"type\":\"button\",\"sub_type\":\"url\",\"index\":\"0\","
            + "\"parameters\":[{\"type\":\"text\",\"text\":\"123456\"}]}]}}";
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(api.baseUrl().resolve("/v26.0/" + PHONE_NUMBER_ID + "/messages"))
                .header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void handle_shouldAcceptTheTemplate_whenItExistsInTheRequestedLanguage() throws Exception {
    // given
    try (LocalCloudApi api = LocalCloudApi.start(PHONE_NUMBER_ID, TOKEN, 1)) {
      // when
      HttpResponse<String> answer = send(api, "pt_BR");

      // then
      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(LocalCloudApi.renderBody(api.acceptedMessages().get(0)))
          .isEqualTo("123456 é seu código de verificação. Para sua segurança, não o compartilhe.");
    }
  }

  @Test
  void handle_shouldAnswer132001_whenTheTemplateHasNoSuchTranslation() throws Exception {
    // given
    try (LocalCloudApi api = LocalCloudApi.start(PHONE_NUMBER_ID, TOKEN, 1)) {
      // when
      HttpResponse<String> answer = send(api, "fr");

      // then
      assertThat(answer.statusCode()).isEqualTo(404);
      assertThat(answer.body())
          .contains("132001")
          .contains("template name does not exist in the translation");
      assertThat(api.acceptedMessages()).isEmpty();
    }
  }
}
