package dev.cognitowa.otp.cli.burst;

import dev.cognitowa.otp.sender.wiring.AwsClients;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * The delivery ledger's table on a local DynamoDB (dynalite, as {@code bench/burst.sh} starts it):
 * a burst runs on this machine only, so the endpoint must be loopback. Creates the table as the
 * stack does (string key {@code id}, on demand) when it is missing, since a local DynamoDB starts
 * empty.
 */
public final class LocalLedgerTable {
  /** A local DynamoDB creates a table in milliseconds; a busy machine may take longer. */
  private static final Duration ACTIVE_WITHIN = Duration.ofSeconds(30);

  private static final String KEY = "id";

  private LocalLedgerTable() {}

  /**
   * Checks, before anything starts, that a configured ledger is on this machine.
   *
   * @throws IllegalArgumentException {@code OTP_LEDGER_TABLE} is set and its endpoint is not a
   *     loopback URL
   */
  public static void checkEndpoint(Map<String, String> env) {
    if (env.get("OTP_LEDGER_TABLE") == null) {
      return;
    }
    String endpoint =
        Optional.ofNullable(env.get("AWS_ENDPOINT_URL_DYNAMODB"))
            .orElse(env.get("AWS_ENDPOINT_URL"));
    if (endpoint == null || !isLoopback(endpoint)) {
      throw new IllegalArgumentException(
          "the burst runs on this machine only: with OTP_LEDGER_TABLE set, "
              + "AWS_ENDPOINT_URL_DYNAMODB must be a loopback URL (bench/burst.sh starts dynalite)");
    }
  }

  /**
   * The environment to run the function with: a region and made-up credentials added when missing
   * (dynalite accepts any), and the table created when missing. Unchanged when {@code
   * OTP_LEDGER_TABLE} is not set.
   */
  public static Map<String, String> prepare(Map<String, String> env) {
    String table = env.get("OTP_LEDGER_TABLE");
    if (table == null) {
      return env;
    }
    checkEndpoint(env);
    Map<String, String> local = new HashMap<>(env);
    local.putIfAbsent("AWS_REGION", "eu-west-1");
    if (!local.containsKey("AWS_ACCESS_KEY_ID") || !local.containsKey("AWS_SECRET_ACCESS_KEY")) {
      local.put("AWS_ACCESS_KEY_ID", "local");
      local.put("AWS_SECRET_ACCESS_KEY", "local");
      local.remove("AWS_SESSION_TOKEN");
    }
    ensureTable(new AwsClients(local).dynamoDb(table), table);
    return local;
  }

  private static void ensureTable(DynamoDbClient dynamoDb, String table) {
    try (dynamoDb) {
      try {
        dynamoDb.describeTable(r -> r.tableName(table));
      } catch (ResourceNotFoundException missing) {
        dynamoDb.createTable(
            r ->
                r.tableName(table)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(
                        AttributeDefinition.builder()
                            .attributeName(KEY)
                            .attributeType(ScalarAttributeType.S)
                            .build())
                    .keySchema(
                        KeySchemaElement.builder()
                            .attributeName(KEY)
                            .keyType(KeyType.HASH)
                            .build()));
      }
      long until = System.nanoTime() + ACTIVE_WITHIN.toNanos();
      while (dynamoDb.describeTable(r -> r.tableName(table)).table().tableStatus()
          != TableStatus.ACTIVE) {
        if (System.nanoTime() - until > 0) {
          throw new IllegalStateException("the ledger table " + table + " did not become ACTIVE");
        }
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for the ledger table", e);
        }
      }
    }
  }

  private static boolean isLoopback(String url) {
    try {
      String host = URI.create(url).getHost();
      return host != null && InetAddress.getByName(host).isLoopbackAddress();
    } catch (IllegalArgumentException | UnknownHostException e) {
      return false;
    }
  }
}
