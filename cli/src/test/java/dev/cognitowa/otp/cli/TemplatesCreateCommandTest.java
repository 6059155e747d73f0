package dev.cognitowa.otp.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.cognitowa.otp.cli.MetaTemplateAnswers.TEMPLATES_PATH;
import static dev.cognitowa.otp.cli.MetaTemplateAnswers.WABA_ID;
import static dev.cognitowa.otp.cli.MetaTemplateAnswers.created;
import static dev.cognitowa.otp.cli.MetaTemplateAnswers.page;
import static dev.cognitowa.otp.cli.MetaTemplateAnswers.template;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.cognitowa.otp.sender.testutils.TestSecrets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code otp templates create} against a Graph stand-in shaped like Meta's answers. */
class TemplatesCreateCommandTest {
  @RegisterExtension
  static WireMockExtension graph =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final Map<String, String> env = new HashMap<>();

  @BeforeEach
  void setUp() {
    env.put("WHATSAPP_BUSINESS_ACCOUNT_ID", WABA_ID);
    env.put("WHATSAPP_ACCESS_TOKEN", TestSecrets.ACCESS_TOKEN);
    env.put("WHATSAPP_API_BASE_URL", graph.baseUrl());
    env.put("WHATSAPP_TEMPLATE_LANGUAGES", "en_US,pt_BR");
  }

  private static void accountHas(String... templates) {
    graph.stubFor(get(urlPathEqualTo(TEMPLATES_PATH)).willReturn(okJson(page(List.of(templates)))));
  }

  private static void createAnswers(ResponseDefinitionBuilder answer) {
    graph.stubFor(post(urlPathEqualTo(TEMPLATES_PATH)).willReturn(answer));
  }

  private static List<Map<String, Object>> createBodies() throws Exception {
    List<Map<String, Object>> bodies = new java.util.ArrayList<>();
    for (LoggedRequest request : graph.findAll(postRequestedFor(urlPathEqualTo(TEMPLATES_PATH)))) {
      bodies.add(JSON.std.mapFrom(request.getBodyAsString()));
    }
    return bodies;
  }

  @Test
  void create_shouldSubmitOnlyTheMissingTemplates_whenSomeExist() throws Exception {
    // given: the authentication template exists in English only
    accountHas(template("otp_code", "en_US", "APPROVED", "AUTHENTICATION"));
    createAnswers(okJson(created("1473688840035974", "PENDING", "AUTHENTICATION")));

    // when
    CliRun run = CliRun.run(env, "templates", "create");

    // then: three created (otp_code pt_BR, temporary_password en_US and pt_BR), one reported
    assertThat(run.exitCode()).isZero();
    assertThat(run.outLines())
        .anySatisfy(l -> assertThat(l).matches("otp_code +en_US +exists +APPROVED"))
        .anySatisfy(
            l -> assertThat(l).matches("otp_code +pt_BR +created +PENDING id 1473688840035974"))
        .anySatisfy(l -> assertThat(l).matches("temporary_password +pt_BR +created .*"));
    assertThat(createBodies())
        .extracting(b -> b.get("name") + "/" + b.get("language") + "/" + b.get("category"))
        .containsExactly(
            "otp_code/pt_BR/AUTHENTICATION",
            "temporary_password/en_US/UTILITY",
            "temporary_password/pt_BR/UTILITY");
    graph.verify(
        getRequestedFor(urlPathEqualTo(TEMPLATES_PATH))
            .withHeader("Authorization", equalTo("Bearer " + TestSecrets.ACCESS_TOKEN))
            .withQueryParam("fields", equalTo("id,name,language,status,category")));
    assertThat(run.out() + run.err()).doesNotContain(TestSecrets.ACCESS_TOKEN);
  }

  @Test
  void create_shouldSendMetasAuthenticationShape_whenCopyCodeIsTheDefault() throws Exception {
    // given
    accountHas();
    createAnswers(okJson(created("1", "APPROVED", "AUTHENTICATION")));

    // when
    CliRun run = CliRun.run(env, "templates", "create", "--languages", "es");

    // then: body, expiry footer, copy-code button, TTL no longer than the code's 10 minutes
    assertThat(run.exitCode()).isZero();
    Map<String, Object> auth = createBodies().get(0);
    assertThat(auth)
        .containsEntry("name", "otp_code")
        .containsEntry("language", "es")
        .containsEntry("category", "AUTHENTICATION")
        .containsEntry("message_send_ttl_seconds", 600);
    String raw =
        graph.findAll(postRequestedFor(urlPathEqualTo(TEMPLATES_PATH))).get(0).getBodyAsString();
    assertThat(raw)
        .contains(
            "\"components\":[{\"type\":\"BODY\",\"add_security_recommendation\":true},"
                + "{\"type\":\"FOOTER\",\"code_expiration_minutes\":10},"
                + "{\"type\":\"BUTTONS\",\"buttons\":[{\"type\":\"OTP\",\"otp_type\":\"COPY_CODE\"}]}]");
    Map<String, Object> utility = createBodies().get(1);
    assertThat(JSON.std.asString(utility.get("components")))
        .contains("Hola {{1}}, tu contraseña temporal es {{2}}")
        .contains("\"body_text\":[[\"alice\"");
  }

