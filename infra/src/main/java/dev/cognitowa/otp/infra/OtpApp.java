package dev.cognitowa.otp.infra;

import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.lambda.Code;

/**
 * The CDK app: {@code cd infra && npx aws-cdk synth -c phoneNumberId=... -c tokenSecretName=...},
 * or the Maven way ({@code CDK_CONTEXT_JSON='{...}' ./mvnw -B -q -pl infra -am -DskipTests -Psynth
 * package}). Writes the cloud assembly to {@code $CDK_OUTDIR} (the CDK CLI sets it), else to {@code
 * infra/cdk.out}.
 */
public final class OtpApp {

  private OtpApp() {}

  /**
   * Where the Maven way writes the cloud assembly when no CDK CLI set {@code CDK_OUTDIR}:
   * infra/cdk.out.
   */
  static final String DEFAULT_OUTDIR = "cdk.out";

  public static void main(String[] args) {
    // Without the CLI nobody reads cdk.json's feature flags: read them here (context from
    // CDK_CONTEXT_JSON still wins, as it does under the CLI).
    App app =
        System.getenv("CDK_OUTDIR") == null
            ? App.Builder.create()
                .outdir(DEFAULT_OUTDIR)
                .context(CdkJson.context(CdkJson.DEFAULT))
                .build()
            : new App();
    try {
      createStack(app, null);
    } catch (DeploymentConfigurationException e) {
      System.err.println(
          "Cannot synthesize: " + String.join(System.lineSeparator() + "  ", e.problems()));
      System.exit(2);
    }
    app.synth();
  }

  /**
   * Builds the stack from the app's context.
   *
   * @param code the function code, or null for the built sender jar
   * @throws DeploymentConfigurationException listing every problem with the context
   */
  public static OtpStack createStack(App app, Code code) {
    OtpStackConfig config = OtpStackConfig.fromContext(key -> app.getNode().tryGetContext(key));
    return new OtpStack(
        app,
        config.stackName(),
        StackProps.builder()
            .description(
                "Cognito user pool whose one-time codes are delivered over WhatsApp (cognito-whatsapp-otp)")
            .build(),
        config,
        code);
  }
}
