package dev.cognitowa.otp.sender.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The JDK re-sends a POST once when a kept-alive connection turns out stale, unless {@code
 * sun.net.http.retryPost} was false when its HTTP client class loaded. Which class loads it first
 * depends on what the JVM did first, so this runs in a fresh JVM whose first connection is the AWS
 * SDK's, the order a cold Lambda can meet.
 */
class JdkPostRetryTest {
  private static final String OK = "{\"messages\":[{\"id\":\"wamid.FIRST\"}]}";

  @Test
  void send_shouldPostOnce_whenTheKeptAliveConnectionIsStaleAndTheSdkConnectedFirst()
      throws Exception {
    // given: a Graph stand-in that answers the first POST and keeps the connection alive, then
    // closes it on the
    // next POST without answering; and an AWS endpoint where nothing listens
    AtomicInteger posts = new AtomicInteger();
    int closedPort;
    try (ServerSocket unused = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = unused.getLocalPort();
    }
    try (ServerSocket graph = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread server = new Thread(() -> serve(graph, posts), "stale-graph");
      server.setDaemon(true);
      server.start();

      // when
      Process probe =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  StaleConnectionProbe.class.getName(),
                  "http://127.0.0.1:" + graph.getLocalPort(),
                  "http://127.0.0.1:" + closedPort)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      boolean ended = probe.waitFor(60, TimeUnit.SECONDS);
      String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

      // then: one POST per send, the second failing as a network error for RetryPolicy to judge
      assertThat(ended).isTrue();
      assertThat(output.lines().filter(l -> !l.isBlank()))
          .containsExactly("Accepted", "NetworkFailure");
      assertThat(posts).hasValue(2);
    }
  }

  /**
   * Answers the first request on each connection; closes the connection on the second without
   * answering.
   */
  private static void serve(ServerSocket server, AtomicInteger posts) {
    while (!server.isClosed()) {
      try (Socket socket = server.accept()) {
        InputStream in = new BufferedInputStream(socket.getInputStream());
        OutputStream out = socket.getOutputStream();
        for (int request = 1; readRequest(in); request++) {
          posts.incrementAndGet();
          if (request > 1) {
            break; // stale: closed under the client's feet
          }
          out.write(
              ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                      + OK.length()
                      + "\r\n\r\n"
                      + OK)
                  .getBytes(StandardCharsets.US_ASCII));
          out.flush();
        }
      } catch (IOException e) {
        // the listening socket was closed at the end of the test
      }
    }
  }

  /** Reads one request (headers and a Content-Length body); false at the end of the stream. */
  private static boolean readRequest(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int contentLength = 0;
    for (int c; (c = in.read()) >= 0; ) {
      if (c != '\n') {
        line.append((char) c);
        continue;
      }
      String header = line.toString().strip();
      line.setLength(0);
      if (header.isEmpty()) {
        in.readNBytes(contentLength);
        return true;
      }
      if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        contentLength = Integer.parseInt(header.substring("content-length:".length()).strip());
      }
    }
    return false;
  }
}
