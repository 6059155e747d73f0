package dev.cognitowa.otp.cli.burst;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cognitowa.otp.cli.local.LocalCloudApi;
import dev.cognitowa.otp.sender.support.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback stand-in for the Cloud API's {@code POST /{version}/{phone-number-id}/messages} that
 * enforces Meta's two limits the way Graph reports them: the phone number's throughput (error
 * 130429) and the business/consumer pair rate limit (error 131056), each as HTTP 400 with Meta's
 * body. It counts every accepted message by recipient and code, so a burst can tell, per event,
 * whether the phone got its code once, twice or never. Only accepted messages use up throughput and
 * the pair's interval; a refused request changes nothing.
 */
public final class RateLimitedCloudApi implements AutoCloseable {
  /** Meta's default Cloud API throughput for one business phone number. */
  public static final double DEFAULT_MESSAGES_PER_SECOND = 80;

  /** Meta's pair rate limit: about one message to the same recipient every 6 seconds. */
  public static final Duration DEFAULT_PAIR_INTERVAL = Duration.ofSeconds(6);

  /** Pending connections the server queues: every container may connect at once. */
  private static final int BACKLOG = 512;

  static final String THROUGHPUT_ERROR =
      "{\"error\":{\"message\":\"(#130429) Rate limit hit\",\"type\":"
          + "\"OAuthException\",\"code\":130429,\"error_data\":{\"messaging_product\":\"whatsapp\",\"details\":"
          + "\"Cloud API message throughput has been reached.\"},\"fbtrace_id\":\"AbCdEfGhIjKlMnOpQrStUv1\"}}";
  static final String PAIR_ERROR =
      "{\"error\":{\"message\":\"(#131056) (Business Account, Consumer Account) pair "
          + "rate limit hit\",\"type\":\"OAuthException\",\"code\":131056,\"error_data\":{\"messaging_product\":"
          + "\"whatsapp\",\"details\":\"Message failed to send because there were too many messages sent from this phone "
          + "number to the same phone number in a short period of time.\"},\"fbtrace_id\":\"AbCdEfGhIjKlMnOpQrStUv1\"}}";

  private final HttpServer server;
  private final String messagesPath;
  private final String authorization;
  private final TokenBucket throughput;
  private final long pairIntervalNanos;
  private final Map<String, Long> lastAcceptedByRecipient =
      new HashMap<>(); // guarded by throughput
  private final Map<String, Integer> acceptedByMessage = new ConcurrentHashMap<>();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong throughputRejections = new AtomicLong();
  private final AtomicLong pairRejections = new AtomicLong();
  private final AtomicLong otherRejections = new AtomicLong();

  private RateLimitedCloudApi(
      HttpServer server,
      String phoneNumberId,
      String token,
      double messagesPerSecond,
      Duration pairInterval) {
    this.server = server;
    this.messagesPath = "/" + phoneNumberId + "/messages";
    this.authorization = "Bearer " + token;
    this.throughput = new TokenBucket(messagesPerSecond);
    this.pairIntervalNanos = pairInterval.toNanos();
  }

