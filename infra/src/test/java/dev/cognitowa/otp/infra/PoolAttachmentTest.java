package dev.cognitowa.otp.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
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
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.CloudAssembly;

/**
 * {@code -c attach=true}: the custom resource that runs {@code otp attach} on deploy and {@code otp
 * detach} on destroy, with a role that may touch that pool and that key only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PoolAttachmentTest {
  private static final String POOL = SenderFixtures.EXISTING_POOL_ID;

  private OtpStack stack;
  private Template template;
  private CloudAssembly assembly;

  @BeforeAll
  void synthesize(@TempDir Path outdir) {
    Map<String, Object> context = new HashMap<>(CdkJson.context(CdkJson.DEFAULT));
    context.putAll(
        Map.of(
            "phoneNumberId",
            SenderFixtures.PHONE_NUMBER_ID,
            "tokenSecretArn",
            SenderFixtures.TOKEN_SECRET_ARN,
            "userPoolId",
            POOL,
            "attach",
            "true"));
    App app = App.Builder.create().outdir(outdir.toString()).context(context).build();
    Aspects.of(app)
        .add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).reports(true).build()));
    stack = OtpApp.createStack(app, null);
    template = Template.fromStack(stack);
    assembly = app.synth();
  }

  @Test
  void customResource_shouldNameThePoolTheAliasAndTheKey() {
    // then
    template.resourceCountIs("Custom::OtpPoolAttachment", 1);
    template.hasResourceProperties(
        "Custom::OtpPoolAttachment",
        Map.of(
            "ServiceToken",
            Map.of("Fn::GetAtt", List.of(logicalId(stack.getAttachment().getFunction()), "Arn")),
            "PoolId",
            POOL,
            "FunctionArn",
            Map.of("Ref", logicalId(stack.getSender().getAlias())),
            "KeyArn",
            Map.of("Fn::GetAtt", List.of(logicalId(stack.getSender().getKey()), "Arn"))));
  }

  @Test
  void customResource_shouldComeAfterTheSender_soCognitoMayInvokeTheAliasFirst() {
    // when
    Map<String, Map<String, Object>> resources =
        template.findResources("Custom::OtpPoolAttachment");

    // then: CloudFormation creates it after the invoke permission and deletes it before
    @SuppressWarnings("unchecked")
    List<Object> dependsOn = (List<Object>) resources.values().iterator().next().get("DependsOn");
    assertThat(dependsOn)
        .anyMatch(id -> String.valueOf(id).startsWith("WhatsAppOtpSenderAliasCognitoInvoke"))
        .anyMatch(id -> String.valueOf(id).startsWith("WhatsAppOtpSenderCodeKey"));
  }

  @Test
  void role_shouldReadAndUpdateThatPoolOnly() {
    // given
    Capture resource = new Capture();

    // then
    template.hasResourceProperties(
        "AWS::IAM::Policy",
        Match.objectLike(
            Map.of(
                "Roles",
                List.of(Map.of("Ref", logicalId(stack.getAttachment().getRole()))),
                "PolicyDocument",
                Map.of(
                    "Statement",
                    Match.arrayWith(
                        List.of(
                            Match.objectLike(
                                Map.of(
                                    "Sid",
                                    "ReadAndUpdateThePool",
                                    "Effect",
                                    "Allow",
                                    "Action",
                                    List.of(
                                        "cognito-idp:DescribeUserPool",
                                        "cognito-idp:UpdateUserPool"),
                                    "Resource",
                                    resource))))))));
    assertThat(resource.asObject().toString())
        .contains(":cognito-idp:")
        .endsWith(":userpool/" + POOL + "]]}");
  }

  @Test
  void role_shouldDescribeTheKeyAndGrantItToCognitoForThatPoolOnly() {
    // given
    Map<String, Object> key =
        Map.of("Fn::GetAtt", List.of(logicalId(stack.getSender().getKey()), "Arn"));

    // then
    template.hasResourceProperties(
        "AWS::IAM::Policy",
        Match.objectLike(
            Map.of(
                "Roles",
                List.of(Map.of("Ref", logicalId(stack.getAttachment().getRole()))),
                "PolicyDocument",
                Map.of(
                    "Statement",
                    Match.arrayWith(
                        List.of(
                            Match.objectLike(
                                Map.of(
                                    "Sid",
                                    "DescribeTheSenderKey",
                                    "Action",
                                    "kms:DescribeKey",
                                    "Resource",
                                    key)),
                            Match.objectLike(
                                Map.of(
                                    "Sid",
                                    "LetCognitoGrantItselfTheKey",
                                    "Action",
                                    "kms:CreateGrant",
                                    "Resource",
                                    key,
                                    "Condition",
                                    Map.of(
                                        "StringEquals",
                                        Map.of("kms:EncryptionContext:userpool-id", POOL))))))))));
  }

  @Test
  @SuppressWarnings("unchecked")
  void role_shouldHaveNothingButLogsPoolAndKeyStatements() {
    // when
    Map<String, Map<String, Object>> policies =
        template.findResources(
            "AWS::IAM::Policy",
            Map.of(
                "Properties",
                Map.of(
                    "Roles", List.of(Map.of("Ref", logicalId(stack.getAttachment().getRole()))))));

    // then
    assertThat(policies).hasSize(1);
    Map<String, Object> document =
        (Map<String, Object>)
            ((Map<String, Object>) policies.values().iterator().next().get("Properties"))
                .get("PolicyDocument");
    List<Map<String, Object>> statements = (List<Map<String, Object>>) document.get("Statement");
    assertThat(statements)
        .extracting(s -> s.get("Sid"))
        .containsExactlyInAnyOrder(
            "WriteOwnLogs",
            "ReadAndUpdateThePool",
            "DescribeTheSenderKey",
            "LetCognitoGrantItselfTheKey");
    assertThat(statements).noneMatch(s -> "*".equals(s.get("Resource")));
    template.hasResourceProperties(
        "AWS::IAM::Role",
        Match.objectLike(
            Map.of(
                "Description",
                Match.stringLikeRegexp("Attaches the WhatsApp OTP sender.*"),
                "ManagedPolicyArns",
                Match.absent())));
  }

  @Test
  void function_shouldRunTheAttachJarsHandler() throws IOException {
    // given
    Capture s3Key = new Capture();

    // when
    template.hasResourceProperties(
        "AWS::Lambda::Function",
        Map.of(
            "Handler",
            AttachArtifact.HANDLER,
            "Code",
            Map.of("S3Bucket", Match.anyValue(), "S3Key", s3Key)));

    // then: the asset is the attach module's jar, with the handler in it
    Path staged =
        Path.of(assembly.getDirectory())
            .resolve("asset." + s3Key.asString().replace(".jar", "") + ".jar");
    assertThat(staged).exists().hasSameBinaryContentAs(AttachArtifact.locate(Path.of("")));
    try (ZipFile zip = new ZipFile(staged.toFile())) {
      assertThat(zip.getEntry("dev/cognitowa/otp/attach/AttachResourceHandler.class")).isNotNull();
      assertThat(zip.getEntry("dev/cognitowa/otp/sender/CustomSmsSenderHandler.class")).isNull();
    }
  }

  @Test
  void cdkNag_shouldReportNothingUnsuppressed() {
    assertThat(
            Annotations.fromStack(stack).findError("*", Match.stringLikeRegexp("AwsSolutions-.*")))
        .isEmpty();
    assertThat(
            Annotations.fromStack(stack)
                .findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*")))
        .isEmpty();
  }

  @Test
  void poolNotWiredWarning_shouldBeAcknowledged_whenTheStackAttaches() {
    assertThat(
            Annotations.fromStack(stack)
                .findWarning("*", Match.stringLikeRegexp(".*LambdaConfig is not managed.*")))
        .isEmpty();
  }

  @Test
  void attach_shouldRequireAnExistingPool() {
    // given
    Map<String, Object> context =
        Map.of(
            "phoneNumberId", SenderFixtures.PHONE_NUMBER_ID,
            "tokenSecretArn", SenderFixtures.TOKEN_SECRET_ARN,
            "attach", "true");

    // then
    assertThatThrownBy(() -> OtpStackConfig.fromContext(context::get))
        .isInstanceOf(DeploymentConfigurationException.class)
        .hasMessageContaining("attach=true attaches the sender to an existing pool");
  }

  @Test
  void defaultStack_shouldLeaveThePoolAlone() {
    // given
    Map<String, Object> context = new HashMap<>(CdkJson.context(CdkJson.DEFAULT));
    context.putAll(
        Map.of(
            "phoneNumberId", SenderFixtures.PHONE_NUMBER_ID,
            "tokenSecretArn", SenderFixtures.TOKEN_SECRET_ARN,
            "userPoolId", POOL));
    App app = App.Builder.create().context(context).build();

    // when
    OtpStack plain = OtpApp.createStack(app, null);

    // then
    Template.fromStack(plain).resourceCountIs("Custom::OtpPoolAttachment", 0);
    assertThat(plain.getAttachment()).isNull();
  }

  private String logicalId(software.constructs.IConstruct construct) {
    CfnElement element =
        construct instanceof CfnElement cfn
            ? cfn
            : (CfnElement) construct.getNode().getDefaultChild();
    return stack.resolve(element.getLogicalId()).toString();
  }
}
