package dev.cognitowa.otp.cli;

import dev.cognitowa.otp.sender.delivery.Audience;
import dev.cognitowa.otp.sender.delivery.DeliveryFailedException;
import dev.cognitowa.otp.sender.delivery.DeliveryOutcome;
import dev.cognitowa.otp.sender.delivery.OtpMessage;
import dev.cognitowa.otp.sender.event.InvalidEventException;
import dev.cognitowa.otp.sender.event.TriggerSource;
import dev.cognitowa.otp.sender.language.LocaleTag;
import dev.cognitowa.otp.sender.phone.Recipient;
import dev.cognitowa.otp.sender.support.Sensitive;
import dev.cognitowa.otp.sender.wiring.SenderWiring;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code otp send --to E164 --code CODE}: one message through the configured channel, to try a
 * template.
 */
@Command(
    name = "send",
    mixinStandardHelpOptions = true,
    description = {
      "Sends one message through the configured channel and template, to try them before wiring Cognito.",
      "Prints one JSON line, and on stderr the template and language it tried.",
      "Reads the sender's environment (README, Configuration): WHATSAPP_PHONE_NUMBER_ID,"
          + " WHATSAPP_ACCESS_TOKEN or WHATSAPP_ACCESS_TOKEN_SECRET_ID, WHATSAPP_API_BASE_URL,"
          + " WHATSAPP_API_VERSION, WHATSAPP_TEMPLATE_*, OTP_APP_CLIENTS, OTP_CHANNELS, SMS_*, EUM_*,"
          + " OTP_*_COUNTRIES and the AWS SDK's AWS_REGION/AWS_PROFILE/AWS_ENDPOINT_URL*.",
      "Exit status: 0 sent, 1 delivery failed, 2 bad input or configuration."
    })
final class SendCommand implements Callable<Integer> {
  @ParentCommand OtpCli parent;
  @Spec CommandSpec spec;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "E164",
      description = "Recipient in E.164: '+', the country code and the number.")
  String to;

  @Option(
      names = "--code",
      required = true,
      paramLabel = "CODE",
      description =
          "The code (or temporary password) to send; - reads one line from stdin, keeping it out of "
              + "shell history.")
  String code;

  @Option(
      names = "--trigger-source",
      defaultValue = "CustomSMSSender_Authentication",
      paramLabel = "SOURCE",
      description =
          "Which trigger source's template to use, e.g. CustomSMSSender_SignUp or SIGN_UP "
              + "(default: ${DEFAULT-VALUE}).")
  String triggerSource;

  @Option(
      names = "--user-name",
      defaultValue = "test-user",
      paramLabel = "NAME",
      description = "The user name AdminCreateUser's template shows (default: ${DEFAULT-VALUE}).")
  String userName;

  @Option(
      names = "--locale",
      paramLabel = "TAG",
      description =
          "Send as to a user whose locale attribute is TAG (e.g. pt-BR): the language is chosen among"
              + " WHATSAPP_TEMPLATE_LANGUAGES as the Lambda would.")
  String locale;

  @Option(
      names = "--app-client",
      paramLabel = "ID",
      description = "Send as for this app client id, with its OTP_APP_CLIENTS templates.")
  String appClient;

  @Option(
      names = "--timeout-seconds",
      defaultValue = "10",
      paramLabel = "N",
      description = "Time allowed, retries included (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Option(
      names = {"-v", "--verbose"},
      description = "Also print the Graph base URL, version and channels it used on stderr.")
  boolean verbose;

  @Override
  public Integer call() throws IOException {
    HandlerRunOptions.checkTimeout(timeoutSeconds);
    TriggerSource source = parseSource(triggerSource);
    Recipient recipient = PhoneOption.parse("--to", to);
    SenderWiring wiring = SenderWiring.channelFromEnvironment(parent.env());
    PrintWriter err = spec.commandLine().getErr();
    if (appClient != null && !wiring.config().appClientTemplates().containsKey(appClient)) {
      err.println(
          "otp: warning: --app-client "
              + appClient
              + " is not in OTP_APP_CLIENTS; the default templates apply");
    }
    Sensitive secret = Sensitive.of("-".equals(code) ? readLine() : code);
    OtpMessage message =
        wiring.policy().messageFor(source, recipient, userName, secret, audience());
    err.println(
        "otp: "
            + source.wireName()
            + ": template "
            + message.template().name()
            + " in "
            + message.template().languageCode()
            + " to "
            + recipient);
    if (verbose) {
      err.println(
          "otp: channels "
              + String.join(",", wiring.config().channels())
              + ", Graph "
              + wiring.config().apiBaseUrl()
              + " version "
              + wiring.config().apiVersion());
    }
    err.flush();
    DeliveryOutcome outcome =
        wiring.channel().deliver(message, Instant.now().plus(Duration.ofSeconds(timeoutSeconds)));
    if (outcome instanceof DeliveryOutcome.Failed failed) {
      throw new DeliveryFailedException(failed);
    }
    spec.commandLine().getOut().println(ResultLine.sent((DeliveryOutcome.Delivered) outcome));
    return Failures.SENT;
  }

  /** The app client and locale given, refused when they could not come from Cognito. */
  private Audience audience() {
    Optional<LocaleTag> tag = Optional.empty();
    if (locale != null) {
      tag = LocaleTag.parse(locale);
      if (tag.isEmpty()) {
        throw new InvalidEventException("--locale must be a language tag such as pt-BR or fr_CA");
      }
    }
    if (appClient != null && !appClient.matches("[\\w+]{1,128}")) {
      throw new InvalidEventException("--app-client must be an app client id (letters and digits)");
    }
    return new Audience(Optional.ofNullable(appClient), Optional.empty(), tag);
  }

  static TriggerSource parseSource(String value) {
    return TriggerSource.fromWireName(value)
        .or(() -> TriggerSource.fromWireName("CustomSMSSender_" + value))
        .or(
            () ->
                Arrays.stream(TriggerSource.values())
                    .filter(s -> s.name().equals(value.toUpperCase(Locale.ROOT).replace('-', '_')))
                    .findFirst())
        .orElseThrow(
            () ->
                new InvalidEventException(
                    "--trigger-source must be one of "
                        + Arrays.stream(TriggerSource.values())
                            .map(TriggerSource::wireName)
                            .collect(Collectors.joining(", "))));
  }

  private static String readLine() throws IOException {
    String line =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    return line == null ? "" : line.strip();
  }
}
