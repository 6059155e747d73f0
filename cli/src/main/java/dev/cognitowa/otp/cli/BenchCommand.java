package dev.cognitowa.otp.cli;

import dev.cognitowa.otp.cli.local.LocalCloudApi;
import dev.cognitowa.otp.sender.CustomSmsSenderHandler;
import dev.cognitowa.otp.sender.crypto.CodeDecryptor;
import dev.cognitowa.otp.sender.crypto.EcdsaAcceleration;
import dev.cognitowa.otp.sender.event.BoundedInput;
import dev.cognitowa.otp.sender.event.CustomSmsSenderEventParser;
import dev.cognitowa.otp.sender.support.Sensitive;
import dev.cognitowa.otp.sender.whatsapp.SecretsManagerAccessTokenProvider;
import dev.cognitowa.otp.sender.wiring.SenderWiring;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code otp bench --event FILE --count N}: the real handler, N times in one JVM, against the
 * embedded loopback Cloud API stand-in (or the server in {@code WHATSAPP_API_BASE_URL}, so other
 * implementations can be measured against the same one). Prints throughput, latency percentiles,
 * the handler thread's CPU time per event, memory, and the network calls per OTP by kind.
 * Configuration comes from the environment as for {@code invoke}.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    subcommands = BurstCommand.class,
    description = {
      "Runs the real handler N times in one JVM; prints ops/s, p50/p99, CPU per event and calls per"
          + " OTP. 'bench burst' runs a burst from many containers against Meta's rate limits.",
      "Installs the fast signature verifier the Lambda installs, so it measures what the Lambda runs.",
      "Reads the sender's environment (as invoke); without WHATSAPP_API_BASE_URL it starts the"
          + " loopback Cloud API stand-in."
    })
final class BenchCommand implements Callable<Integer> {
  /** The stand-in's phone-number id and token when the environment gives none. */
  static final String DEFAULT_PHONE_NUMBER_ID = "100000000000001";

  @ParentCommand OtpCli parent;
  @Spec CommandSpec spec;

  // Not required=true: picocli would then demand it before 'bench burst' too. call() checks it.
  @Option(
      names = "--event",
      paramLabel = "FILE",
      description = "The event JSON (OTP_LOCAL_* key); required.")
  Path event;

  @Option(
      names = "--count",
      defaultValue = "1000",
      paramLabel = "N",
      description = "Measured events, at least 1 (default: ${DEFAULT-VALUE}).")
  int count;