  @Test
  void create_shouldListTheAndroidApps_whenOneTapIsAsked() throws Exception {
    // given
    accountHas();
    createAnswers(okJson(created("2", "PENDING", "AUTHENTICATION")));

    // when
    CliRun run =
        CliRun.run(
            env,
            "templates",
            "create",
            "--languages",
            "en_US",
            "--otp-type",
            "one_tap",
            "--package-name",
            "com.example.luckyshrub",
            "--signature-hash",
            "K8a%2FAINcGX7",
            "--code-expiration-minutes",
            "5",
            "--no-security-recommendation");

    // then
    assertThat(run.exitCode()).isZero();
    graph.verify(
        postRequestedFor(urlPathEqualTo(TEMPLATES_PATH))
            .withRequestBody(matchingJsonPath("$.message_send_ttl_seconds", equalTo("300")))
            .withRequestBody(
                matchingJsonPath("$.components[0].add_security_recommendation", equalTo("false")))
            .withRequestBody(
                matchingJsonPath("$.components[2].buttons[0].otp_type", equalTo("ONE_TAP")))
            .withRequestBody(
                matchingJsonPath(
                    "$.components[2].buttons[0].supported_apps[0].package_name",
                    equalTo("com.example.luckyshrub")))
            .withRequestBody(
                matchingJsonPath(
                    "$.components[2].buttons[0].supported_apps[0].signature_hash",
                    equalTo("K8a%2FAINcGX7"))));
  }

  @Test
  void create_shouldAcceptMetasZeroTapTermsForEveryApp_whenZeroTapIsAsked() {
    // given
    accountHas();
    createAnswers(okJson(created("4", "PENDING", "AUTHENTICATION")));

    // when
    CliRun run =
        CliRun.run(
            env,
            "templates",
            "create",
            "--languages",
            "en_US",
            "--otp-type",
            "zero_tap",
            "--accept-zero-tap-terms",
            "--package-name",
            "com.example.app",
            "--signature-hash",
            "K8a/AINcGX7",
            "--package-name",
            "com.example.app.beta",
            "--signature-hash",
            "Z9b+BJOdHY8");

    // then
    assertThat(run.exitCode()).isZero();
    graph.verify(
        postRequestedFor(urlPathEqualTo(TEMPLATES_PATH))
            .withRequestBody(
                matchingJsonPath("$.components[2].buttons[0].otp_type", equalTo("ZERO_TAP")))
            .withRequestBody(
                matchingJsonPath(
                    "$.components[2].buttons[0].zero_tap_terms_accepted", equalTo("true")))
            .withRequestBody(
                matchingJsonPath(
                    "$.components[2].buttons[0].supported_apps[1].package_name",
                    equalTo("com.example.app.beta"))));
  }

