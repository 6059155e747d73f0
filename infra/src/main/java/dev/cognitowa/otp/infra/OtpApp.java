package dev.cognitowa.otp.infra;

import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.lambda.Code;

/**
 * The CDK app: {@code cd infra && npx aws-cdk synth -c phoneNumberId=... -c tokenSecretName=...}, or the Maven way
 * ({@code -Psynth}). Writes the cloud assembly to {@code $CDK_OUTDIR} (the CDK CLI sets it).
 */
public final class OtpApp {

  private OtpApp() {}

  public static void main(String[] args) {
    App app = new App();
    try {
      createStack(app, null);
    } catch (DeploymentConfigurationException e) {
      System.err.println("Cannot synthesize: " + String.join(System.lineSeparator() + "  ", e.problems()));
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
    return new OtpStack(app, config.stackName(), StackProps.builder()
        .description("Cognito user pool whose one-time codes are delivered over WhatsApp (cognito-whatsapp-otp)")
        .build(), config, code);
  }
}
