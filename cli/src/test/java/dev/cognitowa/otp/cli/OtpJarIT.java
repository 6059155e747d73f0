package dev.cognitowa.otp.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.cognitowa.otp.sender.delivery.MessageRef;
import dev.cognitowa.otp.sender.event.TriggerSource;
import dev.cognitowa.otp.sender.testutils.Events;
import dev.cognitowa.otp.sender.testutils.LocalEnvironment;
import dev.cognitowa.otp.sender.testutils.TestSecrets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar, run in its own JVM exactly as the README says: shading mistakes show here. */
class OtpJarIT {
  private static final String PATH = "/v26.0/" + TestSecrets.PHONE_NUMBER_ID + "/messages";

  @RegisterExtension
  static WireMockExtension graph =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  private Run run(Map<String, String> env, String stdin, String... args) throws Exception {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                System.getProperty("otp.jar")));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().clear();
    builder.environment().putAll(env);
    builder
        .redirectOutput(dir.resolve("out.txt").toFile())
        .redirectError(dir.resolve("err.txt").toFile());
    Process process = builder.start();
    process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().close();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(
        process.exitValue(),
        Files.readString(dir.resolve("out.txt")),
        Files.readString(dir.resolve("err.txt")));
  }

  private Map<String, String> env() {
    return LocalEnvironment.whatsApp(graph.baseUrl());
  }

  @Test
  void demo_shouldExitZero_whenRunFromTheJar() throws Exception {
    // when
    Run run = run(Map.of(), "", "demo");

    // then
    assertThat(run.exit()).isZero();
    assertThat(run.out())
        .contains("is your verification code")
        .containsPattern("accepted as [0-9a-f]{64}")
        .doesNotContain("wamid");
  }

  @Test
  void invoke_shouldSendFromStdin_whenRunFromTheJar() throws Exception {
    // given
    graph.stubFor(
        post(urlEqualTo(PATH)).willReturn(okJson("{\"messages\":[{\"id\":\"wamid.JAR\"}]}")));
    String event = Events.encrypted(TriggerSource.AUTHENTICATION, TestSecrets.CODE);

    // when
    Run run = run(env(), event, "invoke", "--event", "-");

    // then
    assertThat(run.exit()).isZero();
    assertThat(run.out().strip())
        .isEqualTo(
            "{\"status\":\"sent\",\"channel\":\"whatsapp\",\"messageId\":\""
                + MessageRef.of("wamid.JAR")
                + "\","
                + "\"attempts\":1}");
    assertThat(run.err()).isEmpty();
    graph.verify(1, postRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void invoke_shouldExitTwoWithOneLine_whenTheEventIsBad() throws Exception {
    // when
    Run run = run(env(), "{\"nope\":true}", "invoke", "--event", "-");

    // then
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err().strip()).isEqualTo("otp: request is missing");
    assertThat(run.err().lines()).hasSize(1);
  }
}
