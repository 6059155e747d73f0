package dev.cognitowa.otp.cli;

import dev.cognitowa.otp.cli.local.LocalCloudApi;
import dev.cognitowa.otp.cli.local.LocalCodeEncryptor;
import dev.cognitowa.otp.sender.CustomSmsSenderHandler;
import dev.cognitowa.otp.sender.delivery.DeliveryOutcome;
import dev.cognitowa.otp.sender.event.TriggerSource;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code otp demo}: the whole flow on this machine. Cognito-shaped events with codes encrypted by
 * the AWS Encryption SDK under a local key go through the real handler and the real WhatsApp
 * channel, which talks HTTP to a loopback stand-in of the Cloud API; each accepted message is
 * printed as the recipient's phone would show it. The code and number are made up and shown on
 * purpose: this is the one command that prints them.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the whole flow locally (no AWS or Meta account) and shows the messages as a phone would.",
      "Reads no environment variables: every setting is made up for the run. Exit status: 0."
    })
final class DemoCommand implements Callable<Integer> {
  static final String POOL_ID = "eu-west-1_DEMO0000";
  static final String PHONE_NUMBER_ID = "100000000000001";

  /** A made-up number: shown only by the demo, only to this terminal. */
  static final String PHONE = "+447911123456";

  /** The languages the demo's templates exist in: a user whose locale is pt-BR reads Portuguese. */
  static final String LANGUAGES = "en_US,pt_BR";

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    SecureRandom random = new SecureRandom();
    String token = "demo-token-" + Long.toHexString(random.nextLong());
    LocalCodeEncryptor encryptor = LocalCodeEncryptor.withRandomKey("otp-demo", "cognito-code-key");
    try (LocalCloudApi api = LocalCloudApi.start(PHONE_NUMBER_ID, token, 1)) {
      Map<String, String> env = new HashMap<>(encryptor.environment());
      env.put("WHATSAPP_PHONE_NUMBER_ID", PHONE_NUMBER_ID);
      env.put("WHATSAPP_ACCESS_TOKEN", token);
      env.put("WHATSAPP_API_BASE_URL", api.baseUrl().toString());
      env.put("COGNITO_USER_POOL_ID", POOL_ID);
      env.put("WHATSAPP_TEMPLATE_LANGUAGES", LANGUAGES);
      List<String> logLines = new ArrayList<>();
      CustomSmsSenderHandler handler = new CustomSmsSenderHandler(env, logLines::add);

      out.println("otp demo: Cognito -> this sender -> WhatsApp, entirely on this machine.");
      out.println(
          "  Cloud API stand-in : "
              + api.baseUrl()
              + " (loopback; knows templates otp_code, "
              + "temporary_password in "
              + LANGUAGES
              + ")");
      out.println(
          "  Encryption SDK     : raw AES-256 key otp-demo/cognito-code-key, suite 0x0378 as Cognito uses,"
              + " context userpool-id="
              + POOL_ID);
      out.println();
      String code = String.format(Locale.ROOT, "%06d", random.nextInt(1_000_000));
      run(out, api, handler, logLines, encryptor, TriggerSource.SIGN_UP, "maria", null, code);
      run(
          out,
          api,
          handler,
          logLines,
          encryptor,
          TriggerSource.FORGOT_PASSWORD,
          "maria",
          null,
          String.format(Locale.ROOT, "%06d", random.nextInt(1_000_000)));
      run(
          out,
          api,
          handler,
          logLines,
          encryptor,
          TriggerSource.ADMIN_CREATE_USER,
          "maria",
          null,
          "Tmp&lt;9x&amp;Q2");
      run(
          out,
          api,
          handler,
          logLines,
          encryptor,
          TriggerSource.SIGN_UP,
          "joao",
          "pt-BR", // the user's locale attribute picks the pt_BR template
          String.format(Locale.ROOT, "%06d", random.nextInt(1_000_000)));
      out.println(
          "Every message above went through the same code the Lambda runs: strict event parsing, pool check,");
      out.println(
          "E.164 validation, Encryption SDK decryption, template and language policy, and the Cloud API channel"
              + " over HTTP.");
      out.flush();
    }
    return Failures.SENT;
  }

  private static void run(
      PrintWriter out,
      LocalCloudApi api,
      CustomSmsSenderHandler handler,
      List<String> logLines,
      LocalCodeEncryptor encryptor,
      TriggerSource source,
      String userName,
      String locale,
      String secret) {
    String ciphertext = encryptor.encrypt(secret, POOL_ID);
    String event = event(source, userName, locale, ciphertext);
    out.println(
        "> Cognito invokes the sender: "
            + source.wireName()
            + " for user "
            + userName
            + " ("
            + PHONE
            + (locale == null ? "" : ", locale " + locale)
            + "), code encrypted to "
            + ciphertext.length()
            + " base64 characters");
    DeliveryOutcome.Delivered delivered =
        handler.deliver(
            event.getBytes(StandardCharsets.UTF_8),
            Instant.now().plus(Duration.ofSeconds(10)),
            "demo-" + source.name().toLowerCase(Locale.ROOT) + "-" + userName);
    out.println("  handler log line: " + logLines.get(logLines.size() - 1));
    List<Map<String, Object>> accepted = api.acceptedMessages();
    Map<String, Object> message = accepted.get(accepted.size() - 1);
    Map<?, ?> template = (Map<?, ?>) message.get("template");
    String language = String.valueOf(((Map<?, ?>) template.get("language")).get("code"));
    LocalCloudApi.TemplateText text =
        LocalCloudApi.template(String.valueOf(template.get("name")), language);
    out.println("  +-- WhatsApp on " + PHONE + " -------------------------------------------");
    out.println("  | " + LocalCloudApi.renderBody(message));
    if (text.button() != null) {
      out.println("  | [ " + text.button() + " ]");
    }
    out.println(
        "  +-- template "
            + template.get("name")
            + " ("
            + language
            + "), accepted as "
            + delivered.messageRef());
    out.println();
  }

  private static String event(
      TriggerSource source, String userName, String locale, String ciphertext) {
    return "{\"version\":\"1\",\"triggerSource\":\""
        + source.wireName()
        + "\",\"region\":\"eu-west-1\","
        + "\"userPoolId\":\""
        + POOL_ID
        + "\",\"userName\":\""
        + userName
        + "\","
        + "\"callerContext\":{\"awsSdkVersion\":\"aws-sdk-unknown-unknown\",\"clientId\":\"demo-client\"},"
        + "\"request\":{\"type\":\"customSMSSenderRequestV1\",\"code\":\""
        + ciphertext
        + "\","
        + "\"clientMetadata\":null,\"userAttributes\":{\"sub\":\"5f0c3e4a-0000-4000-8000-000000000001\","
        + "\"phone_number_verified\":\"false\",\"cognito:user_status\":\"UNCONFIRMED\","
        + (locale == null ? "" : "\"locale\":\"" + locale + "\",")
        + "\"phone_number\":\""
        + PHONE
        + "\"}},\"response\":{}}";
  }
}
