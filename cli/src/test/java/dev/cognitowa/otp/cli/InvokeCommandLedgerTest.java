package dev.cognitowa.otp.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.cognitowa.otp.sender.delivery.MessageRef;
import dev.cognitowa.otp.sender.event.TriggerSource;
import dev.cognitowa.otp.sender.idempotency.DeliveryKey;
import dev.cognitowa.otp.sender.idempotency.DynamoDbDeliveryLedger;
import dev.cognitowa.otp.sender.testutils.Dynalite;
import dev.cognitowa.otp.sender.testutils.Events;
import dev.cognitowa.otp.sender.testutils.TestCiphertexts;
import dev.cognitowa.otp.sender.testutils.TestSecrets;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code otp invoke} with OTP_LEDGER_TABLE set, against dynalite: duplicates answer the record and
 * exit 0.
 */
class InvokeCommandLedgerTest {
  private static final String MESSAGES_PATH = "/v26.0/" + TestSecrets.PHONE_NUMBER_ID + "/messages";

  @RegisterExtension
  static WireMockExtension graph =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @RegisterExtension static Dynalite dynalite = new Dynalite();

  @TempDir Path dir;

  private Map<String, String> env;

  @BeforeEach
  void setUp() {
    graph.stubFor(
        post(urlEqualTo(MESSAGES_PATH))
            .willReturn(
                okJson(
                    "{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.FIRST\"}]}")));
    env = new HashMap<>(dynalite.environment());
    env.put("WHATSAPP_PHONE_NUMBER_ID", TestSecrets.PHONE_NUMBER_ID);
    env.put("WHATSAPP_ACCESS_TOKEN", TestSecrets.ACCESS_TOKEN);
    env.put("WHATSAPP_API_BASE_URL", graph.baseUrl());
    env.put("OTP_LOCAL_AES_KEY", TestCiphertexts.LOCAL_KEY_BASE64);
    env.put("OTP_LOCAL_KEY_NAMESPACE", TestCiphertexts.LOCAL_KEY_NAMESPACE);
    env.put("OTP_LOCAL_KEY_NAME", TestCiphertexts.LOCAL_KEY_NAME);
  }

  private Path write(String event) throws Exception {
    Path file = Files.createTempFile(dir, "event", ".json");
    Files.writeString(file, event, StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void invoke_shouldPrintTheRecordedResultAsDuplicateAndExitZero_whenTheEventWasAlreadySent()
      throws Exception {
    // given
    Path event = write(Events.encrypted(TriggerSource.SIGN_UP, TestSecrets.CODE));
    assertThat(CliRun.run(env, "invoke", "--event", event.toString()).exitCode()).isZero();

    // when
    CliRun again = CliRun.run(env, "invoke", "--event", event.toString());

    // then
    assertThat(again.exitCode()).isZero();
    assertThat(again.outLines()).hasSize(1);
    assertThat(JSON.std.mapFrom(again.outLines()[0]))
        .containsEntry("status", "sent")
        .containsEntry("channel", "whatsapp")
        .containsEntry("messageId", MessageRef.of("wamid.FIRST"))
        .containsEntry("attempts", 1)
        .containsEntry("duplicate", true);
    graph.verify(1, postRequestedFor(urlEqualTo(MESSAGES_PATH)));
  }

  @Test
  void invoke_shouldExitOneWithoutSending_whenAnotherInvocationHoldsTheClaim() throws Exception {
    // given
    String json = Events.encrypted(TriggerSource.AUTHENTICATION, TestSecrets.CODE);
    Map<String, Object> map = JSON.std.mapFrom(json);
    DeliveryKey key =
        DeliveryKey.of(
            (String) map.get("userPoolId"),
            (String) map.get("userName"),
            TriggerSource.AUTHENTICATION,
            (String) ((Map<?, ?>) map.get("request")).get("code"));
    new DynamoDbDeliveryLedger(dynalite.client(), Dynalite.TABLE, Clock.systemUTC())
        .claim(key, Instant.now().plusSeconds(60));

    // when
    CliRun run = CliRun.run(env, "invoke", "--event", write(json).toString());

    // then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(JSON.std.mapFrom(run.outLines()[0]))
        .containsEntry("status", "failed")
        .containsEntry("failureKind", "IN_PROGRESS")
        .containsEntry("attempts", 0);
    assertThat(run.errLines())
        .singleElement()
        .asString()
        .startsWith("otp: another invocation is delivering");
    graph.verify(0, postRequestedFor(urlEqualTo(MESSAGES_PATH)));
  }

  @Test
  void invoke_shouldExitOneWithoutSending_whenTheLedgerIsUnreachable() throws Exception {
    // given
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      env.put("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:" + socket.getLocalPort());
    }
    Path event = write(Events.encrypted(TriggerSource.SIGN_UP, TestSecrets.CODE));

    // when
    CliRun run = CliRun.run(env, "invoke", "--event", event.toString());

    // then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(JSON.std.mapFrom(run.outLines()[0]))
        .containsEntry("status", "failed")
        .containsEntry("failureKind", "LEDGER_UNAVAILABLE");
    graph.verify(0, postRequestedFor(urlEqualTo(MESSAGES_PATH)));
  }
}
