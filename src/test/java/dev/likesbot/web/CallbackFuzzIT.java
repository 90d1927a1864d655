package dev.likesbot.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likesbot.spotify.webapi.SpotifyWire;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hundreds of malformed requests at the callback server, over raw sockets so nothing is cleaned up
 * on the way: never a 5xx, never a hang, never an echo, and a real callback still works after.
 */
class CallbackFuzzIT {
  private static final int READ_TIMEOUT_MS = 5_000;

  @RegisterExtension static final SpotifyWire wire = new SpotifyWire();
  @RegisterExtension final CallbackFixture web = CallbackFixture.loopback(wire, "/callback");
  private final CallbackServer server = web.server;
  private final Random random = new Random(20261128);

  /** Sends raw bytes, half-closes, and returns the status line ("" when the server just closed). */
  private String send(byte[] request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(READ_TIMEOUT_MS);
      OutputStream out = socket.getOutputStream();
      out.write(request);
      out.flush();
      socket.shutdownOutput();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream response = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      try {
        for (int n; (n = in.read(buffer)) != -1; ) {
          response.write(buffer, 0, n);
        }
      } catch (SocketTimeoutException e) {
        throw new AssertionError("the server hung on " + preview(request), e);
      } catch (IOException reset) {
        // a reset after a refused request is an answer too
      }
      String text = response.toString(StandardCharsets.ISO_8859_1);
      return text.isEmpty() ? "" : text.substring(0, Math.max(0, text.indexOf('\r')));
    }
  }

  private static String preview(byte[] request) {
    String text = new String(request, StandardCharsets.ISO_8859_1);
    return text.length() > 120 ? text.substring(0, 120) + "…" : text;
  }

  private static byte[] get(String target) {
    return ("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  private String junk(int length) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) {
      s.append((char) (random.nextInt(2) == 0 ? 33 + random.nextInt(94) : random.nextInt(256)));
    }
    return s.toString();
  }

  private List<byte[]> hostileRequests() {
    List<byte[]> requests = new ArrayList<>();
    for (String target :
        List.of(
            "/callback",
            "/callback?",
            "/callback?code=&state=",
            "/callback?code=a&code=b&state=s",
            "/callback?state=a&state=b&code=c",
            "/callback?code=%zz&state=%",
            "/callback?code=%e2%28%a1&state=%c0%af",
            "/callback?code=%00%01%02&state=%0d%0aSet-Cookie:%20x=1",
            "/callback?error=%3Cscript%3Ealert(1)%3C/script%3E&state=x",
            "/callback?error=access_denied",
            "/callback?code=ok&state=%F0%9F%8E%B5%E2%80%AE",
            "/callback/../../etc/passwd",
            "/callback/%2e%2e/%2e%2e/etc/passwd",
            "/%2e%2e/%2e%2e/etc/passwd",
            "/healthz/../callback?code=x&state=y",
            "//callback",
            "/CALLBACK?code=x&state=y",
            "/callback;jsessionid=1?code=x",
            "/callback?code=" + "x".repeat(2_000) + "&state=y",
            "/callback?state=" + "s".repeat(100_000),
            "*",
            "http://evil.example/callback?code=x&state=y")) {
      requests.add(get(target));
    }
    for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "FOO", "")) {
      requests.add(
          (method + " /callback?code=x&state=y HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc")
              .getBytes(StandardCharsets.ISO_8859_1));
    }
    requests.add("GET /callback\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)); // HTTP/0.9
    requests.add("GET /callback HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)); // no Host
    requests.add(
        ("GET /callback HTTP/1.1\r\nHost: x\r\nX-Big: " + "h".repeat(70_000) + "\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
    requests.add(
        "GET /callback?code=x\u0000y&state=z HTTP/1.1\r\nHost: x\r\n\r\n"
            .getBytes(StandardCharsets.ISO_8859_1));
    requests.add(new byte[0]);
    requests.add(
        "GET /callback?code=x HTTP/1.1\r\nHost: x\r\n"
            .getBytes(StandardCharsets.ISO_8859_1)); // half a request
    for (int i = 0; i < 300; i++) {
      requests.add(
          switch (i % 4) {
            case 0 -> get("/callback?code=" + junk(random.nextInt(64)) + "&state=" + junk(20));
            case 1 -> get("/" + junk(random.nextInt(200)));
            case 2 ->
                (junk(random.nextInt(300)) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
            default -> {
              byte[] bytes = new byte[random.nextInt(512)];
              random.nextBytes(bytes);
              yield bytes;
            }
          });
    }
    return requests;
  }

  @Test
  void hostileRequestsNeverGetA5xxNorHangNorEchoes() throws IOException {
    List<byte[]> requests = hostileRequests();
    for (byte[] request : requests) {
      String status = send(request);
      assertThat(status)
          .as("status for %s", preview(request))
          .doesNotMatch("HTTP/1\\.[01] 5\\d\\d.*");
    }
    assertThat(requests).hasSizeGreaterThan(300);
  }

  @Test
  void duplicatedAndOversizedParametersAreRefusedPlainly() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    for (String query :
        List.of(
            "code=a&code=b&state=s",
            "code=c&state=" + "s".repeat(CallbackServer.MAX_PARAMETER + 1))) {
      HttpResponse<String> page =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + server.port() + "/callback?" + query))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).isEqualTo(400);
      assertThat(page.body()).contains("malformed").doesNotContain("Exception");
    }
  }

  @Test
  void aSlowClientDoesNotBlockOthers() throws Exception {
    try (Socket slow = new Socket("127.0.0.1", server.port())) {
      slow.getOutputStream().write("GET /callback?code=x".getBytes(StandardCharsets.ISO_8859_1));
      slow.getOutputStream().flush();

      assertThat(send(get("/healthz"))).startsWith("HTTP/1.1 200");
    }
  }

  @Test
  void theServerStillLinksAfterTheBarrage() throws Exception {
    for (byte[] request : hostileRequests()) {
      send(request);
    }
    String callback = "/callback?" + web.approve(web.start("member-42"));

    String status = send(get(callback));

    assertThat(status).startsWith("HTTP/1.1 200");
    assertThat(web.store.links).containsKey("42");
  }
}
