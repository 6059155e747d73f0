package dev.cognitowa.otp.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.CloudAssembly;

/**
 * The ready stack as {@code OtpApp} builds it from context, with the real sender jar, every channel
 * in its chain, tracing and the delivery-status function, checked by cdk-nag's AwsSolutions pack;
 * plus a second stack in the same app (existing pool, secret by name, tracing, MFA required,
 * nothing retained, no ledger) so every suppression path is exercised and two deployments are shown
 * to coexist.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OtpStackTest {

  private static final String SENDER_ID_ARN =
      "arn:aws:sms-voice:eu-west-1:111122223333:sender-id/MyBrand/DE";

  private OtpStack stack;
  private OtpStack existingPoolStack;
  private Template template;
  private CloudAssembly assembly;

  @BeforeAll
  void synthesize(@TempDir Path outdir) {
    // the flags of cdk.json, as the CLI passes them, under the context of this deployment
    Map<String, Object> context = new HashMap<>(CdkJson.context(CdkJson.DEFAULT));
    context.putAll(
        Map.of(
            "phoneNumberId",
            SenderFixtures.PHONE_NUMBER_ID,
            "tokenSecretArn",
            SenderFixtures.TOKEN_SECRET_ARN,
            "channels",
            "whatsapp,whatsapp-eum,sms,sns",
            "eumPhoneNumberId",
            WhatsAppOtpSenderChannelsTest.EUM_PHONE_NUMBER_ID,
            "smsOriginationIdentity",
            SENDER_ID_ARN,
            "smsConfigurationSet",
            WhatsAppOtpSenderChannelsTest.CONFIGURATION_SET,
            "tracing",
            "true",
            "alarmEmail",
            "ops@example.org",
            "wafRateLimit",
            "300"));
    context.put("smsAllowedCountries", "DE,AT");
    context.put("domainPrefix", "otp-example");
    context.put("callbackUrls", "https://app.example.org/callback");
    App app = App.Builder.create().outdir(outdir.toString()).context(context).build();
    Aspects.of(app)
        .add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).reports(true).build()));
    stack = OtpApp.createStack(app, null);
    Map<String, Object> second =
        new HashMap<>(
            Map.of(
                "stackName",
                "Otp-Staging",
                "phoneNumberId",
                SenderFixtures.PHONE_NUMBER_ID,
                "tokenSecretName",
                "whatsapp/access-token",
                "userPoolId",
                SenderFixtures.EXISTING_POOL_ID,
                "tracing",
                "true",
                "mfa",
                "REQUIRED",
                "retain",
                "false",
                "ledger",
                "false",
                "architecture",
                "arm64"));
    OtpStackConfig secondConfig = OtpStackConfig.fromContext(second::get);
    existingPoolStack =
        new OtpStack(
            app, secondConfig.stackName(), StackProps.builder().build(), secondConfig, null);
    template = Template.fromStack(stack);
    assembly = app.synth();
  }

  @Test
  void functions_shouldFollowTheArchitectureContextKey_x86_64ByDefault() {
    // then: the sender, the status and the verification function of the default stack, and the
    // arm64 stack's
    template.resourcePropertiesCountIs(
        "AWS::Lambda::Function",
        Map.of("Runtime", "java25", "Architectures", List.of("x86_64")),
        3);
    template.resourcePropertiesCountIs(
        "AWS::Lambda::Function", Map.of("Architectures", List.of("arm64")), 0);
    Template arm = Template.fromStack(existingPoolStack);
    arm.resourcePropertiesCountIs(
        "AWS::Lambda::Function", Map.of("Runtime", "java25", "Architectures", List.of("arm64")), 1);
    arm.resourcePropertiesCountIs(
        "AWS::Lambda::Function", Map.of("Architectures", List.of("x86_64")), 0);
  }

  @Test
  void cdkNag_shouldReportNoUnsuppressedError_whenAwsSolutionsChecksRun() {
    // then
    for (OtpStack each : List.of(stack, existingPoolStack)) {
      assertThat(
              Annotations.fromStack(each).findError("*", Match.stringLikeRegexp("AwsSolutions-.*")))
          .as(each.getStackName())
          .isEmpty();
      assertThat(
              Annotations.fromStack(each)
                  .findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*")))
          .as(each.getStackName())
          .isEmpty();
    }
  }

  @Test
  void cdkNag_shouldReportOnlyCompliantOrSuppressedRules_whenItsReportIsRead() throws IOException {
    for (OtpStack each : List.of(stack, existingPoolStack)) {
      // given: cdk-nag's own report, which also proves the checks ran
      Path report =
          Path.of(assembly.getDirectory())
              .resolve("AwsSolutions-" + each.getArtifactId() + "-NagReport.csv");

      // when
      List<String> rows = Files.readAllLines(report);
      Files.copy(
          report,
          Path.of("target").resolve(report.getFileName()),
          StandardCopyOption.REPLACE_EXISTING);

      // then
      assertThat(rows)
          .as(report.toString())
          .anyMatch(row -> row.contains("\"Compliant\""))
          .anyMatch(row -> row.contains("\"Suppressed\""))
          .noneMatch(row -> row.contains("\"Non-Compliant\""));
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void cdkNag_shouldRecordAReasonForEverySuppression_whenResourcesAreSuppressed() {
    // when
    Map<String, Map<String, Object>> resources =
        (Map<String, Map<String, Object>>) template.toJSON().get("Resources");

    // then
    assertThat(resources.values()).filteredOn(r -> r.get("Metadata") != null).isNotEmpty();
    resources.forEach(
        (id, resource) -> {
          Map<String, Object> metadata =
              (Map<String, Object>) resource.getOrDefault("Metadata", Map.of());
          Map<String, Object> nag = (Map<String, Object>) metadata.get("cdk_nag");
          if (nag == null) {
            return;
          }
          assertThat((List<Map<String, Object>>) nag.get("rules_to_suppress"))
              .as(id)
              .isNotEmpty()
              .allSatisfy(
                  rule ->
                      assertThat((String) rule.get("reason"))
                          .as(id + " " + rule.get("id"))
                          .hasSizeGreaterThan(40));
        });
  }

  @Test
  void userPool_shouldSignInAndRecoverByPhoneOnlyWithAStrongPasswordPolicy_whenCreated() {
    // then: phone first, no email to verify or send
    template.hasResourceProperties(
        "AWS::Cognito::UserPool",
        Map.of(
            "UsernameAttributes", List.of("phone_number"),
            "AutoVerifiedAttributes", List.of("phone_number"),
            "AliasAttributes", Match.absent(),
            "Schema", List.of(Map.of("Name", "phone_number", "Required", true, "Mutable", true)),
            "AccountRecoverySetting",
                Map.of(
                    "RecoveryMechanisms",
                    List.of(Map.of("Name", "verified_phone_number", "Priority", 1))),
            "EmailConfiguration", Match.absent()));
    template.hasResourceProperties(
        "AWS::Cognito::UserPool",
        Map.of(
            "MfaConfiguration", "OPTIONAL",
            "EnabledMfas", List.of("SMS_MFA"),
            "AdminCreateUserConfig", Map.of("AllowAdminCreateUserOnly", false),
            "Policies",
                Map.of(
                    "PasswordPolicy",
                    Map.of(
                        "MinimumLength",
                        12,
                        "RequireLowercase",
                        true,
                        "RequireUppercase",
                        true,
                        "RequireNumbers",
                        true,
                        "RequireSymbols",
                        true,
                        "TemporaryPasswordValidityDays",
                        3)),
            "UserPoolName", Match.absent()));
  }

  @Test
  void appClient_shouldUseSrpWithoutSecret_whenCreated() {
    // then
    template.hasResourceProperties(
        "AWS::Cognito::UserPoolClient",
        Map.of(
            "ExplicitAuthFlows",
            List.of("ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"),
            "GenerateSecret",
            false,
            "PreventUserExistenceErrors",
            "ENABLED"));
  }

  @Test
  void outputs_shouldNameThePoolClientFunctionQueueAndWebhook_whenCreated() {
    // then
    assertThat(template.findOutputs("*").keySet())
        .contains(
            "UserPoolId",
            "UserPoolClientId",
            "FunctionName",
            "FunctionAliasArn",
            "LogGroupName",
            "KmsKeyArn",
            "FailedDeliveriesQueueUrl",
            "LedgerTableName",
            "DeliveryStatusWebhookUrl",
            "AppSecretName",
            "DeliveryStatusTopicArn");
    template.hasOutput(
        "DeliveryStatusWebhookUrl",
        Map.of(
            "Value",
            Map.of(
                "Fn::GetAtt",
                List.of(
                    stack.getLogicalId(
                        (CfnElement)
                            stack
                                .getSender()
                                .getDeliveryStatus()
                                .getFunctionUrl()
                                .getNode()
                                .getDefaultChild()),
                    "FunctionUrl"))));
    assertThat(Template.fromStack(existingPoolStack).findOutputs("*").keySet())
        .doesNotContain("DeliveryStatusWebhookUrl", "AppSecretName", "DeliveryStatusTopicArn");
    assertThat(template.findOutputs("*", Map.of("Export", Match.anyValue()))).isEmpty();
  }

  @Test
  void template_shouldHaveNoCircularDependency_whenTheStackCreatesItsPool() {
    // then
    assertThat(new DependencyGraph(template.toJSON()).findCycle()).isEmpty();
  }

  @Test
  void existingPoolStack_shouldCreateNoPoolAndRequireNothingOfIt_whenUserPoolIdIsGiven() {
    // given
    Template existing = Template.fromStack(existingPoolStack);

    // then
    existing.resourceCountIs("AWS::Cognito::UserPool", 0);
    existing.resourceCountIs("AWS::Cognito::UserPoolClient", 0);
    existing.resourceCountIs("AWS::Lambda::Function", 1);
    assertThat(existing.findOutputs("UserPoolId")).isNotEmpty();
  }

  @Test
  void synth_shouldPackageTheRealSenderJar_whenNoCodeIsGiven() throws IOException {
    // given
    Path jar = SenderArtifact.locate(Path.of(""));
    Capture s3Key = new Capture();

    // when
    template.hasResourceProperties(
        "AWS::Lambda::Function",
        Map.of(
            "Handler",
            SenderArtifact.HANDLER,
            "Code",
            Map.of("S3Bucket", Match.anyValue(), "S3Key", s3Key)));

    // then: the asset CloudFormation deploys is, byte for byte, the jar Maven built
    String assetHash = s3Key.asString().replace(".jar", "");
    Path staged = Path.of(assembly.getDirectory()).resolve("asset." + assetHash + ".jar");
    assertThat(staged).exists();
    assertThat(sha256(staged)).isEqualTo(sha256(jar));
    try (ZipFile zip = new ZipFile(staged.toFile())) {
      assertThat(zip.getEntry("dev/cognitowa/otp/sender/CustomSmsSenderHandler.class")).isNotNull();
    }
  }

  private static String sha256(Path file) throws IOException {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
