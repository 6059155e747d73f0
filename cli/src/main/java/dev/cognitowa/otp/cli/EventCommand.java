package dev.cognitowa.otp.cli;

import dev.cognitowa.otp.cli.local.LocalCodeEncryptor;
import dev.cognitowa.otp.sender.event.InvalidEventException;
import dev.cognitowa.otp.sender.event.TriggerSource;
import dev.cognitowa.otp.sender.language.LocaleTag;
import dev.cognitowa.otp.sender.phone.Recipient;
import dev.cognitowa.otp.sender.support.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code otp event}: writes a Cognito-shaped custom SMS sender event whose code is encrypted as
 * Cognito encrypts it, under the local keyring, for {@code otp invoke} to run. The code is never
 * printed.
 */
@Command(
    name = "event",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a Cognito custom SMS sender event for otp invoke: the code encrypted as Cognito does"
          + " (AWS Encryption SDK, suite 0x0378, context userpool-id) under the local keyring. With"
          + " no keyring configured it makes one and prints the three export lines on stderr.",
      "Reads OTP_LOCAL_AES_KEY, OTP_LOCAL_KEY_NAMESPACE, OTP_LOCAL_KEY_NAME and"
          + " COGNITO_USER_POOL_ID (the default --pool).",
      "Exit status: 0 written, 2 bad input."
    })
final class EventCommand implements Callable<Integer> {
  static final String DEFAULT_POOL = "eu-west-1_LOCAL0000";
  static final String KEY_NAMESPACE = "otp-local";
  static final String KEY_NAME = "cognito-code-key";

  /** Cognito's pool ids: the region, an underscore, and letters and digits. */
  private static final Pattern POOL_ID = Pattern.compile("([a-z]{2}(-[a-z]+)+-\\d)_[0-9A-Za-z]+");

  @ParentCommand OtpCli parent;
  @Spec CommandSpec spec;

  @Option(
      names = "--trigger-source",
      required = true,
      paramLabel = "SOURCE",
      description = "SignUp, ForgotPassword, ... as in CustomSMSSender_<SOURCE>.")
  String triggerSource;

  @Option(
      names = "--phone",
      required = true,
      paramLabel = "E164",
      description = "The user's phone_number in E.164: '+', the country code and the number.")
  String phone;

  @Option(
      names = "--code",
      required = true,
      paramLabel = "CODE",
      description = "The code to encrypt; - reads one line from stdin (out of shell history).")
  String code;

  @Option(
      names = "--user",
      defaultValue = "local-user",
      paramLabel = "NAME",
      description = "userName (default: ${DEFAULT-VALUE}).")
  String user;

  @Option(
      names = "--pool",
      paramLabel = "ID",
      description = "userPoolId (default: COGNITO_USER_POOL_ID, else " + DEFAULT_POOL + ").")
  String pool;

  @Option(
      names = "--locale",
      paramLabel = "TAG",
      description = "The user's locale attribute, e.g. pt-BR.")
  String locale;