  /**
   * Starts on an ephemeral loopback port.
   *
   * @param messagesPerSecond accepted messages per second for the phone number (Meta: 80)
   * @param pairInterval the shortest time between two messages to one recipient (Meta: about 6 s)
   * @param threads request threads: one per container keeps the server out of the measurement
   */
  public static RateLimitedCloudApi start(
      String phoneNumberId,
      String token,
      double messagesPerSecond,
      Duration pairInterval,
      int threads)
      throws IOException {
    // Graph answers without Nagle's delay; the JDK server must not add 40 ms to each answer either.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), BACKLOG);
    RateLimitedCloudApi api =
        new RateLimitedCloudApi(server, phoneNumberId, token, messagesPerSecond, pairInterval);
    server.createContext("/", api::handle);
    server.setExecutor(
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "rate-limited-cloud-api");
              t.setDaemon(true);
              return t;
            }));
    server.start();
    return api;
  }

  /** The base URL to put in {@code WHATSAPP_API_BASE_URL}. */
  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /**
   * How many times a message with this code was accepted for this recipient (E.164, with or without
   * '+').
   */
  public int timesAccepted(String recipient, String code) {
    return acceptedByMessage.getOrDefault(key(recipient, code), 0);
  }

  /** What the server saw so far. */
  public Tally tally() {
    return new Tally(
        requests.get(),
        accepted.get(),
        throughputRejections.get(),
        pairRejections.get(),
        otherRejections.get());
  }

  @Override
  public void close() {
    server.stop(0);
    ((ExecutorService) server.getExecutor()).shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      if (!"POST".equals(exchange.getRequestMethod())
          || !exchange.getRequestURI().getPath().endsWith(messagesPath)) {
        reject(exchange, 400, error(100, "Unsupported post request"));
        return;
      }
      if (!authorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        reject(exchange, 401, error(190, "Invalid OAuth access token"));
        return;
      }
      Map<String, Object> message = Json.readObjectLeniently(body);
      String to = message.get("to") instanceof String s ? s : null;
      String code = lastBodyParameter(message);
      if (to == null || code == null) {
        reject(exchange, 400, error(100, "Invalid parameter"));
        return;
      }
      Admission admission = admit(to.replace("+", ""));
      if (admission == Admission.PAIR_LIMITED) {
        pairRejections.incrementAndGet();
        reply(exchange, 400, PAIR_ERROR);
        return;
      }
      if (admission == Admission.THROUGHPUT_LIMITED) {
        throughputRejections.incrementAndGet();
        reply(exchange, 400, THROUGHPUT_ERROR);
        return;
      }
      acceptedByMessage.merge(key(to, code), 1, Integer::sum);
      long n = accepted.incrementAndGet();
      reply(
          exchange,
          200,
          "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\""
              + to
              + "\",\"wa_id\":\""
              + to.replace("+", "")
              + "\"}],\"messages\":[{\"id\":\""
              + LocalCloudApi.wamid(n)
              + "\",\"message_status\":\"accepted\"}]}");
    }
  }

  private enum Admission {
    ACCEPTED,
    PAIR_LIMITED,
    THROUGHPUT_LIMITED
  }

  /** Whether the message may go now; when it may, it counts against both limits. */
  private Admission admit(String recipient) {
    synchronized (throughput) {
      long now = System.nanoTime();
      Long last = lastAcceptedByRecipient.get(recipient);
      if (last != null && now - last < pairIntervalNanos) {
        return Admission.PAIR_LIMITED;
      }
      if (!throughput.tryTake(now)) {
        return Admission.THROUGHPUT_LIMITED;
      }
      lastAcceptedByRecipient.put(recipient, now);
      return Admission.ACCEPTED;
    }
  }

  /**
   * The code, or for AdminCreateUser the temporary password: the body's last parameter; null when
   * there is none.
   */
  private static String lastBodyParameter(Map<String, Object> message) {
    if (message.get("template") instanceof Map<?, ?> template
        && template.get("components") instanceof List<?> list) {
      for (Object component : list) {
        if (component instanceof Map<?, ?> c
            && "body".equals(c.get("type"))
            && c.get("parameters") instanceof List<?> parameters
            && !parameters.isEmpty()
            && parameters.get(parameters.size() - 1) instanceof Map<?, ?> last
            && last.get("text") instanceof String text) {
          return text;
        }
      }
    }
    return null;
  }

  private static String key(String recipient, String code) {
    return recipient.replace("+", "") + '\u0000' + code;
  }

  private void reject(HttpExchange exchange, int status, String json) throws IOException {
    otherRejections.incrementAndGet();
    reply(exchange, status, json);
  }

  private static String error(int code, String message) {
    return "{\"error\":{\"message\":\"(#"
        + code
        + ") "
        + message
        + "\",\"type\":\"OAuthException\",\"code\":"
        + code
        + ",\"fbtrace_id\":\"AbCdEfGhIjKlMnOpQrStUv1\"}}";
  }

  private static void reply(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /**
   * Requests seen, messages accepted, and refusals by Graph error code.
   *
   * @param throughputRejections error 130429
   * @param pairRejections error 131056
   * @param otherRejections wrong path, token or body: a healthy burst has none
   */
  public record Tally(
      long requests,
      long accepted,
      long throughputRejections,
      long pairRejections,
      long otherRejections) {}

  /**
   * Meta's throughput as a token bucket: {@code rate} tokens a second, holding at most one second's
   * worth, so an idle number may take a short burst of up to {@code rate} messages and never more
   * than that on average. Not thread-safe: the caller holds its lock.
   */
  static final class TokenBucket {
    private final double perNano;
    private final double capacity;
    private double tokens;
    private long updated = System.nanoTime();

    TokenBucket(double perSecond) {
      this.perNano = perSecond / 1e9;
      this.capacity = Math.max(1, perSecond);
      this.tokens = capacity;
    }

    boolean tryTake(long now) {
      tokens = Math.min(capacity, tokens + (now - updated) * perNano);
      updated = now;
      if (tokens < 1) {
        return false;
      }
      tokens -= 1;
      return true;
    }
  }
}