  @Test
  void create_shouldReportAnExistingTemplate_whenMetaAnswersDuplicate() {
    // given: the list did not show it (another run created it meanwhile); Meta refuses the copy
    accountHas();
    createAnswers(MetaTemplateAnswers.duplicate());

    // when
    CliRun run = CliRun.run(env, "templates", "create", "--languages", "en_US");

    // then
    assertThat(run.exitCode()).isZero();
    assertThat(run.outLines())
        .filteredOn(l -> l.contains(" exists "))
        .hasSize(2)
        .allSatisfy(l -> assertThat(l).contains("Meta says it exists already"));
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        Arguments.of(
            "invalid parameter",
            (Supplier<ResponseDefinitionBuilder>) MetaTemplateAnswers::invalidParameter,
            "Meta error 100 (HTTP 400)",
            "invalid parameter"),
        Arguments.of(
            "rate limit",
            (Supplier<ResponseDefinitionBuilder>) MetaTemplateAnswers::rateLimited,
            "Meta error 80008",
            "retry later"),
        Arguments.of(
            "missing permission",
            (Supplier<ResponseDefinitionBuilder>) MetaTemplateAnswers::permissionMissing,
            "Meta error 200 (HTTP 403)",
            "needs whatsapp_business_management"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void create_shouldExitOneWithMetasCodeAndARemedy_whenMetaRefuses(
      String name, Supplier<ResponseDefinitionBuilder> answer, String error, String remedy) {
    // given
    accountHas();
    createAnswers(answer.get());

    // when
    CliRun run = CliRun.run(env, "templates", "create", "--languages", "en_US");

    // then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.outLines())
        .filteredOn(l -> l.startsWith("otp_code"))
        .singleElement()
        .satisfies(l -> assertThat(l).contains("failed", error, remedy));
    assertThat(run.out()).contains("2 of 2 templates need attention");
  }

  @Test
  void create_shouldExitOneAndCreateNothing_whenTheTokenIsExpired() {
    // given
    graph.stubFor(
        get(urlPathEqualTo(TEMPLATES_PATH)).willReturn(MetaTemplateAnswers.tokenExpired()));

    // when
    CliRun run = CliRun.run(env, "templates", "create");

    // then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("Meta error 190 (HTTP 401)", "renew the token");
    graph.verify(0, postRequestedFor(anyUrl()));
  }

  @Test
  void create_shouldExitOne_whenAnExistingTemplateIsRejected() {
    // given
    accountHas(
        template("otp_code", "en_US", "APPROVED", "AUTHENTICATION"),
        template("temporary_password", "en_US", "REJECTED", "UTILITY"));

    // when
    CliRun run = CliRun.run(env, "templates", "create", "--languages", "en_US");

    // then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).containsPattern("temporary_password +en_US +exists +REJECTED -> ");
    graph.verify(0, postRequestedFor(anyUrl()));
  }

  static Stream<Arguments> badOptions() {
    return Stream.of(
        Arguments.of(
            "one_tap without the app", List.of("--otp-type", "one_tap"), "needs the Android app"),
        Arguments.of(
            "zero_tap without the terms",
            List.of(
                "--otp-type",
                "zero_tap",
                "--package-name",
                "com.example.app",
                "--signature-hash",
                "K8aAAINcGX7"),
            "--accept-zero-tap-terms"),
        Arguments.of("unknown otp type", List.of("--otp-type", "magic"), "--otp-type must be"),
        Arguments.of(
            "TTL beyond the code",
            List.of("--code-expiration-minutes", "2", "--message-ttl-seconds", "300"),
            "must not exceed the code's expiry"),
        Arguments.of(
            "expiry out of range", List.of("--code-expiration-minutes", "91"), "must be 1..90"),
        Arguments.of(
            "hash without a package",
            List.of("--otp-type", "one_tap", "--signature-hash", "K8aAAINcGX7"),
            "one --signature-hash per --package-name"),
        Arguments.of(
            "language without a built-in text",
            List.of("--languages", "ja"),
            "no built-in AdminCreateUser text for ja"),
        Arguments.of(
            "malformed language", List.of("--languages", "en-US"), "--languages must list"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badOptions")
  void create_shouldExitTwoWithoutCallingMeta_whenOptionsAreWrong(
      String name, List<String> options, String problem) {
    // given
    String[] args =
        Stream.concat(Stream.of("templates", "create"), options.stream()).toArray(String[]::new);

    // when
    CliRun run = CliRun.run(env, args);

    // then
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains(problem);
    graph.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void create_shouldUseTheOperatorsText_whenALanguageHasNoBuiltInOne() {
    // given
    accountHas();
    createAnswers(okJson(created("3", "PENDING", "UTILITY")));

    // when
    CliRun run =
        CliRun.run(
            env,
            "templates",
            "create",
            "--languages",
            "nl",
            "--temporary-password-text",
            "nl=Hallo {{1}}, je tijdelijke wachtwoord is {{2}}.");

    // then
    assertThat(run.exitCode()).isZero();
    graph.verify(
        postRequestedFor(urlPathEqualTo(TEMPLATES_PATH))
            .withRequestBody(
                matchingJsonPath(
                    "$.components[0].text",
                    equalTo("Hallo {{1}}, je tijdelijke wachtwoord is {{2}}."))));
  }

  @Test
  void create_shouldListEveryMissingSetting_whenTheAccountAndTokenAreUnset() {
    // given
    env.remove("WHATSAPP_BUSINESS_ACCOUNT_ID");
    env.remove("WHATSAPP_ACCESS_TOKEN");

    // when
    CliRun run = CliRun.run(env, "templates", "create");

    // then
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("WHATSAPP_BUSINESS_ACCOUNT_ID is not set")
        .contains("WHATSAPP_ACCESS_TOKEN (or WHATSAPP_ACCESS_TOKEN_SECRET_ID) is not set");
    graph.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void create_shouldFollowGraphsPaging_whenTheAccountHasManyTemplates() {
    // given: the template exists on the second page
    graph.stubFor(
        get(urlPathEqualTo(TEMPLATES_PATH))
            .withQueryParam("after", absent())
            .willReturn(
                okJson(
                    MetaTemplateAnswers.pageWithNext(
                        List.of(template("hello_world", "en_US", "APPROVED", "MARKETING")),
                        "CURSOR2"))));
    graph.stubFor(
        get(urlPathEqualTo(TEMPLATES_PATH))
            .withQueryParam("after", equalTo("CURSOR2"))
            .willReturn(
                okJson(
                    page(
                        List.of(
                            template("otp_code", "en_US", "APPROVED", "AUTHENTICATION"),
                            template("temporary_password", "en_US", "PENDING", "UTILITY"))))));

    // when
    CliRun run = CliRun.run(env, "templates", "create", "--languages", "en_US");

    // then
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).containsPattern("temporary_password +en_US +exists +PENDING");
    graph.verify(0, postRequestedFor(anyUrl()));
  }
}
