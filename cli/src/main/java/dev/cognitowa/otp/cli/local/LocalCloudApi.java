package dev.cognitowa.otp.cli.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cognitowa.otp.sender.support.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback stand-in for the WhatsApp Cloud API's {@code POST
 * /{version}/{phone-number-id}/messages}, for the demo and the benchmark. It answers like Graph
 * does: 200 with a {@code wamid} for a well-formed template message, error 190 for a wrong token,
 * 132001 for an unknown template and 132000 for a wrong parameter count. It binds to 127.0.0.1 only
 * and keeps what it accepted so the demo can show the message as the phone would.
 */
public final class LocalCloudApi implements AutoCloseable {
  /**
   * The templates the stand-in knows in {@code en_US}, with the body text Meta would render and how
   * many body parameters each takes.
   */
  public static final Map<String, TemplateText> TEMPLATES =
      Map.of(
          "otp_code",
              new TemplateText(
                  "{{1}} is your verification code. For your security, do not share this code.",
                  1, "Copy code"),
          "temporary_password",
              new TemplateText(
                  "Hi {{1}}, your temporary password is {{2}}. You will be asked to choose a new one when you sign in.",
                  2, null));

  /**
   * The same templates in Brazilian Portuguese: Meta writes an authentication template's body
   * itself, in the template's language.
   */
  static final Map<String, TemplateText> TEMPLATES_PT_BR =
      Map.of(
          "otp_code",
              new TemplateText(
                  "{{1}} é seu código de verificação. Para sua segurança, não o compartilhe.",
                  1, "Copiar código"),
          "temporary_password",
              new TemplateText(
                  "Olá {{1}}, sua senha temporária é {{2}}. Você vai escolher uma nova ao entrar.",
                  2, null));

  /** The languages the stand-in has every template in, as WhatsApp codes. */
  public static final Map<String, Map<String, TemplateText>> TRANSLATIONS =
      Map.of("en_US", TEMPLATES, "pt_BR", TEMPLATES_PT_BR);

  /** A template in a language, or null when the stand-in has no such translation. */
  public static TemplateText template(String name, String language) {
    Map<String, TemplateText> templates = TRANSLATIONS.get(language);
    return templates == null ? null : templates.get(name);
  }

  private final HttpServer server;
  private final String phoneNumberId;
  private final String token;
  private final List<Map<String, Object>> accepted = new CopyOnWriteArrayList<>();
  private final AtomicLong requests = new AtomicLong();

  /**
   * Message ids continue from the clock's seconds, so the runs of one machine do not reuse them (a
   * local ledger outlives each run).
   */
  private final AtomicLong counter =
      new AtomicLong((System.currentTimeMillis() / 1000 % 100_000_000L) * 1000);

  private volatile String lastMessageId;
  private final java.util.Set<Integer> clientPorts =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  private LocalCloudApi(HttpServer server, String phoneNumberId, String token) {
    this.server = server;
    this.phoneNumberId = phoneNumberId;
    this.token = token;
  }

  /**
   * Starts on an ephemeral loopback port; {@code threads} handler threads (1 is plenty for the
   * demo).
   */
  public static LocalCloudApi start(String phoneNumberId, String token, int threads)
      throws IOException {
    // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's
    // delayed ACK: 40 ms per
    // request that belongs to neither side. Graph does not behave like that, so the stand-in must
    // not either.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    LocalCloudApi api = new LocalCloudApi(server, phoneNumberId, token);
    server.createContext("/", api::handle);
    server.setExecutor(
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "local-cloud-api");
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

  /** Requests received, accepted or not. */
  public long requestCount() {
    return requests.get();
  }

  /** Message bodies accepted so far, as parsed JSON. */
  public List<Map<String, Object>> acceptedMessages() {
    return List.copyOf(accepted);
  }

  /** The stand-in's id of the last message it accepted (a made-up id, no phone number in it). */
  public String lastMessageId() {
    return lastMessageId;
  }

  /** The body of an accepted message as the phone shows it. */
  public static String renderBody(Map<String, Object> message) {
    return TemplateCheck.render(message);
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }

  /**
   * TCP connections seen so far (distinct client ports): 1 when the client reuses its connection.
   */
  public int connectionCount() {
    return clientPorts.size();
  }

  private void handle(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    clientPorts.add(exchange.getRemoteAddress().getPort());
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String expectedPath = "/" + phoneNumberId + "/messages";
      if (!"POST".equals(exchange.getRequestMethod())
          || !exchange.getRequestURI().getPath().endsWith(expectedPath)) {
        reply(
            exchange,
            400,
            error(100, "Unsupported request: POST /{version}/" + phoneNumberId + "/messages"));
        return;
      }
      if (!("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        reply(exchange, 401, error(190, "Invalid OAuth access token"));
        return;
      }
      Map<String, Object> message = Json.readObjectLeniently(body);
      if (message.isEmpty()) {
        reply(exchange, 400, error(100, "Invalid JSON in request body"));
        return;
      }
      String problem = TemplateCheck.problem(message);
      if (problem != null) {
        int code =
            problem.startsWith("template name")
                ? 132001
                : problem.startsWith("parameter") ? 132000 : 100;
        reply(exchange, code == 132001 ? 404 : 400, error(code, problem));
        return;
      }
      accepted.add(message);
      String wamid = wamid(counter.incrementAndGet());
      lastMessageId = wamid;
      reply(
          exchange,
          200,
          Json.write(
              Map.of(
                  "messaging_product", "whatsapp",
                  "contacts",
                      List.of(
                          Map.of(
                              "input", String.valueOf(message.get("to")), "wa_id", waId(message))),
                  "messages", List.of(Map.of("id", wamid, "message_status", "accepted")))));
    }
  }

  /**
   * A message id in Meta's shape ({@code wamid.} and base64 of a record), made up: where Meta's
   * record begins with the recipient's number, this one holds only a serial, so the local ledger
   * may keep it for {@code otp status --local} without keeping a number.
   */
  public static String wamid(long serial) {
    java.io.ByteArrayOutputStream record = new java.io.ByteArrayOutputStream();
    record.writeBytes(new byte[] {0x1c, 0x18, 0x12});
    record.writeBytes(
        String.format(Locale.ROOT, "LOCAL%013X", serial)
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    record.write(0x00);
    return "wamid." + java.util.Base64.getEncoder().encodeToString(record.toByteArray());
  }

  private static String waId(Map<String, Object> message) {
    return String.valueOf(message.get("to")).replace("+", "");
  }

  private static String error(int code, String message) {
    return Json.write(
        Map.of(
            "error",
            Map.of(
                "message",
                "(#" + code + ") " + message,
                "type",
                "OAuthException",
                "code",
                code,
                "fbtrace_id",
                "LocalStandIn")));
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
   * How an approved template reads on the phone.
   *
   * @param body body text with {{n}} placeholders
   * @param bodyParameters how many body parameters it takes
   * @param button the copy-code button label, or null when the template has none
   */
  public record TemplateText(String body, int bodyParameters, String button) {}
}
