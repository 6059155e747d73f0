package dev.cognitowa.otp.cli;

import dev.cognitowa.otp.cli.templates.AuthenticationOptions;
import dev.cognitowa.otp.cli.templates.CreateOutcome;
import dev.cognitowa.otp.cli.templates.ExistingTemplate;
import dev.cognitowa.otp.cli.templates.TemplateApiException;
import dev.cognitowa.otp.cli.templates.TemplateCategory;
import dev.cognitowa.otp.cli.templates.TemplateDefinition;
import dev.cognitowa.otp.cli.templates.TemplateDefinitions;
import dev.cognitowa.otp.cli.templates.TemplateSettings;
import dev.cognitowa.otp.cli.templates.TemplateStore;
import dev.cognitowa.otp.cli.templates.TemplateStores;
import dev.cognitowa.otp.cli.templates.TemporaryPasswordTexts;
import dev.cognitowa.otp.cli.templates.WantedTemplate;
import dev.cognitowa.otp.sender.whatsapp.WhatsAppAccessTokenException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code otp templates create}: submits the authentication template and the AdminCreateUser
 * template in every configured language, skipping those the account already has.
 */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = {
      "Creates the authentication template (codes) and the utility template (AdminCreateUser's"
          + " temporary password) in every configured language; existing ones are reported, not"
          + " duplicated.",
      "Reads WHATSAPP_PHONE_NUMBER_ID, WHATSAPP_ACCESS_TOKEN or WHATSAPP_ACCESS_TOKEN_SECRET_ID,"
          + " WHATSAPP_BUSINESS_ACCOUNT_ID, WHATSAPP_API_BASE_URL, WHATSAPP_API_VERSION,"
          + " WHATSAPP_TEMPLATE_*, OTP_APP_CLIENTS, SMS_TEXT_* and, for whatsapp-eum,"
          + " EUM_WHATSAPP_* and the AWS SDK's AWS_REGION/AWS_PROFILE/AWS_ENDPOINT_URL*.",
      "Exit status: 0 every template exists or was submitted, 1 Meta refused one or an existing one"
          + " is rejected or paused, 2 bad options or configuration."
    })
final class TemplatesCreateCommand implements Callable<Integer> {
  @ParentCommand TemplatesCommand parent;
  @Spec CommandSpec spec;

  @Option(
      names = "--channel",
      defaultValue = TemplateSettings.GRAPH,
      paramLabel = "CHANNEL",
      description =
          "whatsapp (Graph API) or whatsapp-eum (End User Messaging Social); default ${DEFAULT-VALUE}.")
  String channel;

  @Option(
      names = "--languages",
      split = ",",
      paramLabel = "CODES",
      description =
          "Languages to create, e.g. en_US,pt_BR,es (default: WHATSAPP_TEMPLATE_LANGUAGES).")
  List<String> languages;

  @Option(
      names = "--code-expiration-minutes",
      defaultValue = "" + AuthenticationOptions.DEFAULT_CODE_EXPIRATION_MINUTES,
      paramLabel = "N",
      description =
          "The footer's \"This code expires in N minutes\" (1..90; default ${DEFAULT-VALUE}).")
  int codeExpirationMinutes;

  @Option(
      names = "--message-ttl-seconds",
      paramLabel = "N",
      description =
          "How long WhatsApp keeps trying to deliver (30..900, at most the code's expiry;"
              + " default: the code's expiry, capped at 900).")
  Integer messageTtlSeconds;

  @Option(
      names = "--otp-type",
      defaultValue = "copy_code",
      paramLabel = "TYPE",
      description = "copy_code (default), one_tap or zero_tap (Android apps only).")
  String otpType;

  @Option(
      names = "--package-name",
      paramLabel = "PACKAGE",
      description = "Android package name for one_tap/zero_tap; repeat for several apps.")
  List<String> packageNames;

  @Option(
      names = "--signature-hash",
      paramLabel = "HASH",
      description = "The app's signing key hash, one per --package-name, in the same order.")
  List<String> signatureHashes;

  @Option(
      names = "--accept-zero-tap-terms",
      description = "Required with zero_tap: you accept Meta's zero-tap terms.")
  boolean zeroTapTermsAccepted;

  @Option(
      names = "--security-recommendation",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description = "Adds \"For your security, do not share this code.\" (default: on).")
  boolean securityRecommendation;

  @Option(
      names = "--temporary-password-text",
      paramLabel = "LANG=TEXT",
      description =
          "AdminCreateUser's text for a language without a built-in one, with {{1}} (user name) and"
              + " {{2}} (password); repeatable.")
  Map<String, String> temporaryPasswordTexts;

