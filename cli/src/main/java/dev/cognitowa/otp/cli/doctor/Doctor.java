package dev.cognitowa.otp.cli.doctor;

import dev.cognitowa.otp.cli.templates.GraphHttp;
import dev.cognitowa.otp.cli.templates.GraphTemplateStore;
import dev.cognitowa.otp.cli.templates.TemplateApiException;
import dev.cognitowa.otp.cli.templates.TemplateAudit;
import dev.cognitowa.otp.cli.templates.TemplateSettings;
import dev.cognitowa.otp.cli.templates.TemplateStore;
import dev.cognitowa.otp.cli.templates.TemplateStores;
import dev.cognitowa.otp.sender.config.EnvironmentVariables;
import dev.cognitowa.otp.sender.config.SenderConfig;
import dev.cognitowa.otp.sender.config.SenderConfig.TokenSource;
import dev.cognitowa.otp.sender.config.SenderConfigurationException;
import dev.cognitowa.otp.sender.support.Sensitive;
import dev.cognitowa.otp.sender.whatsapp.WhatsAppAccessTokenException;
import dev.cognitowa.otp.sender.wiring.AwsClients;
import dev.cognitowa.otp.sender.wiring.SenderWiring;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Runs {@code otp doctor}'s checks in order, on a configuration the sender could read: the token
 * and its secret, Graph (token, number in account), the templates, the KMS key and the ledger
 * table. Checks of what is not configured are skipped, not failed: before the first deploy there is
 * no key or table yet.
 */
public final class Doctor {
  /** Reading the token from Secrets Manager takes tens of milliseconds; retries fit in this. */
  static final Duration TOKEN_READ_TIMEOUT = Duration.ofSeconds(10);

  private final Map<String, String> env;
  private final SenderWiring wiring;

  public Doctor(Map<String, String> env, SenderWiring wiring) {
    this.env = env;
    this.wiring = wiring;
  }

  /** Every check's result, in the order an operator would fix them. */
  public List<CheckResult> run() {
    SenderConfig config = wiring.config();
    List<CheckResult> results = new ArrayList<>();
    results.add(
        CheckResult.pass(
            "configuration",
            "channels " + String.join(", ", config.channels()) + ": settings complete"));
    boolean graph = config.channels().contains(TemplateSettings.GRAPH);
    Sensitive token = null;
    if (graph) {
      token = token(config.accessToken(), results);
      if (token != null) {
        GraphChecks checks =
            new GraphChecks(new GraphHttp(token), config.apiBaseUrl() + "/" + config.apiVersion());
        results.add(checks.token(config.phoneNumberId()));
        String account = env.get(TemplateSettings.BUSINESS_ACCOUNT_ID);
        results.add(
            account == null || account.isBlank()
                ? CheckResult.fail(
                    "number",
                    TemplateSettings.BUSINESS_ACCOUNT_ID
                        + " is not set -> set it to the WhatsApp Business account id (WhatsApp"
                        + " Manager, API Setup)")
                : checks.numberInAccount(config.phoneNumberId(), account.strip()));
      }
    } else {
      results.add(CheckResult.skip("token", "OTP_CHANNELS does not list whatsapp"));
    }
    String templatesChannel =
        graph
            ? TemplateSettings.GRAPH
            : config.channels().contains(TemplateSettings.EUM) ? TemplateSettings.EUM : null;
    if (templatesChannel == null) {
      results.add(CheckResult.skip("templates", "no WhatsApp channel in OTP_CHANNELS"));
    } else if (graph && token == null) {
      results.add(CheckResult.skip("templates", "no token to list them with"));
    } else {
      results.add(templates(templatesChannel, token));
    }
    AwsChecks aws = new AwsChecks(new AwsClients(env));
    results.add(kmsKey(aws));
    results.add(ledger(aws));
    return results;
  }

  /** The token from where the sender reads it; a secret that cannot be read fails here. */
  private Sensitive token(TokenSource source, List<CheckResult> results) {
    try {
      Sensitive token = wiring.tokens().token(Instant.now().plus(TOKEN_READ_TIMEOUT));
      results.add(
          source instanceof TokenSource.SecretsManager secret
              ? CheckResult.pass(
                  "token secret", "secret " + secret.secretId() + " holds a token (not shown)")
              : CheckResult.skip(
                  "token secret",
                  EnvironmentVariables.ACCESS_TOKEN + " is given directly (local runs)"));
      return token;
    } catch (WhatsAppAccessTokenException e) {
      results.add(
          CheckResult.fail(
              "token secret",
              e.getMessage()
                  + " -> store the token in it and allow secretsmanager:GetSecretValue"));
      results.add(CheckResult.skip("token", "no token to try"));
      return null;
    }
  }

  /** Through the token already read for Graph (Secrets Manager is asked once), else EUM's IAM. */
  private CheckResult templates(String channel, Sensitive token) {
    try {
      TemplateSettings settings = TemplateSettings.fromEnvironment(env, channel, List.of());
      TemplateStore store =
          token != null
              ? new GraphTemplateStore(
                  settings.apiBaseUrl(), settings.apiVersion(), settings.accountId(), token)
              : TemplateStores.open(settings, env);
      List<TemplateAudit.Line> lines = TemplateAudit.compare(settings.wanted(), store.list());
      List<TemplateAudit.Line> bad = lines.stream().filter(l -> !l.ok()).toList();
      if (bad.isEmpty()) {
        return CheckResult.pass(
            "templates",
            "all " + lines.size() + " configured templates are approved in every language");
      }
      return CheckResult.fail(
          "templates",
          bad.size()
              + " of "
              + lines.size()
              + " not approved: "
              + bad.stream()
                  .map(l -> l.wanted().name() + "/" + l.wanted().language() + " " + l.status())
                  .collect(Collectors.joining(", "))
              + " -> otp templates create, then otp templates list");
    } catch (SenderConfigurationException e) {
      return CheckResult.fail("templates", String.join("; ", e.problems()));
    } catch (TemplateApiException | WhatsAppAccessTokenException e) {
      return CheckResult.fail("templates", e.getMessage());
    }
  }

  private CheckResult kmsKey(AwsChecks aws) {
    String keyArn = value(EnvironmentVariables.KMS_KEY_ARN);
    if (keyArn != null) {
      return aws.kmsKey(keyArn);
    }
    return CheckResult.skip(
        "kms key",
        value(EnvironmentVariables.LOCAL_AES_KEY) != null
            ? "a local AES key is configured instead"
            : EnvironmentVariables.KMS_KEY_ARN + " is not set (set it to check the deployed key)");
  }

  private CheckResult ledger(AwsChecks aws) {
    String table = value(EnvironmentVariables.LEDGER_TABLE);
    if (table == null) {
      return CheckResult.skip(
          "ledger table", EnvironmentVariables.LEDGER_TABLE + " is not set (no delivery ledger)");
    }
    try {
      return aws.ledgerTable(table);
    } catch (SenderConfigurationException e) {
      return CheckResult.fail("ledger table", String.join("; ", e.problems()));
    }
  }

  private String value(String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value.strip();
  }
}
