package dev.cognitowa.otp.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.cognitowa.otp.sender.testutils.TestSecrets;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each mistake a new user makes gets its own line, naming the option or endpoint at fault. */
class CliMessagesTest {
  private static final String MESSAGES_PATH = "/v26.0/" + TestSecrets.PHONE_NUMBER_ID + "/messages";

  @RegisterExtension
  static WireMockExtension graph =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static Map<String, String> sendEnv(String baseUrl) {
    Map<String, String> env = new HashMap<>();
    env.put("WHATSAPP_PHONE_NUMBER_ID", TestSecrets.PHONE_NUMBER_ID);
    env.put("WHATSAPP_ACCESS_TOKEN", TestSecrets.ACCESS_TOKEN);
    env.put("WHATSAPP_API_BASE_URL", baseUrl);
    return env;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("timeoutCommands")
  void timeoutSeconds_shouldExitTwoNamingTheOption_whenOutOfRange(String command) {
    // when
    CliRun zero =
        CliRun.run(sendEnv(graph.baseUrl()), (command + " --timeout-seconds 0").split(" "));
    CliRun word = CliRun.run(Map.of(), (command + " --timeout-seconds ten").split(" "));

    // then
    assertThat(zero.exitCode()).isEqualTo(2);
    assertThat(zero.err()).contains("--timeout-seconds must be 1 to 900").contains("was 0");
    assertThat(word.exitCode()).isEqualTo(2);
    assertThat(word.err()).contains("--timeout-seconds").contains("'ten'");
  }

  static Stream<String> timeoutCommands() {
    return Stream.of(
        "invoke --event -",
        "send --to " + TestSecrets.PHONE + " --code 1",
        "status --payload - --local");
  }

  @Test
  void invoke_shouldSayItIsADirectory_whenTheEventIsOne(@TempDir Path dir) {
    // when
    CliRun run = CliRun.run(Map.of(), "invoke", "--event", dir.toString());
    CliRun payload = CliRun.run(Map.of(), "status", "--payload", dir.toString());
    CliRun missing = CliRun.run(Map.of(), "invoke", "--event", dir.resolve("nope.json").toString());

    // then
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--event " + dir + " is a directory, not a file");
    assertThat(payload.err()).contains("--payload " + dir + " is a directory");
    assertThat(missing.err()).contains("event file not found: ").contains("nope.json (--event)");
  }

  @Test
  void send_shouldNameToAndHintThePlus_whenTheCountryCodeIsMissing() {
    // when
    CliRun run =
        CliRun.run(sendEnv(graph.baseUrl()), "send", "--to", "447400123456", "--code", "1");

    // then: masked, naming the option, no request made
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("--to needs the country code after a '+' (E.164: +44 and the number")
        .doesNotContain("447400123456 ");
    assertThat(graph.getAllServeEvents()).isEmpty();
  }

  @Test
  void send_shouldSayWhichTemplateAndLanguageItTried_whenSending() {
    // given
    graph.stubFor(
        post(urlEqualTo(MESSAGES_PATH))
            .willReturn(okJson("{\"messages\":[{\"id\":\"wamid.X1\"}]}")));
    Map<String, String> env = sendEnv(graph.baseUrl());
    env.put("WHATSAPP_TEMPLATE_LANGUAGES", "en_US,pt_BR");

    // when
    CliRun run =
        CliRun.run(
            env,
            "send",
            "--to",
            TestSecrets.PHONE,
            "--code",
            TestSecrets.CODE,
            "--locale",
            "pt-BR",
            "--app-client",
            "unknownclient1",
            "-v");

    // then
    assertThat(run.exitCode()).isZero();
    assertThat(run.err())
        .contains("CustomSMSSender_Authentication: template otp_code in pt_BR to +")
        .contains(
            "warning: --app-client unknownclient1 is not in OTP_APP_CLIENTS; the default templates"
                + " apply")
        .contains("channels whatsapp, Graph " + graph.baseUrl() + " version v26.0")
        .doesNotContain(TestSecrets.CODE)
        .doesNotContain(TestSecrets.PHONE);
  }

  @Test
  void send_shouldNameTheEndpoint_whenNothingListensThere() throws IOException {
    // given: a port nothing listens on
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String endpoint = "http://127.0.0.1:" + port;

    // when
    CliRun run =
        CliRun.run(
            sendEnv(endpoint),
            "send",
            "--to",
            TestSecrets.PHONE,
            "--code",
            TestSecrets.CODE,
            "--timeout-seconds",
            "2");

    // then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.errLines()[run.errLines().length - 1])
        .contains("could not reach " + endpoint + ", WHATSAPP_API_BASE_URL");
  }

  @Test
  void status_shouldCallASignatureMalformed_whenItIsNotSha256Hex(@TempDir Path dir)
      throws IOException {
    // given
    Path payload = dir.resolve("body.json");
    Files.writeString(payload, "{}");

    // when
    CliRun run =
        CliRun.run(
            Map.of(), "status", "--payload", payload.toString(), "--signature", "sha256=xyz");

    // then
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("--signature is malformed: it must be sha256= and 64 hex digits")
        .doesNotContain("does not match");
  }

  @Test
  void otp_shouldSuggestTheCommand_whenOneIsMistyped() {
    // when
    CliRun run = CliRun.run(Map.of(), "invok", "--event", "x.json");

    // then
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Did you mean: invoke").contains("Run 'otp --help'");
    assertThat(run.err()).doesNotContain("Usage:");
  }

  @Test
  void otp_shouldSuggestTheOption_whenOneIsMistyped() {
    // when
    CliRun run = CliRun.run(Map.of(), "invoke", "--evnt", "x.json");

    // then
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("otp: unknown option --evnt; did you mean --event?")
        .contains("Run 'otp invoke --help'");
  }

  @Test
  void help_shouldShowEveryCommandsWholeSummary_whenAsked() {
    // when
    CliRun run = CliRun.run(Map.of(), "--help");

    // then: each summary is a sentence, ending with its full stop on the command's line
    assertThat(run.exitCode()).isZero();
    assertThat(run.out().replaceAll("\\s+", " "))
        .contains("status Runs the delivery-status function for one webhook body or EUM event.")
        .contains("event Writes a Cognito custom SMS sender event")
        .contains("completion Prints the shell completion script");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("subcommands")
  void help_shouldNameTheEnvironmentItReads_whenAskedForAnyCommand(String command) {
    // when
    CliRun run = CliRun.run(Map.of(), (command + " --help").split(" "));

    // then
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("Reads ")
        .containsPattern("no environment variables|[A-Z]{3,}_[A-Z_]+");
  }

  static Stream<String> subcommands() {
    return Stream.of(
        "demo",
        "event",
        "invoke",
        "send",
        "status",
        "bench",
        "bench burst",
        "templates",
        "templates list",
        "templates create",
        "doctor",
        "completion");
  }

  @Test
  void completion_shouldPrintABashScript_whenAsked() {
    // when
    CliRun run = CliRun.run(Map.of(), false, "completion");

    // then
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("complete -F _complete_otp")
        .contains("invoke")
        .contains("--timeout-seconds");
  }

  @Test
  void status_shouldNameEverythingMissingInOneLine_whenNothingIsConfigured(@TempDir Path dir)
      throws IOException {
    // given
    Path payload = dir.resolve("body.json");
    Files.writeString(payload, "{}");

    // when
    CliRun run = CliRun.run(Map.of(), "status", "--payload", payload.toString());

    // then: the settings, the region the ledger needs, and the way to need none of them
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.err())
        .contains("WHATSAPP_APP_SECRET_SECRET_ID is not set")
        .contains("OTP_LEDGER_TABLE is not set")
        .contains(ConfigurationProblems.NO_REGION)
        .contains("--local runs with no AWS or Meta account");
  }

  @Test
  void invoke_shouldNameTheRegionWithTheOtherProblems_whenTheLedgerNeedsIt() {
    // when
    CliRun run =
        CliRun.run(
            Map.of("OTP_LEDGER_TABLE", "otp-ledger", "WHATSAPP_ACCESS_TOKEN", "t"),
            "invoke",
            "--event",
            "-");

    // then
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.err())
        .contains("WHATSAPP_PHONE_NUMBER_ID is not set")
        .contains("KMS_KEY_ARN is not set")
        .contains(ConfigurationProblems.NO_REGION);
  }
}
