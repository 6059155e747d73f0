package dev.cognitowa.otp.bench;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.crac.Resource;

/**
 * A minimal stand-in for the Lambda Java runtime, for the cold rows "as deployed": it takes the
 * handler string the stack synthesizes ({@code class::method}), builds the handler with its no-arg
 * constructor (the init phase, as the runtime does), hands it one event through {@code
 * handleRequest(InputStream, OutputStream, Context)} and exits. The JVM options come from {@code
 * JAVA_TOOL_OPTIONS}, as on Lambda. Usage: {@code java -cp
 * sender/target/otp-sender-lambda.jar:bench/target/classes dev.cognitowa.otp.bench.RuntimeStandIn
 * HANDLER EVENT_FILE [COUNT [WARMUP]]}. With COUNT it then invokes the same handler WARMUP more
 * times unmeasured and COUNT times measured, as a warm container would, and prints ops/s and
 * p50/p99 in the Node reference's {@code warm.mjs} format. On stderr it prints the wall and
 * main-thread CPU time of the init phase and of the first event (CPU time is what a shared machine
 * disturbs least). With {@code -Dbench.snapStart=true} it runs the handler's SnapStart hooks
 * ({@code beforeCheckpoint}, then {@code afterRestore}) between the two, as a published version
 * does before its first invocation. What it does not model: the runtime's own JVM flags and class
 * path, its HTTP loop with the Runtime API, and the snapshot's restore.
 */
public final class RuntimeStandIn {
  /** The stack's function timeout (WhatsAppOtpSenderProps.DEFAULT_TIMEOUT). */
  private static final int REMAINING_MILLIS = 10_000;

  /** The stack's memory size (WhatsAppOtpSenderProps.DEFAULT_MEMORY_SIZE_MB); reported only. */
  private static final int MEMORY_MB = 1024;

  private RuntimeStandIn() {}

  public static void main(String[] args) throws Exception {
    String[] handler = args[0].split("::", 2);
    if (handler.length != 2 || !"handleRequest".equals(handler[1])) {
      throw new IllegalArgumentException("expected CLASS::handleRequest, was " + args[0]);
    }
    long wall0 = System.nanoTime();
    long cpu0 = threadCpuNanos();
    Object instance = Class.forName(handler[0]).getDeclaredConstructor().newInstance();
    RequestStreamHandler streamHandler = (RequestStreamHandler) instance;
    long wall1 = System.nanoTime();
    long cpu1 = threadCpuNanos();
    if (Boolean.getBoolean("bench.snapStart")) {
      // What SnapStart does between the init phase and the first invocation: the hooks around the
      // snapshot (the restore itself cannot be modelled here).
      Resource resource = (Resource) instance;
      resource.beforeCheckpoint(null);
      resource.afterRestore(null);
    }
    long wall2 = System.nanoTime();
    long cpu2 = threadCpuNanos();
    byte[] event = Files.readAllBytes(Path.of(args[1]));
    invoke(streamHandler, event);
    long wall3 = System.nanoTime();
    long cpu3 = threadCpuNanos();
    System.out.println("{\"status\":\"sent\",\"runtime\":\"stand-in\"}");
    System.err.printf(
        Locale.ROOT,
        "stand-in: init %d ms (thread CPU %d ms), snapshot hooks %d ms (%d ms),"
            + " first event %d ms (%d ms)%n",
        (wall1 - wall0) / 1_000_000,
        (cpu1 - cpu0) / 1_000_000,
        (wall2 - wall1) / 1_000_000,
        (cpu2 - cpu1) / 1_000_000,
        (wall3 - wall2) / 1_000_000,
        (cpu3 - cpu2) / 1_000_000);
    if (args.length > 2) {
      int count = Integer.parseInt(args[2]);
      int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 0;
      warm(streamHandler, event, count, warmup);
    }
  }

  /**
   * This thread's CPU time from {@code /proc/thread-self/schedstat} (Linux; first field, in
   * nanoseconds), or 0 elsewhere. Not {@code ThreadMXBean}: the management classes it loads took
   * 25-40 ms of a cold run on one core, charged to Java although no Lambda runtime loads them.
   */
  private static long threadCpuNanos() {
    try (FileInputStream in = new FileInputStream("/proc/thread-self/schedstat")) {
      byte[] buffer = new byte[64];
      int length = in.read(buffer);
      long nanos = 0;
      for (int i = 0; i < length && buffer[i] >= '0' && buffer[i] <= '9'; i++) {
        nanos = nanos * 10 + (buffer[i] - '0');
      }
      return nanos;
    } catch (IOException e) {
      return 0;
    }
  }

  private static void invoke(RequestStreamHandler handler, byte[] event) throws IOException {
    try (InputStream input = new ByteArrayInputStream(event)) {
      handler.handleRequest(input, new ByteArrayOutputStream(), new StandInContext());
    }
  }

  private static void warm(RequestStreamHandler handler, byte[] event, int count, int warmup)
      throws IOException {
    for (int i = 0; i < warmup; i++) {
      invoke(handler, event);
    }
    double[] millis = new double[count];
    long cpuStart = threadCpuNanos();
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      long t0 = System.nanoTime();
      invoke(handler, event);
      millis[i] = (System.nanoTime() - t0) / 1e6;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpuMillisPerEvent = (threadCpuNanos() - cpuStart) / 1e6 / count;
    Arrays.sort(millis);
    System.out.printf(Locale.ROOT, "%.1f ops/s%n", count / seconds);
    System.out.printf(
        Locale.ROOT,
        "latency p50 %.2f ms, p99 %.2f ms (%d events after %d warm-up)%n",
        millis[count / 2],
        millis[(int) Math.ceil(count * 0.99) - 1],
        count,
        warmup);
    System.out.printf(Locale.ROOT, "handler thread CPU %.3f ms per event%n", cpuMillisPerEvent);
  }

  /** The parts of the Lambda context the handler reads; the rest is constant. */
  static final class StandInContext implements Context {
    @Override
    public String getAwsRequestId() {
      return "00000000-0000-4000-8000-00000000c01d";
    }

    @Override
    public String getLogGroupName() {
      return "/aws/lambda/stand-in";
    }

    @Override
    public String getLogStreamName() {
      return "stand-in";
    }

    @Override
    public String getFunctionName() {
      return "stand-in";
    }

    @Override
    public String getFunctionVersion() {
      return "1";
    }

    @Override
    public String getInvokedFunctionArn() {
      return "arn:aws:lambda:eu-west-1:111122223333:function:stand-in:live";
    }

    @Override
    public CognitoIdentity getIdentity() {
      return null;
    }

    @Override
    public ClientContext getClientContext() {
      return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
      return REMAINING_MILLIS;
    }

    @Override
    public int getMemoryLimitInMB() {
      return MEMORY_MB;
    }

    @Override
    public LambdaLogger getLogger() {
      return new LambdaLogger() {
        @Override
        public void log(String message) {
          System.err.println(message);
        }

        @Override
        public void log(byte[] message) {
          System.err.println(new String(message, StandardCharsets.UTF_8));
        }
      };
    }
  }
}
