package dev.cognitowa.otp.cli;

import dev.cognitowa.otp.cli.local.FileLedger;
import dev.cognitowa.otp.cli.local.LocalCloudApi;
import dev.cognitowa.otp.sender.config.FallbackWindow;
import dev.cognitowa.otp.settings.Settings;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --local} of {@code invoke} and {@code status}: the run needs no AWS or Meta account. The
 * Cloud API is the demo's loopback stand-in (started for the run) and the ledger is a file ({@code
 * OTP_LOCAL_LEDGER}, default {@code otp-local-ledger.json} in the working directory), so a second
 * invocation of an event is a duplicate and a status finds what an invocation sent.
 */
final class LocalMode {
  static final String LEDGER_VARIABLE = Settings.LOCAL_LEDGER.name();
  static final String DEFAULT_LEDGER = Settings.LOCAL_LEDGER_FILE;

  /** The stand-in's phone-number id when WHATSAPP_PHONE_NUMBER_ID is not set. */
  static final String PHONE_NUMBER_ID = DemoCommand.PHONE_NUMBER_ID;

  @Option(
      names = "--local",
      description =
          "Run with no AWS or Meta account: the Cloud API is a loopback stand-in and the ledger the"
              + " file OTP_LOCAL_LEDGER (default "
              + DEFAULT_LEDGER
              + ").")
  boolean local;

  /** The environment of a local run and the stand-in it talks to; close it after the run. */
  record Run(Map<String, String> env, FileLedger ledger, LocalCloudApi api)
      implements AutoCloseable {
    @Override
    public void close() {
      api.close();
    }
  }

  /**
   * Starts the stand-in and overlays the settings a local run replaces: the Cloud API's base URL,
   * token and phone-number id, the ledger (OTP_LEDGER_TABLE is dropped) and, for the status
   * function, a made-up app secret when none is set.
   */
  static Run start(Map<String, String> env) throws IOException {
    Map<String, String> local = new HashMap<>(env);
    String token = "local-token-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(8));
    String phoneNumberId = env.getOrDefault("WHATSAPP_PHONE_NUMBER_ID", PHONE_NUMBER_ID);
    LocalCloudApi api = LocalCloudApi.start(phoneNumberId, token, 1);
    local.put("WHATSAPP_PHONE_NUMBER_ID", phoneNumberId);
    local.put("WHATSAPP_ACCESS_TOKEN", token);
    local.remove("WHATSAPP_ACCESS_TOKEN_SECRET_ID");
    local.put("WHATSAPP_API_BASE_URL", api.baseUrl().toString());
    local.remove("OTP_LEDGER_TABLE");
    local.putIfAbsent("OTP_CHANNELS", "whatsapp");
    Path file = Path.of(env.getOrDefault(LEDGER_VARIABLE, DEFAULT_LEDGER));
    FileLedger ledger =
        new FileLedger(
            file, FallbackWindow.fromEnvironment(local, new ArrayList<>()), Clock.systemUTC());
    return new Run(Map.copyOf(local), ledger, api);
  }
}
