package dev.cognitowa.otp.cli;

import dev.cognitowa.otp.sender.CustomSmsSenderHandler;
import dev.cognitowa.otp.sender.delivery.DeliveryOutcome;
import dev.cognitowa.otp.sender.event.BoundedInput;
import dev.cognitowa.otp.sender.event.CustomSmsSenderEventParser;
import dev.cognitowa.otp.sender.wiring.SenderWiring;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code otp invoke --event FILE}: runs exactly what the Lambda runs for one event. */
@Command(
    name = "invoke",
    mixinStandardHelpOptions = true,
    description = {
      "Runs exactly what the Lambda runs for one Cognito event, configured from the environment.",
      "Prints one JSON line. Exit status: 0 sent, 1 delivery failed, 2 bad event or configuration.",
      "Reads the sender's environment (README, Configuration): WHATSAPP_*, KMS_KEY_ARN or"
          + " OTP_LOCAL_AES_KEY/OTP_LOCAL_KEY_NAMESPACE/OTP_LOCAL_KEY_NAME, COGNITO_USER_POOL_ID,"
          + " OTP_CHANNELS, OTP_LEDGER_TABLE, OTP_APP_CLIENTS, SMS_*, EUM_*, OTP_*_COUNTRIES, the"
          + " AWS SDK's AWS_REGION/AWS_PROFILE/AWS_ENDPOINT_URL*; with --local also OTP_LOCAL_LEDGER."
    })
final class InvokeCommand implements Callable<Integer> {
  @ParentCommand OtpCli parent;
  @Spec CommandSpec spec;

  @Option(
      names = "--event",
      required = true,
      paramLabel = "FILE",
      description = "The event JSON; - reads stdin.")
  String event;

  @Mixin HandlerRunOptions run;

  @Mixin LocalMode localMode;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    run.check();
    if (!"-".equals(event)) {
      InputFile.check("--event", Path.of(event));
    }
    if (!localMode.local) {
      CustomSmsSenderHandler handler =
          ConfigurationProblems.build(
              parent.env(), () -> new CustomSmsSenderHandler(parent.env(), run.logLines(err)));
      return deliver(handler, readEvent());
    }
    try (LocalMode.Run local = LocalMode.start(parent.env())) {
      SenderWiring wiring = SenderWiring.fromEnvironment(local.env());
      CustomSmsSenderHandler handler =
          new CustomSmsSenderHandler(
              wiring.decryptor(),
              wiring.policy(),
              wiring.channel(),
              Optional.of(local.ledger()),
              Optional.of(local.ledger()),
              Optional.of(wiring.limits()),
              wiring.config().expectedUserPoolId(),
              run.logLines(err),
              Clock.systemUTC());
      int exit = deliver(handler, readEvent());
      if (local.api().lastMessageId() != null) {
        local.ledger().rememberLastSent(local.api().lastMessageId());
      }
      return exit;
    }
  }

  private int deliver(CustomSmsSenderHandler handler, byte[] json) {
    Instant deadline = run.deadline();
    DeliveryOutcome.Delivered delivered =
        handler.deliver(json, deadline, "local-" + UUID.randomUUID());
    spec.commandLine().getOut().println(ResultLine.sent(delivered));
    return Failures.SENT;
  }

  private byte[] readEvent() throws IOException {
    try (InputStream in = "-".equals(event) ? System.in : Files.newInputStream(Path.of(event))) {
      return BoundedInput.readAll(in, CustomSmsSenderEventParser.MAX_EVENT_BYTES);
    }
  }
}
