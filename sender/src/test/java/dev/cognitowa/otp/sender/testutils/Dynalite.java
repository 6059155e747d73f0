package dev.cognitowa.otp.sender.testutils;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * A local DynamoDB for a test class: {@code @RegisterExtension static Dynalite dynalite = new
 * Dynalite();} spawns dynalite (installed by Maven from {@code tools/dynalite}, pinned there) on
 * 127.0.0.1 at a free port, creates the ledger table with the real SDK as infra does (string key
 * {@code id}, on demand) and stops the process after the class. dynalite has no {@code
 * UpdateTimeToLive}: the TTL attribute's value is checked, DynamoDB's deletion is not.
 */
public final class Dynalite implements BeforeAllCallback, AfterAllCallback {
  public static final String TABLE = "otp-delivery-ledger";

  /**
   * A cold node loads dynalite and LevelDB in about half a second; on a busy two-core CI box allow
   * far more.
   */
  static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  /** A free port can be taken between our probe and dynalite's bind: try a few. */
  static final int START_ATTEMPTS = 3;

  private static final String READY = "Dynalite listening at";

  private Process process;
  private URI endpoint;
  private DynamoDbClient client;
  private final Deque<String> lastOutput = new ArrayDeque<>();

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    Path cli = locateCli();
    IOException last = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS && process == null; attempt++) {
      try {
        start(cli, freePort());
      } catch (IOException e) {
        last = e;
      }
    }
    if (process == null) {
      throw last;
    }
    client =
        DynamoDbClient.builder()
            .endpointOverride(endpoint)
            .region(Region.EU_WEST_1)
            .httpClient(UrlConnectionHttpClient.create())
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .build();
    client.createTable(
        r ->
            r.tableName(TABLE)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                    AttributeDefinition.builder()
                        .attributeName("id")
                        .attributeType(ScalarAttributeType.S)
                        .build())
                .keySchema(
                    KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build()));
    long until = System.nanoTime() + START_TIMEOUT.toNanos();
    while (client.describeTable(r -> r.tableName(TABLE)).table().tableStatus()
        != TableStatus.ACTIVE) {
      if (System.nanoTime() > until) {
        throw new IllegalStateException("dynalite: table " + TABLE + " never became ACTIVE");
      }
      Thread.sleep(20);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (client != null) {
      client.close();
    }
    if (process != null) {
      process.destroy();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    }
  }

  /** Where the SDK reaches it, e.g. {@code http://127.0.0.1:41234}. */
  public URI endpoint() {
    return endpoint;
  }

  /** A DynamoDB client pointed at it, to read raw items. */
  public DynamoDbClient client() {
    return client;
  }

  /**
   * What the sender's environment needs to use it as the ledger (merged into a test's env map):
   * made-up keys.
   */
  public Map<String, String> environment() {
    return Map.of(
        "OTP_LEDGER_TABLE",
        TABLE,
        "AWS_ENDPOINT_URL_DYNAMODB",
        endpoint.toString(),
        "AWS_REGION",
        "eu-west-1",
        "AWS_ACCESS_KEY_ID",
        "test",
        "AWS_SECRET_ACCESS_KEY",
        "test");
  }

  /** The stored item with this {@code id}, attribute by attribute; empty when there is none. */
  public Map<String, AttributeValue> item(String id) {
    return client
        .getItem(
            r ->
                r.tableName(TABLE)
                    .key(Map.of("id", AttributeValue.builder().s(id).build()))
                    .consistentRead(true))
        .item();
  }

  private void start(Path cli, int port) throws IOException, InterruptedException {
    Process started =
        new ProcessBuilder(
                "node",
                cli.toString(),
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--createTableMs",
                "0")
            .redirectErrorStream(true)
            .start();
    BufferedReader output =
        new BufferedReader(new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<Boolean> ready = new CompletableFuture<>();
    Thread drain =
        new Thread(
            () -> {
              try {
                for (String line; (line = output.readLine()) != null; ) {
                  remember(line);
                  if (line.startsWith(READY)) {
                    ready.complete(true);
                  }
                }
              } catch (IOException e) {
                // the process ended; waitFor below tells
              }
              ready.complete(false);
            },
            "dynalite-output");
    drain.setDaemon(true);
    drain.start();
    boolean up;
    try {
      up = ready.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      up = false;
    }
    if (!up) {
      started.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      throw new IOException(
          "dynalite did not start on port " + port + ": " + String.join(" | ", lastOutput));
    }
    process = started;
    endpoint = URI.create("http://127.0.0.1:" + port);
  }

  private synchronized void remember(String line) {
    lastOutput.addLast(line);
    while (lastOutput.size() > 10) {
      lastOutput.removeFirst();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /**
   * tools/dynalite/node_modules/dynalite/cli.js, found from the module directory Maven runs the
   * tests in.
   */
  private static Path locateCli() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path cli = dir.resolve("tools/dynalite/node_modules/dynalite/cli.js");
      if (Files.isRegularFile(cli)) {
        return cli;
      }
    }
    throw new IllegalStateException(
        "dynalite is not installed: run `node tools/dynalite/install.mjs` (Maven runs it"
            + " before the sender's tests unless -DskipTests)");
  }
}
