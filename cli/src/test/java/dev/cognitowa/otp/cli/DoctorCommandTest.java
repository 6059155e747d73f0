package dev.cognitowa.otp.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.cognitowa.otp.cli.MetaTemplateAnswers.TEMPLATES_PATH;
import static dev.cognitowa.otp.cli.MetaTemplateAnswers.WABA_ID;
import static dev.cognitowa.otp.cli.MetaTemplateAnswers.page;
import static dev.cognitowa.otp.cli.MetaTemplateAnswers.template;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.cognitowa.otp.sender.testutils.TestSecrets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code otp doctor} against a Graph stand-in and one AWS stand-in (KMS, Secrets Manager and
 * DynamoDB told apart by X-Amz-Target) with the real SDK clients.
 */
class DoctorCommandTest {
  private static final String PHONE_PATH = "/v26.0/" + TestSecrets.PHONE_NUMBER_ID;
  private static final String NUMBERS_PATH = "/v26.0/" + WABA_ID + "/phone_numbers";
  private static final String KEY_ARN =
      "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  private static final String TABLE = "otp-ledger";

  @RegisterExtension
  static WireMockExtension graph =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @RegisterExtension
  static WireMockExtension aws =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final Map<String, String> env = new HashMap<>();

  @BeforeEach
  void setUp() {
    env.put("WHATSAPP_PHONE_NUMBER_ID", TestSecrets.PHONE_NUMBER_ID);
    env.put("WHATSAPP_BUSINESS_ACCOUNT_ID", WABA_ID);
    env.put("WHATSAPP_ACCESS_TOKEN_SECRET_ID", "whatsapp/access-token");
    env.put("WHATSAPP_API_BASE_URL", graph.baseUrl());
    env.put("KMS_KEY_ARN", KEY_ARN);
    env.put("OTP_LEDGER_TABLE", TABLE);
    env.put("AWS_REGION", "eu-west-1");
    env.put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
    env.put("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    env.put("AWS_ENDPOINT_URL", aws.baseUrl());
    healthy();
  }

  /** Every stand-in answers as a working set-up would. */
  private static void healthy() {
    graph.stubFor(
        get(urlPathEqualTo(PHONE_PATH))
            .willReturn(okJson("{\"id\":\"" + TestSecrets.PHONE_NUMBER_ID + "\"}")));
    graph.stubFor(
        get(urlPathEqualTo(NUMBERS_PATH))
            .willReturn(
                okJson(
                    "{\"data\":[{\"id\":\"100000000000009\"},{\"id\":\""
                        + TestSecrets.PHONE_NUMBER_ID
                        + "\"}]}")));
    graph.stubFor(
        get(urlPathEqualTo(TEMPLATES_PATH))
            .willReturn(
                okJson(
                    page(
                        List.of(
                            template("otp_code", "en_US", "APPROVED", "AUTHENTICATION"),
                            template("temporary_password", "en_US", "APPROVED", "UTILITY"))))));
    awsAnswers(
        "secretsmanager.GetSecretValue",
        okJson(
            "{\"Name\":\"whatsapp/access-token\",\"SecretString\":\""
                + TestSecrets.ACCESS_TOKEN
                + "\"}"));
    awsAnswers("TrentService.DescribeKey", okJson(key("Enabled", "SYMMETRIC_DEFAULT")));
    awsAnswers(
        "DynamoDB_20120810.DescribeTable",
        okJson(
            "{\"Table\":{\"TableName\":\""
                + TABLE
                + "\",\"TableStatus\":\"ACTIVE\",\"KeySchema\":[{\"AttributeName\":\"id\","
                + "\"KeyType\":\"HASH\"}]}}"));
  }

  private static String key(String state, String spec) {
    return "{\"KeyMetadata\":{\"KeyId\":\"1234abcd-12ab-34cd-56ef-1234567890ab\",\"Arn\":\""
        + KEY_ARN
        + "\",\"KeyState\":\""
        + state
        + "\",\"KeySpec\":\""
        + spec
        + "\",\"KeyUsage\":\"ENCRYPT_DECRYPT\",\"Enabled\":true}}";
  }

  private static void awsAnswers(String target, ResponseDefinitionBuilder answer) {
    aws.stubFor(
        post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(target)).willReturn(answer));
  }

