package dev.cognitowa.otp.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.cognitowa.otp.sender.event.TriggerSource;
import dev.cognitowa.otp.sender.testutils.Events;
import dev.cognitowa.otp.sender.testutils.TestCiphertexts;
import dev.cognitowa.otp.sender.testutils.TestSecrets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code otp bench}: the real handler N times, ops/s and latency, and the network calls per OTP by
 * kind.
 */
class BenchCommandTest {
  private static final String MESSAGES_PATH = "/v26.0/" + TestSecrets.PHONE_NUMBER_ID + "/messages";
  private static final String GET_SECRET_VALUE = "secretsmanager.GetSecretValue";

  @RegisterExtension
  static WireMockExtension graph =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @RegisterExtension
  static WireMockExtension aws =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;

  private Map<String, String> env;
  private Path event;

  @BeforeEach
  void setUp() throws Exception {
    env = new HashMap<>();
    env.put("WHATSAPP_PHONE_NUMBER_ID", TestSecrets.PHONE_NUMBER_ID);
    env.put("OTP_LOCAL_AES_KEY", TestCiphertexts.LOCAL_KEY_BASE64);
    env.put("OTP_LOCAL_KEY_NAMESPACE", TestCiphertexts.LOCAL_KEY_NAMESPACE);
    env.put("OTP_LOCAL_KEY_NAME", TestCiphertexts.LOCAL_KEY_NAME);
    event = dir.resolve("event.json");
    Files.writeString(
        event,
        Events.encrypted(TriggerSource.AUTHENTICATION, TestSecrets.CODE),
        StandardCharsets.UTF_8);
  }

  @Test
  void bench_shouldReportTwoCallsPerOtpOnOneConnection_whenRunAgainstTheEmbeddedStandIn() {
    // given
    env.put("WHATSAPP_ACCESS_TOKEN", TestSecrets.ACCESS_TOKEN);

    // when
    CliRun run =
        CliRun.run(env, "bench", "--event", event.toString(), "--count", "20", "--warmup", "5");

    // then
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .containsPattern("(?m)^\\d+\\.\\d ops/s$")
        .containsPattern(
            "latency p50 \\d+\\.\\d\\d ms, p99 \\d+\\.\\d\\d ms, max \\d+\\.\\d\\d ms \\(20 events after 5")
        .containsPattern("handler CPU \\d+\\.\\d{3} ms per event")
        .contains("signature check: the Lambda's fast verifier (installed, ACCP ")
        .contains(
            "key decryptions 1.00 (KMS 0, local AES key), Graph POST 1.00",
            "Secrets Manager 0 (token from the environment)",
            "TCP connections to Graph 1 in all",
            "steady state: as required")
        .containsPattern("memory: heap used \\d+ MiB");
  }

  @Test
  void bench_shouldSendToThatServerAndReadTheSecretOnce_whenBaseUrlAndSecretAreConfigured() {
    // given
    graph.stubFor(
        post(urlEqualTo(MESSAGES_PATH))
            .willReturn(
                okJson(
                    "{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.BENCH1\"}]}")));
    aws.stubFor(
        post(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo(GET_SECRET_VALUE))
            .willReturn(
                okJson(
                    "{\"ARN\":\"arn:aws:secretsmanager:eu-west-1:111122223333:secret:wa-token\",\"Name\":\"wa-token\","
                        + "\"SecretString\":\""
                        + TestSecrets.ACCESS_TOKEN
                        + "\"}")));
    env.put("WHATSAPP_API_BASE_URL", graph.baseUrl());
    env.put("WHATSAPP_ACCESS_TOKEN_SECRET_ID", "wa-token");
    env.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", aws.baseUrl());
    env.put("AWS_REGION", "eu-west-1");
    env.put("AWS_ACCESS_KEY_ID", "test-access-key");
    env.put("AWS_SECRET_ACCESS_KEY", "test-secret-key");

    // when
    CliRun run =
        CliRun.run(env, "bench", "--event", event.toString(), "--count", "12", "--warmup", "3");

    // then
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains(
            "Graph POST 1.00",
            "Secrets Manager 0 in the measured run",
            "TCP connections to Graph n/a (external server: it counts them)",
            "steady state: as required");
    graph.verify(15, postRequestedFor(urlEqualTo(MESSAGES_PATH)));
    aws.verify(
        1, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(GET_SECRET_VALUE)));
  }

  @Test
  void bench_shouldExitTwo_whenCountIsZero() {
    // when
    CliRun run = CliRun.run(env, "bench", "--event", event.toString(), "--count", "0");

    // then
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--count must be at least 1");
  }
}
