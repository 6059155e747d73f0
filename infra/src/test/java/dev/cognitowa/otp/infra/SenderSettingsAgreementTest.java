package dev.cognitowa.otp.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.cognitowa.otp.sender.status.StatusSettings;
import dev.cognitowa.otp.sender.wiring.SenderWiring;
import dev.cognitowa.otp.sender.wiring.VerificationWiring;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;

/**
 * Every range and default the stack accepts for a sender setting is one the sender accepts: each
 * boundary is synthesized, and the functions' environment, as the template writes it, goes through
 * the sender's and the status function's own start-up checks. A window or limit that synthesized
 * but failed the sender's start would fail every code after a deploy (issue 18: 7200 s did).
 */
class SenderSettingsAgreementTest {

  /** What the template leaves to CloudFormation, as a deployment would resolve it. */
  private static final Map<String, String> RESOLVED =
      Map.of(
          "KMS_KEY_ARN",
          "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
          "OTP_LEDGER_TABLE",
          "CognitoWhatsAppOtp-SenderLedger1234-ABCDEF",
          "OTP_PSEUDONYM_KEY_SECRET_ID",
          "arn:aws:secretsmanager:eu-west-1:111122223333:secret:SenderPseudonymKey-AbCdEf",
          "WHATSAPP_APP_SECRET_SECRET_ID",
          "arn:aws:secretsmanager:eu-west-1:111122223333:secret:StatusAppSecret-AbCdEf",
          "OTP_STATUS_TOPIC_ARN",
          "arn:aws:sns:eu-west-1:111122223333:CognitoWhatsAppOtp-StatusEvents-AbCdEf");

  static Stream<Arguments> boundaries() {
    List<Arguments> cases = new ArrayList<>();
    cases.add(Arguments.of("defaults", Map.of()));
    cases.add(Arguments.of("shortest window", Map.of("fallbackWindowSeconds", "1")));
    cases.add(
        Arguments.of(
            "longest window",
            Map.of(
                "fallbackWindowSeconds",
                String.valueOf(WhatsAppOtpSenderValidation.MAX_FALLBACK_WINDOW_SECONDS))));
    for (String key : SendLimitSettings.COUNTS.keySet()) {
      cases.add(Arguments.of(key + " off", Map.of(key, "0")));
      cases.add(
          Arguments.of(
              key + " at its largest", Map.of(key, String.valueOf(SendLimitSettings.MAX_COUNT))));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("boundaries")
  void functions_shouldStart_whenTheStackAcceptedTheSetting(
      String name, Map<String, String> setting) {
    // given: the chain with a later channel, so the status function and the window are deployed
    Map<String, Object> context = new HashMap<>(CdkJson.context(CdkJson.DEFAULT));
    context.put("phoneNumberId", SenderFixtures.PHONE_NUMBER_ID);
    context.put("tokenSecretArn", SenderFixtures.TOKEN_SECRET_ARN);
    context.put("channels", "whatsapp,sms");
    context.put("smsOriginationIdentity", "arn:aws:sms-voice:eu-west-1:111122223333:pool/pool-1");
    context.put("smsAllowedCountries", "BR,IN");
    context.putAll(setting);
    App app = App.Builder.create().context(context).build();
    OtpStackConfig config = OtpStackConfig.fromContext(context::get);
    OtpStack stack = new OtpStack(app, "Agreement", StackProps.builder().build(), config, null);

    // when
    List<Map<String, String>> environments = environments(Template.fromStack(stack));

    // then: the sender, the status and the verification function, each with its own variables
    assertThat(environments).hasSize(3);
    for (Map<String, String> env : environments) {
      if (!env.containsKey("OTP_CHANNELS")) { // the verification function reads the ledger only
        assertThatCode(() -> VerificationWiring.fromEnvironment(env)).doesNotThrowAnyException();
        continue;
      }
      assertThatCode(() -> SenderWiring.fromEnvironment(env)).doesNotThrowAnyException();
      if (env.containsKey("WHATSAPP_APP_SECRET_SECRET_ID")) {
        assertThatCode(() -> StatusSettings.fromEnvironment(env)).doesNotThrowAnyException();
      }
    }
    setting.forEach(
        (key, value) ->
            assertThat(environments.get(0).values())
                .as("the setting %s reached the sender", key)
                .contains(value));
  }

  /** Each function's variables, with CloudFormation's references resolved as a deployment would. */
  @SuppressWarnings("unchecked")
  private static List<Map<String, String>> environments(Template template) {
    List<Map<String, String>> environments = new ArrayList<>();
    Map<String, Map<String, Object>> functions =
        template.findResources("AWS::Lambda::Function", Map.of());
    for (Map<String, Object> function : functions.values()) {
      Map<String, Object> properties = (Map<String, Object>) function.get("Properties");
      Map<String, Object> variables =
          (Map<String, Object>)
              ((Map<String, Object>) properties.get("Environment")).get("Variables");
      Map<String, String> env = new LinkedHashMap<>();
      env.put("AWS_REGION", "eu-west-1"); // Lambda sets it
      variables.forEach(
          (key, value) -> {
            if (value instanceof String text) {
              env.put(key, text);
            } else {
              assertThat(RESOLVED).as("a reference the test can resolve: " + key).containsKey(key);
              env.put(key, RESOLVED.get(key));
            }
          });
      environments.add(env);
    }
    // the sender first, then the status function, then the verification function
    environments.sort(
        java.util.Comparator.<Map<String, String>, Boolean>comparing(
                e -> !e.containsKey("OTP_CHANNELS"))
            .thenComparing(e -> e.containsKey("WHATSAPP_APP_SECRET_SECRET_ID")));
    return environments;
  }
}