  @Option(
      names = "--warmup",
      defaultValue = "200",
      paramLabel = "N",
      description = "Events run first and not measured (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Override
  public Integer call() throws Exception {
    if (event == null) {
      throw new ParameterException(spec.commandLine(), "Missing required option: '--event=FILE'");
    }
    if (count < 1 || warmup < 0) {
      throw new ParameterException(
          spec.commandLine(), "--count must be at least 1 and --warmup at least 0");
    }
    PrintWriter out = spec.commandLine().getOut();
    Map<String, String> env = new HashMap<>(parent.env());
    LocalCloudApi standIn = env.get("WHATSAPP_API_BASE_URL") == null ? startStandIn(env) : null;
    try (standIn) {
      byte[] json;
      try (InputStream in = Files.newInputStream(event)) {
        json = BoundedInput.readAll(in, CustomSmsSenderEventParser.MAX_EVENT_BYTES);
      }
      SenderWiring wiring = SenderWiring.fromEnvironment(env);
      // What a warm Lambda container verifies signatures with (installed before its SnapStart
      // snapshot, or after its first message): without it the JDK's SunEC checks each one.
      EcdsaAcceleration.installNow();
      CountingDecryptor decryptor = new CountingDecryptor(wiring.decryptor());
      CustomSmsSenderHandler handler =
          new CustomSmsSenderHandler(
              decryptor,
              wiring.policy(),
              wiring.channel(),
              wiring.config().expectedUserPoolId(),
              line -> {},
              Clock.systemUTC());
      for (int i = 0; i < warmup; i++) {
        handler.deliver(json, Instant.now().plusSeconds(10), "warmup");
      }
      long graphBefore = graphRequests(wiring, standIn);
      long decryptionsBefore = decryptor.calls.get();
      long secretLoadsBefore = secretLoads(wiring);
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      long[] latencies = new long[count];
      long cpuStart = threads.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      for (int i = 0; i < count; i++) {
        long t0 = System.nanoTime();
        handler.deliver(json, Instant.now().plusSeconds(10), "bench");
        latencies[i] = System.nanoTime() - t0;
      }
      long wall = System.nanoTime() - start;
      long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
      Arrays.sort(latencies);
      double decryptions = (decryptor.calls.get() - decryptionsBefore) / (double) count;
      double posts = (graphRequests(wiring, standIn) - graphBefore) / (double) count;
      long secretLoads = secretLoads(wiring) - secretLoadsBefore;
      int connections = standIn == null ? -1 : standIn.connectionCount();
      out.printf(Locale.ROOT, "%.1f ops/s%n", count / (wall / 1e9));
      out.println(
          "signature check: the Lambda's fast verifier ("
              + (EcdsaAcceleration.installed() ? "installed" : "not installed")
              + ", ACCP "
              + EcdsaAcceleration.nativeStatus()
              + ")");
      out.printf(
          Locale.ROOT,
          "latency p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d events after %d warm-up)%n",
          latencies[count / 2] / 1e6,
          latencies[Math.min(count - 1, (int) Math.ceil(count * 0.99) - 1)] / 1e6,
          latencies[count - 1] / 1e6,
          count,
          warmup);
      out.printf(Locale.ROOT, "handler CPU %.3f ms per event%n", cpu / 1e6 / count);
      String kms = env.get("KMS_KEY_ARN") == null ? "0, local AES key" : "1 each";
      String secrets =
          wiring.tokens() instanceof SecretsManagerAccessTokenProvider
              ? secretLoads + " in the measured run"
              : "0 (token from the environment)";
      out.printf(
          Locale.ROOT,
          "calls per OTP: key decryptions %.2f (KMS %s), Graph POST %.2f, Secrets Manager %s, "
              + "TCP connections to Graph %s%n",
          decryptions,
          kms,
          posts,
          secrets,
          connections < 0 ? "n/a (external server: it counts them)" : connections + " in all");
      boolean steady = decryptions == 1.0 && posts == 1.0 && secretLoads == 0 && connections <= 1;
      out.println(
          steady
              ? "steady state: as required (one key decryption and one Graph POST per OTP)"
              : "steady state: NOT as required (expected one key decryption and one Graph POST per OTP, one connection)");
      out.println(memory());
      out.flush();
    }
    return Failures.SENT;
  }

  /** Starts the loopback Cloud API stand-in and points {@code env} at it. */
  private static LocalCloudApi startStandIn(Map<String, String> env) throws IOException {
    env.putIfAbsent("WHATSAPP_PHONE_NUMBER_ID", DEFAULT_PHONE_NUMBER_ID);
    env.putIfAbsent("WHATSAPP_ACCESS_TOKEN", "bench-token");
    LocalCloudApi standIn =
        LocalCloudApi.start(
            env.get("WHATSAPP_PHONE_NUMBER_ID"), env.get("WHATSAPP_ACCESS_TOKEN"), 2);
    env.put("WHATSAPP_API_BASE_URL", standIn.baseUrl().toString());
    return standIn;
  }

  private static long graphRequests(SenderWiring wiring, LocalCloudApi standIn) {
    return standIn != null
        ? standIn.requestCount()
        : ((dev.cognitowa.otp.sender.whatsapp.WhatsAppChannel) wiring.channel())
            .client()
            .requestCount();
  }

  private static long secretLoads(SenderWiring wiring) {
    return wiring.tokens() instanceof SecretsManagerAccessTokenProvider sm ? sm.loadCount() : 0;
  }

  /**
   * Heap in use, live heap after a full collection, and the process's resident set now and at its
   * peak.
   */
  private static String memory() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long used = memory.getHeapMemoryUsage().getUsed();
    System.gc();
    MemoryUsage heap = memory.getHeapMemoryUsage();
    return String.format(
        Locale.ROOT,
        "memory: heap used %d MiB (live after GC %d MiB, committed %d MiB, max %d MiB); "
            + "RSS %s, peak RSS %s",
        used >> 20,
        heap.getUsed() >> 20,
        heap.getCommitted() >> 20,
        heap.getMax() >> 20,
        procStatus("VmRSS:"),
        procStatus("VmHWM:"));
  }

  private static String procStatus(String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(field)) {
          return (Long.parseLong(line.replaceAll("[^0-9]", "")) >> 10) + " MiB";
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: no resident-set figure
    }
    return "n/a";
  }

  /**
   * Counts key decryptions: with KMS each is one Decrypt call; with the local AES key, none leaves
   * the process.
   */
  static final class CountingDecryptor implements CodeDecryptor {
    final AtomicLong calls = new AtomicLong();
    private final CodeDecryptor delegate;

    CountingDecryptor(CodeDecryptor delegate) {
      this.delegate = delegate;
    }

    @Override
    public Sensitive decrypt(String base64Ciphertext, String expectedUserPoolId, Instant deadline) {
      calls.incrementAndGet();
      return delegate.decrypt(base64Ciphertext, expectedUserPoolId, deadline);
    }
  }
}
