package dev.cognitowa.otp.bench;

import com.sun.net.httpserver.HttpServer;
import dev.cognitowa.otp.sender.verification.VerificationHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * What the verification handler adds to a user's sign-in: the real handler, built from its
 * environment as the Lambda builds it, its real DynamoDB client sending both writes over loopback
 * HTTP to an in-process stand-in that answers at once (so DynamoDB's own few milliseconds in the
 * region are not in the figures). Run on the Lambda jar's class path: {@code java -cp
 * sender/target/otp-sender-lambda.jar:bench/target/classes
 * dev.cognitowa.otp.bench.VerificationLatency [COUNT [WARMUP]]}. Prints, on stdout, the init and
 * the first event of this JVM (a cold start without SnapStart, when Cognito waits for both), then
 * with COUNT the p50, p99 and max of that many warm events after WARMUP. With {@code
 * -Dbench.prime=true} the handler's SnapStart priming runs in the init, so the first event
 * estimates a restored function's first sign-in (the restore itself not included).
 */
public final class VerificationLatency {
  private static final String EVENT =
      "{\"version\":\"1\",\"triggerSource\":\"PostConfirmation_ConfirmSignUp\","
          + "\"region\":\"eu-west-1\",\"userPoolId\":\"eu-west-1_EXAMPLE\","
          + "\"userName\":\"bench-user\",\"callerContext\":{\"awsSdkVersion\":\"x\","
          + "\"clientId\":\"abc\"},\"request\":{\"userAttributes\":{\"sub\":\"1\"}},"
          + "\"response\":{}}";

  /** What UpdateItem answers with ReturnValues ALL_NEW for a send that was just verified. */
  private static final byte[] ANSWER =
      ("{\"Attributes\":{\"id\":{\"S\":\"verify#x\"},\"channel\":{\"S\":\"sms\"},"
              + "\"country\":{\"S\":\"GB\"},\"triggerSource\":{\"S\":\"CustomSMSSender_SignUp\"},"
              + "\"sentAt\":{\"N\":\"1796700000000\"},\"verifiedAt\":{\"N\":\"1796700042000\"}}}")
          .getBytes(StandardCharsets.UTF_8);

  private VerificationLatency() {}

  public static void main(String[] args) throws IOException {
    // the stand-in's headers and body must not wait on Nagle and the client's delayed ACK (40 ms
    // a call on Linux loopback), which DynamoDB's own server does not make anyone pay
    System.setProperty("sun.net.httpserver.nodelay", "true");
    HttpServer dynamoDb =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    dynamoDb.createContext(
        "/",
        exchange -> {
          try (InputStream body = exchange.getRequestBody()) {
            body.readAllBytes();
          }
          exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
          exchange.sendResponseHeaders(200, ANSWER.length);
          exchange.getResponseBody().write(ANSWER);
          exchange.close();
        });
    dynamoDb.start();
    Map<String, String> env =
        Map.of(
            "OTP_LEDGER_TABLE", "bench-ledger",
            "OTP_PSEUDONYM_KEY", "the bench's pseudonym key, 32 characters or more",
            "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:" + dynamoDb.getAddress().getPort(),
            "AWS_REGION", "eu-west-1",
            "AWS_ACCESS_KEY_ID", "bench",
            "AWS_SECRET_ACCESS_KEY", "bench");
    byte[] event = EVENT.getBytes(StandardCharsets.UTF_8);
    long started = System.nanoTime();
    VerificationHandler handler = new VerificationHandler(env, line -> {});
    if (Boolean.getBoolean("bench.prime")) {
      handler.beforeCheckpoint(null); // what SnapStart runs before the snapshot
    }
    long built = System.nanoTime();
    invoke(handler, event);
    long first = System.nanoTime();
    System.out.printf(
        Locale.ROOT,
        "init %.1f ms, first event %.1f ms%n",
        (built - started) / 1e6,
        (first - built) / 1e6);
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 0;
    for (int i = 0; i < warmup; i++) {
      invoke(handler, event);
    }
    if (count > 0) {
      long[] micros = new long[count];
      for (int i = 0; i < count; i++) {
        long t = System.nanoTime();
        invoke(handler, event);
        micros[i] = (System.nanoTime() - t) / 1_000;
      }
      Arrays.sort(micros);
      System.out.printf(
          Locale.ROOT,
          "warm: %d events after %d, p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
          count,
          warmup,
          micros[count / 2] / 1e3,
          micros[(int) Math.ceil(count * 0.99) - 1] / 1e3,
          micros[count - 1] / 1e3);
    }
    dynamoDb.stop(0);
  }

  /** One invocation as the runtime makes it: the event in, the same bytes out. */
  private static void invoke(VerificationHandler handler, byte[] event) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(
        new ByteArrayInputStream(event), out, new RuntimeStandIn.StandInContext());
    if (out.size() != event.length) {
      throw new IllegalStateException("the event did not come back unchanged");
    }
  }
}