  private static ResponseDefinitionBuilder awsError(int status, String type) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/x-amz-json-1.1")
        .withBody("{\"__type\":\"" + type + "\",\"message\":\"refused\"}");
  }

  @Test
  void doctor_shouldPassEveryCheck_whenEverythingIsInPlace() {
    // when
    CliRun run = CliRun.run(env, "doctor");

    // then
    assertThat(run.exitCode()).isZero();
    assertThat(run.outLines())
        .extracting(l -> l.substring(0, Math.min(21, l.length())).strip())
        .containsExactly(
            "PASS  configuration",
            "PASS  token secret",
            "PASS  token",
            "PASS  number",
            "PASS  templates",
            "PASS  kms key",
            "PASS  ledger table",
            "PASS  api-version",
            "all checks passed");
    assertThat(run.out()).doesNotContain(TestSecrets.ACCESS_TOKEN);
    aws.verify( // the secret is read once, for every Graph check
        1,
        postRequestedFor(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue")));
  }

  @Test
  void doctor_shouldNameEachFailureWithItsRemedy_whenMetaAndAwsRefuse() {
    // given
    graph.stubFor(get(urlPathEqualTo(PHONE_PATH)).willReturn(MetaTemplateAnswers.tokenExpired()));
    graph.stubFor(get(urlPathEqualTo(NUMBERS_PATH)).willReturn(okJson("{\"data\":[]}")));
    graph.stubFor(get(urlPathEqualTo(TEMPLATES_PATH)).willReturn(okJson(page(List.of()))));
    awsAnswers("TrentService.DescribeKey", okJson(key("PendingDeletion", "SYMMETRIC_DEFAULT")));
    awsAnswers("DynamoDB_20120810.DescribeTable", awsError(400, "ResourceNotFoundException"));

    // when
    CliRun run = CliRun.run(env, "doctor");

    // then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .containsPattern("FAIL +token +Meta error 190 \\(HTTP 401\\).* -> renew the token")
        .containsPattern("FAIL +number +account " + WABA_ID + " has no phone-number id")
        .containsPattern(
            "FAIL +templates +2 of 2 not approved: otp_code/en_US MISSING,"
                + " temporary_password/en_US MISSING -> otp templates create")
        .containsPattern("FAIL +kms key +key is PendingDeletion -> enable it")
        .containsPattern(
            "FAIL +ledger table +ResourceNotFoundException -> not found: check the ARN or name")
        .contains("5 of 8 checks failed");
  }

  @Test
  void doctor_shouldFailTheSecretAndSkipGraph_whenTheSecretCannotBeRead() {
    // given
    awsAnswers("secretsmanager.GetSecretValue", awsError(400, "AccessDeniedException"));

    // when
    CliRun run = CliRun.run(env, "doctor");

    // then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .containsPattern(
            "FAIL +token secret +cannot read secret whatsapp/access-token: AccessDeniedException"
                + " -> store the token in it and allow secretsmanager:GetSecretValue")
        .containsPattern("SKIP +token +no token to try")
        .containsPattern("SKIP +templates +no token to list them with");
    aws.verify(
        1,
        postRequestedFor(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue")));
  }

  @Test
  void doctor_shouldSkipWhatIsNotConfigured_whenRunBeforeTheFirstDeploy() {
    // given: the onboarding's local set-up, a token and the account, nothing in AWS yet
    env.remove("WHATSAPP_ACCESS_TOKEN_SECRET_ID");
    env.remove("KMS_KEY_ARN");
    env.remove("OTP_LEDGER_TABLE");
    env.put("WHATSAPP_ACCESS_TOKEN", TestSecrets.ACCESS_TOKEN);

    // when
    CliRun run = CliRun.run(env, "doctor");

    // then
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .containsPattern("SKIP +token secret +WHATSAPP_ACCESS_TOKEN is given directly")
        .containsPattern("SKIP +kms key +KMS_KEY_ARN is not set")
        .containsPattern("SKIP +ledger table +OTP_LEDGER_TABLE is not set");
    aws.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void doctor_shouldFailTheNumberAndTemplates_whenTheAccountIsNotSet() {
    // given
    env.remove("WHATSAPP_BUSINESS_ACCOUNT_ID");

    // when
    CliRun run = CliRun.run(env, "doctor");

    // then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .containsPattern("FAIL +number +WHATSAPP_BUSINESS_ACCOUNT_ID is not set")
        .containsPattern("FAIL +templates +WHATSAPP_BUSINESS_ACCOUNT_ID is not set");
  }

  @Test
  void doctor_shouldRefuseTheKey_whenItIsNotSymmetric() {
    // given
    awsAnswers("TrentService.DescribeKey", okJson(key("Enabled", "RSA_2048")));

    // when
    CliRun run = CliRun.run(env, "doctor");

    // then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .containsPattern("FAIL +kms key +key is RSA_2048 -> Cognito's custom sender");
  }

  @Test
  void doctor_shouldExitTwoListingEveryProblem_whenTheConfigurationCannotBeRead() {
    // given
    env.put("OTP_CHANNELS", "whatsapp,fax");
    env.remove("WHATSAPP_PHONE_NUMBER_ID");

    // when
    CliRun run = CliRun.run(env, "doctor");

    // then
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out())
        .containsPattern("FAIL +configuration +WHATSAPP_PHONE_NUMBER_ID is not set")
        .containsPattern("FAIL +configuration +OTP_CHANNELS names an unknown channel fax")
        .contains("nothing else was checked");
    graph.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void doctor_shouldPrintOneJsonObject_whenOutputIsJson() throws java.io.IOException {
    // when
    CliRun run = CliRun.run(env, "doctor", "--output", "json");

    // then: one line, every check with its state
    assertThat(run.exitCode()).isZero();
    assertThat(run.outLines()).hasSize(1);
    java.util.Map<String, Object> report = com.fasterxml.jackson.jr.ob.JSON.std.mapFrom(run.out());
    assertThat(report).containsEntry("ok", true).containsEntry("summary", "all checks passed");
    assertThat((List<?>) report.get("checks"))
        .hasSize(8)
        .allSatisfy(
            c ->
                assertThat(String.valueOf(((java.util.Map<?, ?>) c).keySet()))
                    .isEqualTo("[check, status, detail]"));
    assertThat(run.out()).contains("{\"check\":\"api-version\",\"status\":\"PASS\"");
  }

  @Test
  void doctor_shouldFailTheVersion_whenMetaHasRetiredIt() {
    // given: v20.0, served until 2026-09-24 by Meta's table
    env.put("WHATSAPP_API_VERSION", "v20.0");
    graph.stubFor(
        get(urlPathEqualTo("/v20.0/" + TestSecrets.PHONE_NUMBER_ID))
            .willReturn(okJson("{\"id\":\"" + TestSecrets.PHONE_NUMBER_ID + "\"}")));

    // when
    CliRun run = CliRun.run(env, "doctor", "--output", "json");

    // then
    assertThat(run.out())
        .contains("v20.0 was retired by Meta on 2026-09-24")
        .contains(dev.cognitowa.otp.cli.doctor.GraphApiVersions.SOURCE);
  }

  @Test
  void doctor_shouldListConfigurationProblemsAsJson_whenItCannotBeRead()
      throws java.io.IOException {
    // when
    CliRun run = CliRun.run(java.util.Map.of(), "doctor", "--output", "json");

    // then
    assertThat(run.exitCode()).isEqualTo(2);
    java.util.Map<String, Object> report = com.fasterxml.jackson.jr.ob.JSON.std.mapFrom(run.out());
    assertThat(report).containsEntry("ok", false);
    assertThat(run.out()).contains("\"status\":\"FAIL\"").contains("WHATSAPP_PHONE_NUMBER_ID");
  }
}
