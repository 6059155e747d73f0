package dev.cognitowa.otp.cli;

import dev.cognitowa.otp.sender.config.SenderConfigurationException;
import dev.cognitowa.otp.sender.crypto.CodeDecryptionException;
import dev.cognitowa.otp.sender.delivery.DeliveryFailedException;
import dev.cognitowa.otp.sender.delivery.DeliveryOutcome;
import dev.cognitowa.otp.sender.event.InvalidEventException;
import dev.cognitowa.otp.sender.idempotency.DeliveryInProgressException;
import dev.cognitowa.otp.sender.idempotency.DeliveryLedgerUnavailableException;
import dev.cognitowa.otp.sender.limits.SendLimitsUnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.Map;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Maps every known failure to an exit status in one place, writing one JSON result line on stdout
 * and one clear line on stderr. Messages come from our own exceptions, which never carry a code,
 * password, token or whole number.
 */
final class Failures implements CommandLine.IExecutionExceptionHandler {
  static final int SENT = 0;
  static final int DELIVERY_FAILED = 1;
  static final int BAD_INPUT = 2;

  /** The SDK's exception names when nothing answered: no connection, or no answer in time. */
  private static final Pattern NETWORK =
      Pattern.compile("Timeout|Connect|UnknownHost|SdkClientException");

  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parseResult) {
    Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
    if (cause instanceof DeliveryFailedException failed) {
      DeliveryOutcome.Failed outcome = failed.outcome();
      cmd.getOut().println(ResultLine.failed(outcome));
      String unreachable =
          outcome.reason() != null && outcome.reason().startsWith("network")
              ? Endpoints.unreachable(env(cmd), outcome.channel())
              : "";
      return fail(cmd, failed.getMessage() + unreachable, DELIVERY_FAILED);
    }
    if (cause instanceof CodeDecryptionException decryption && decryption.isTransient()) {
      // KMS throttling, failing or silent: not the event's fault, and Lambda's retry may succeed
      cmd.getOut()
          .println(
              ResultLine.notSent(
                  DeliveryOutcome.FailureKind.TRANSIENT_EXHAUSTED.name(), decryption.getMessage()));
      return fail(cmd, decryption.getMessage(), DELIVERY_FAILED);
    }
    if (cause instanceof DeliveryInProgressException
        || cause instanceof DeliveryLedgerUnavailableException
        || cause instanceof SendLimitsUnavailableException) {
      String kind =
          cause instanceof DeliveryInProgressException
              ? "IN_PROGRESS"
              : cause instanceof SendLimitsUnavailableException
                  ? "LIMITS_UNAVAILABLE"
                  : "LEDGER_UNAVAILABLE";
      cmd.getOut().println(ResultLine.notSent(kind, cause.getMessage()));
      String unreachable =
          cause instanceof DeliveryInProgressException
                  || !NETWORK.matcher(String.valueOf(cause.getMessage())).find()
              ? ""
              : Endpoints.unreachable(env(cmd), "dynamodb");
      return fail(cmd, cause.getMessage() + unreachable, DELIVERY_FAILED);
    }
    String message;
    if (cause instanceof SenderConfigurationException
        || cause instanceof InvalidEventException
        || cause instanceof CodeDecryptionException) {
      message = cause.getMessage();
    } else if (cause instanceof NoSuchFileException missing) {
      message = "event file not found: " + missing.getFile();
    } else if (cause instanceof IOException io) {
      message = "cannot read input: " + io.getClass().getSimpleName();
    } else {
      // Not ours: its message may quote input we cannot vouch for, so name the type only.
      cmd.getOut().println(ResultLine.error("unexpected " + cause.getClass().getName()));
      return fail(cmd, "unexpected " + cause.getClass().getName(), DELIVERY_FAILED);
    }
    cmd.getOut().println(ResultLine.error(message));
    return fail(cmd, message, BAD_INPUT);
  }

  private static Map<String, String> env(CommandLine cmd) {
    return cmd.getCommandSpec().root().userObject() instanceof OtpCli cli ? cli.env() : Map.of();
  }

  private static int fail(CommandLine cmd, String message, int status) {
    cmd.getErr().println("otp: " + message);
    cmd.getOut().flush();
    cmd.getErr().flush();
    return status;
  }
}
