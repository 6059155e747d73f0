package dev.cognitowa.otp.sender.wiring;

import dev.cognitowa.otp.sender.config.EnvironmentVariables;
import dev.cognitowa.otp.sender.config.SenderConfigurationException;
import dev.cognitowa.otp.sender.conversion.DynamoDbVerificationLedger;
import dev.cognitowa.otp.sender.conversion.FunnelCounters;
import dev.cognitowa.otp.sender.conversion.VerificationLedger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What the verification handler is built from: the ledger's table ({@code OTP_LEDGER_TABLE}, which
 * it needs), the pseudonym key the sender names users with ({@code OTP_PSEUDONYM_KEY_SECRET_ID} or
 * {@code OTP_PSEUDONYM_KEY}), and optionally the pool it serves. No channel, token or KMS setting.
 *
 * @param ledger the latest send per pool, user and family
 * @param funnel the counters a verified send is credited to
 * @param expectedUserPoolId events of any other pool are refused
 */
public record VerificationWiring(
    VerificationLedger ledger,
    Optional<FunnelCounters> funnel,
    Optional<String> expectedUserPoolId) {

  /** The handler's collaborators; throws {@link SenderConfigurationException} listing problems. */
  public static VerificationWiring fromEnvironment(Map<String, String> env) {
    List<String> problems = new ArrayList<>();
    String table = env.get(EnvironmentVariables.LEDGER_TABLE);
    if (table == null || table.isBlank()) {
      problems.add(
          EnvironmentVariables.LEDGER_TABLE
              + " is not set: the verification handler reads the sender's ledger table");
    }
    problems.addAll(SenderWiring.pseudonymKeyProblems(env));
    if (!problems.isEmpty()) {
      throw new SenderConfigurationException(problems);
    }
    AwsClients aws = new AwsClients(env);
    DynamoDbClient dynamoDb = aws.dynamoDb(table.strip());
    String pool = env.get(EnvironmentVariables.USER_POOL_ID);
    return new VerificationWiring(
        new DynamoDbVerificationLedger(
            dynamoDb, table.strip(), SenderWiring.pseudonyms(env, aws), Clock.systemUTC()),
        Optional.of(new FunnelCounters(dynamoDb, table.strip(), Clock.systemUTC())),
        pool == null || pool.isBlank() ? Optional.empty() : Optional.of(pool.strip()));
  }
}