  @Override
  public Integer call() {
    CommandLine cmd = spec.commandLine();
    AuthenticationOptions options = authenticationOptions(cmd);
    TemplateSettings settings =
        TemplatesCommand.settings(
            cmd, parent.env(), channel, languages == null ? List.of() : languages);
    if (settings == null) {
      return TemplatesCommand.BAD_INPUT;
    }
    List<TemplateDefinition> definitions = definitions(cmd, settings, options);
    List<ExistingTemplate> existing;
    TemplateStore store;
    try {
      store = TemplateStores.open(settings, parent.env());
      existing = store.list();
    } catch (WhatsAppAccessTokenException e) {
      return TemplatesCommand.tokenProblem(cmd, e);
    } catch (TemplateApiException e) {
      cmd.getErr().println("otp: " + e.getMessage());
      return TemplatesCommand.NOT_READY;
    }
    int problems = 0;
    for (TemplateDefinition definition : definitions) {
      WantedTemplate wanted = definition.wanted();
      Optional<ExistingTemplate> found =
          existing.stream()
              .filter(t -> wanted.name().equals(t.name()) && wanted.language().equals(t.language()))
              .findFirst();
      String line;
      if (found.isPresent()) {
        ExistingTemplate t = found.get();
        boolean stuck = t.needsAction();
        problems += stuck ? 1 : 0;
        line =
            row(wanted, "exists", t.status())
                + (stuck ? " -> see the reason in WhatsApp Manager, fix or delete it" : "");
      } else {
        CreateOutcome outcome = store.create(definition);
        if (outcome instanceof CreateOutcome.Created created) {
          line = row(wanted, "created", created.status() + " id " + created.id());
        } else if (outcome instanceof CreateOutcome.AlreadyExists) {
          line = row(wanted, "exists", "(Meta says it exists already)");
        } else {
          problems++;
          line = row(wanted, "failed", ((CreateOutcome.Refused) outcome).reason());
        }
      }
      cmd.getOut().println(line);
    }
    cmd.getOut()
        .println(
            problems == 0
                ? definitions.size()
                    + " templates exist or were submitted; `otp templates list` shows when Meta"
                    + " approves them"
                : problems + " of " + definitions.size() + " templates need attention");
    return problems == 0 ? TemplatesCommand.OK : TemplatesCommand.NOT_READY;
  }

  private AuthenticationOptions authenticationOptions(CommandLine cmd) {
    AuthenticationOptions.OtpType type;
    try {
      type = AuthenticationOptions.OtpType.valueOf(otpType.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(cmd, "--otp-type must be copy_code, one_tap or zero_tap");
    }
    try {
      return AuthenticationOptions.validated(
          securityRecommendation,
          codeExpirationMinutes,
          messageTtlSeconds,
          type,
          packageNames == null ? List.of() : packageNames,
          signatureHashes == null ? List.of() : signatureHashes,
          zeroTapTermsAccepted);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(cmd, e.getMessage());
    }
  }

  /** Every definition, or a ParameterException naming each language without a text. */
  private List<TemplateDefinition> definitions(
      CommandLine cmd, TemplateSettings settings, AuthenticationOptions options) {
    List<TemplateDefinition> definitions = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Map<String, String> given = temporaryPasswordTexts == null ? Map.of() : temporaryPasswordTexts;
    for (Map.Entry<String, String> text : given.entrySet()) {
      if (!TemporaryPasswordTexts.isValid(text.getValue())) {
        problems.add(
            "--temporary-password-text "
                + text.getKey()
                + "=... must contain {{1}} (user name) and {{2}} (password), each once");
      }
    }
    for (WantedTemplate wanted : settings.wanted()) {
      if (wanted.category() == TemplateCategory.AUTHENTICATION) {
        definitions.add(
            TemplateDefinitions.authentication(wanted.name(), wanted.language(), options));
        continue;
      }
      Optional<String> text =
          Optional.ofNullable(given.get(wanted.language()))
              .or(() -> TemporaryPasswordTexts.forLanguage(wanted.language()));
      if (text.isEmpty()) {
        problems.add(
            "no built-in AdminCreateUser text for "
                + wanted.language()
                + ": give --temporary-password-text "
                + wanted.language()
                + "='... {{1}} ... {{2}} ...'");
      } else {
        definitions.add(
            TemplateDefinitions.temporaryPassword(wanted.name(), wanted.language(), text.get()));
      }
    }
    if (!problems.isEmpty()) {
      throw new ParameterException(cmd, String.join("; ", problems));
    }
    return definitions;
  }

  private static String row(WantedTemplate wanted, String action, String detail) {
    return String.format(
            Locale.ROOT, "%-28s %-7s %-8s %s", wanted.name(), wanted.language(), action, detail)
        .stripTrailing();
  }
}
