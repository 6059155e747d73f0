package dev.cognitowa.otp.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.cognitowa.otp.sender.event.TriggerSource;
import dev.cognitowa.otp.sender.testutils.Events;
import dev.cognitowa.otp.sender.testutils.KmsStandIn;
import dev.cognitowa.otp.sender.testutils.LocalEnvironment;
import dev.cognitowa.otp.sender.testutils.TestSecrets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code otp invoke} under the Lambda's deadline, and with KMS failing for a while: exit 1, retried
 * by Lambda.
 */
class InvokeCommandDeadlineTest {
  private static final String MESSAGES_PATH = "/v26.0/" + TestSecrets.PHONE_NUMBER_ID + "/messages";

  @RegisterExtension
  static WireMockExtension graph =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @RegisterExtension
  static WireMockExtension kms =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;

  private static Map<String, String> env() {
    return LocalEnvironment.whatsApp(graph.baseUrl());
  }

  private Path write(String event) throws Exception {
    Path file = Files.createTempFile(dir, "event", ".json");
    Files.writeString(file, event, StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void invoke_shouldExitOneWithinAboutThreeSeconds_whenGraphDribblesAndTheTimeoutIsThreeSeconds()
      throws Exception {
    // given: Graph sends its headers, then dribbles 60 KB over 30 s
    graph.stubFor(
        post(urlEqualTo(MESSAGES_PATH))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"padding\":\"" + "x".repeat(60_000) + "\"}")
                    .withChunkedDribbleDelay(1000, 30_000)));
    Path event = write(Events.encrypted(TriggerSource.SIGN_UP, TestSecrets.CODE));
    long started = System.nanoTime();

    // when
    CliRun run = CliRun.run(env(), "invoke", "--timeout-seconds", "3", "--event", event.toString());

    // then: 3 s of Lambda time, plus generous room for building the handler on a busy machine; not
    // 30 s
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(JSON.std.mapFrom(run.outLines()[0]))
        .containsEntry("status", "failed")
        .containsEntry(
            "failureKind",
            "OUTCOME_UNKNOWN"); // the request had gone out when the answer was cut off
  }

  @Test
  void invoke_shouldExitOneAsATransientFailure_whenKmsThrottles() throws Exception {
    // given
    KmsStandIn standIn = new KmsStandIn(kms);
    Path event =
        write(
            Events.withCode(
                TriggerSource.SIGN_UP,
                standIn.encrypt(TestSecrets.CODE, TestSecrets.USER_POOL_ID)));
    standIn.decryptFails(400, "ThrottlingException");
    Map<String, String> env = env();
    env.keySet().removeIf(name -> name.startsWith("OTP_LOCAL_"));
    env.putAll(standIn.env());

    // when
    CliRun run = CliRun.run(env, "invoke", "--event", event.toString());

    // then: not "refused" (exit 2), which stays for a ciphertext that does not authenticate
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(JSON.std.mapFrom(run.outLines()[0]))
        .containsEntry("status", "failed")
        .containsEntry("failureKind", "TRANSIENT_EXHAUSTED")
        .containsEntry("reason", "KMS could not decrypt request.code for now: ThrottlingException");
    assertThat(run.errLines()).hasSize(1);
    graph.verify(0, anyRequestedFor(anyUrl()));
  }
}