  @Option(
      names = "--client-id",
      defaultValue = "localclient",
      paramLabel = "ID",
      description = "callerContext.clientId (default: ${DEFAULT-VALUE}).")
  String clientId;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Write the event to FILE instead of stdout.")
  Path out;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    try {
      TriggerSource source = SendCommand.parseSource(triggerSource);
      Recipient recipient = PhoneOption.parse("--phone", phone);
      String userPool = pool != null ? pool : parent.env().getOrDefault("COGNITO_USER_POOL_ID", "");
      if (userPool.isBlank()) {
        userPool = DEFAULT_POOL;
      }
      var poolMatch = POOL_ID.matcher(userPool.strip());
      if (!poolMatch.matches()) {
        throw new InvalidEventException("--pool must be a user pool id such as " + DEFAULT_POOL);
      }
      if (locale != null && LocaleTag.parse(locale).isEmpty()) {
        throw new InvalidEventException("--locale must be a language tag such as pt-BR");
      }
      if (!clientId.matches("[\\w+]{1,128}")
          || !user.matches("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]{1,128}")) {
        throw new InvalidEventException(
            "--client-id must be letters and digits, --user 1 to 128 visible characters");
      }
      String secret = "-".equals(code) ? readLine() : code;
      if (secret.isBlank()) {
        throw new InvalidEventException("--code is empty");
      }
      LocalCodeEncryptor encryptor = encryptor(err);
      String event =
          event(
              source,
              poolMatch.group(1),
              userPool.strip(),
              recipient,
              encryptor.encrypt(secret, userPool.strip()));
      if (out == null) {
        spec.commandLine().getOut().println(event);
      } else {
        Files.writeString(out, event + "\n", StandardCharsets.UTF_8);
        err.println("otp: wrote " + source.wireName() + " event to " + out);
      }
      return Failures.SENT;
    } catch (InvalidEventException e) {
      err.println("otp: " + e.getMessage());
      return Failures.BAD_INPUT;
    }
  }

  /** The configured local keyring, or a new one whose settings go to stderr as export lines. */
  private LocalCodeEncryptor encryptor(PrintWriter err) {
    Map<String, String> env = parent.env();
    String key = blankToNull(env.get("OTP_LOCAL_AES_KEY"));
    String namespace = blankToNull(env.get("OTP_LOCAL_KEY_NAMESPACE"));
    String name = blankToNull(env.get("OTP_LOCAL_KEY_NAME"));
    if (key == null) {
      LocalCodeEncryptor made =
          LocalCodeEncryptor.withRandomKey(
              namespace == null ? KEY_NAMESPACE : namespace, name == null ? KEY_NAME : name);
      err.println("otp: no local keyring configured; made one. For otp invoke, run:");
      made.environment().entrySet().stream()
          .sorted(Map.Entry.comparingByKey())
          .forEach(e -> err.println("export " + e.getKey() + "=" + e.getValue()));
      return made;
    }
    if (namespace == null || name == null) {
      throw new InvalidEventException(
          "OTP_LOCAL_AES_KEY is set: set OTP_LOCAL_KEY_NAMESPACE and OTP_LOCAL_KEY_NAME too");
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(key.strip());
    } catch (IllegalArgumentException e) {
      throw new InvalidEventException("OTP_LOCAL_AES_KEY is not valid base64");
    }
    if (bytes.length != 16 && bytes.length != 24 && bytes.length != 32) {
      throw new InvalidEventException("OTP_LOCAL_AES_KEY must decode to 16, 24 or 32 bytes");
    }
    return new LocalCodeEncryptor(bytes, namespace, name);
  }

  private String event(
      TriggerSource source, String region, String userPool, Recipient to, String ciphertext) {
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("sub", UUID.nameUUIDFromBytes(user.getBytes(StandardCharsets.UTF_8)).toString());
    attributes.put("cognito:user_status", "UNCONFIRMED");
    attributes.put("phone_number_verified", "false");
    if (locale != null) {
      attributes.put("locale", locale);
    }
    attributes.put("phone_number", to.e164());
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("type", "customSMSSenderRequestV1");
    request.put("code", ciphertext);
    request.put("clientMetadata", null);
    request.put("userAttributes", attributes);
    Map<String, Object> caller = new LinkedHashMap<>();
    caller.put("awsSdkVersion", "aws-sdk-unknown-unknown");
    caller.put("clientId", clientId);
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("version", "1");
    event.put("triggerSource", source.wireName());
    event.put("region", region);
    event.put("userPoolId", userPool);
    event.put("userName", user);
    event.put("callerContext", caller);
    event.put("request", request);
    event.put("response", Map.of());
    return Json.write(event);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private static String readLine() throws IOException {
    String line =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    return line == null ? "" : line.strip();
  }
}
