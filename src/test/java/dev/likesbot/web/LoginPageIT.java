package dev.likesbot.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.likesbot.link.LinkService;
import dev.likesbot.spotify.webapi.SpotifyWire;
import dev.likesbot.store.StoreException;
import dev.likesbot.testing.FakeTime;
import dev.likesbot.testing.InMemoryStore;
import dev.likesbot.testing.LogCapture;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The login page and browser binding of a public deployment (https redirect URI). */
class LoginPageIT {
  private static final URI REDIRECT = URI.create("https://bot.example/spotify/callback");
  @RegisterExtension static final SpotifyWire wire = new SpotifyWire();
  @RegisterExtension final CallbackFixture web = CallbackFixture.publicAt(wire, REDIRECT);
  private final FakeTime time = web.time;
  private final InMemoryStore store = web.store;
  private final LinkService links = web.links;

  private HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return web.send(request);
  }

  private HttpRequest.Builder at(String path) {
    return web.at(path);
  }

  /** What /link would DM: the login page's URL; returns its state. */
  private String loginState(String name, String handle) {
    URI link = links.start("42", name, handle);
    assertThat(link.toString()).startsWith("https://bot.example/login/");
    return link.getPath().substring("/login/".length());
  }

  private HttpResponse<String> pressContinue(String state) throws Exception {
    return send(
        at("/login/" + state)
            .header("Sec-Fetch-Site", "same-origin")
            .header("Origin", "null")
            .POST(HttpRequest.BodyPublishers.noBody()));
  }

  /** Continue pressed and Spotify approved: the callback's query ("code=…&state=…"). */
  private String approvedAfterContinue(HttpResponse<String> continued) {
    return web.approve(URI.create(continued.headers().firstValue("Location").orElseThrow()));
  }

  private static String cookie(HttpResponse<String> response) {
    return response.headers().firstValue("Set-Cookie").orElseThrow();
  }

  @Test
  void theLoginPageNamesTheMemberEscapedAndBindsNothing() throws Exception {
    String state = loginState("<i>Ada</i>", "ada.l");

    HttpResponse<String> page = send(at("/login/" + state));

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains(
            "the Discord account <strong>@<bdi>ada.l</bdi></strong>"
                + " (display name <strong><bdi>&lt;i&gt;Ada&lt;/i&gt;</bdi></strong>)")
        .contains("Continue only if you ran /link yourself")
        .contains("<form method=\"post\" action=\"/login/" + state + "\">")
        .doesNotContain("<i>Ada");
    assertThat(page.headers().firstValue("Set-Cookie")).isEmpty();
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(
            csp ->
                assertThat(csp).contains("form-action 'self' " + web.fake.accountsBaseUrl() + ";"));
    assertThat(store.pending.get(state).browserHash()).isEmpty();
  }

  /**
   * A display name is the member's to choose, so it may hold a right-to-left override: left to
   * itself it would reverse the username shown after it and the rest of the sentence, on the page
   * whose whole point is to show whose link this is.
   */
  @Test
  void eachNameOnThePagesIsIsolatedFromTheTextAroundIt() throws Exception {
    String spoof = "Victor\u202E";
    String state = loginState(spoof, "mallory");

    HttpResponse<String> page = send(at("/login/" + state));

    assertThat(page.body())
        .contains(
            "<strong>@<bdi>mallory</bdi></strong> (display name <strong><bdi>"
                + spoof
                + "</bdi></strong>)");

    HttpResponse<String> continued = pressContinue(state);
    String cookie = cookie(continued).split(";")[0];
    HttpResponse<String> linked =
        send(at("/spotify/callback?" + approvedAfterContinue(continued)).header("Cookie", cookie));
    assertThat(linked.body())
        .contains(
            "is now linked to Discord member <strong><bdi>"
                + spoof
                + "</bdi> (@<bdi>mallory</bdi>)</strong>");
  }

  /**
   * A display name is free text, so Mallory can call herself "Victor (@victor)": shown as "Victor
   * (@victor) (@mallory)" it passed for Victor's own account. The username, which nobody else can
   * take, leads and is labelled; the display name follows as what it is.
   */
  @Test
  void aDisplayNameCannotPassForTheUsername() throws Exception {
    String state = loginState("Victor (@victor)", "mallory");

    HttpResponse<String> page = send(at("/login/" + state));

    assertThat(page.body())
        .contains("<title>Link Spotify to @mallory? — likes-bot</title>")
        .contains(
            "This login link is for the Discord account <strong>@<bdi>mallory</bdi></strong>"
                + " (display name <strong><bdi>Victor (@victor)</bdi></strong>).")
        .doesNotContain("(@victor) (@");
  }

  @Test
  void aLoginAddressWithoutAStateGetsAPageToo() throws Exception {
    for (String path : List.of("/login/", "/login/a/b")) {
      HttpResponse<String> page = send(at(path));

      assertThat(page.statusCode()).isEqualTo(404);
      assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html");
      assertThat(page.body()).as(path).contains("<title>Not found — likes-bot</title>");
    }
  }

  @Test
  void continueSetsAScopedCookieAndGoesToSpotify() throws Exception {
    String state = loginState("Ada", "ada.l");

    HttpResponse<String> answer = pressContinue(state);

    assertThat(answer.statusCode()).isEqualTo(303);
    assertThat(answer.headers().firstValue("Location"))
        .hasValueSatisfying(
            l -> {
              assertThat(l).startsWith(web.fake.accountsBaseUrl() + "/authorize?");
              assertThat(SpotifyWire.param(URI.create(l), "state")).isEqualTo(state);
            });
    assertThat(cookie(answer))
        .startsWith(CallbackServer.COOKIE_PREFIX + state + "=")
        .contains("; Path=/spotify/callback;")
        .contains("; HttpOnly")
        .contains("; SameSite=Lax")
        .contains("; Secure");
    assertThat(store.pending.get(state).browserHash()).isPresent();
  }

  @Test
  void theCallbackInTheBrowserThatPressedContinueLinks() throws Exception {
    String state = loginState("Ada", "ada.l");
    HttpResponse<String> continued = pressContinue(state);
    String cookie = cookie(continued).split(";")[0];

    HttpResponse<String> page =
        send(at("/spotify/callback?" + approvedAfterContinue(continued)).header("Cookie", cookie));

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains(
            "is now linked to Discord member <strong><bdi>Ada</bdi> (@<bdi>ada.l</bdi>)</strong>");
    assertThat(store.links).containsKey("42");
    assertThat(cookie(page)).contains("Max-Age=0");
  }

  @Test
  void aCallbackWithoutTheCookieIsRefusedAndExchangesNothing() throws Exception {
    String state = loginState("Ada", "ada.l");
    pressContinue(state);

    HttpResponse<String> page = send(at("/spotify/callback?code=abc&state=" + state));

    assertThat(page.statusCode()).isEqualTo(403);
    assertThat(page.body())
        .contains("<title>Not linked: another browser — likes-bot</title>")
        .contains("not started in this browser")
        .contains("Run /link in Discord again");
    assertThat(store.links).isEmpty();
    assertThat(store.pending).as("the forwarded login is spent").isEmpty();
  }

  @Test
  void aCallbackWithAnotherBrowsersCookieIsRefused() throws Exception {
    String state = loginState("Ada", "ada.l");
    pressContinue(state); // Mallory's browser
    String guessed =
        CallbackServer.COOKIE_PREFIX + state + "=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    HttpResponse<String> page =
        send(at("/spotify/callback?code=abc&state=" + state).header("Cookie", guessed));

    assertThat(page.statusCode()).isEqualTo(403);
    assertThat(store.links).isEmpty();
  }

  @Test
  void continueFromAnotherSiteIsRefused() throws Exception {
    String state = loginState("Ada", "ada.l");

    HttpResponse<String> answer =
        send(
            at("/login/" + state)
                .header("Sec-Fetch-Site", "cross-site")
                .POST(HttpRequest.BodyPublishers.noBody()));

    assertThat(answer.statusCode()).isEqualTo(403);
    assertThat(answer.headers().firstValue("Set-Cookie")).isEmpty();
    assertThat(store.pending.get(state).browserHash()).isEmpty();
  }

  @Test
  void anUnknownOrExpiredLoginSaysSoPlainly() throws Exception {
    HttpResponse<String> unknown = pressContinue("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body())
        .contains("<title>Login link unknown or used — likes-bot</title>")
        .contains("unknown or was already used — run /link to get a new one");

    String state = loginState("Ada", "ada.l");
    time.advance(Duration.ofMinutes(11));
    assertThat(send(at("/login/" + state)).statusCode()).isEqualTo(410);
    assertThat(pressContinue(state).body()).contains("expired — run /link to get a new one");
  }

  @Test
  void aLoginPageThatFailsLogsNoState() throws Exception {
    String state = loginState("Ada", "ada.l");
    store.down = new StoreException("connection refused", null);

    try (LogCapture logs = LogCapture.at(Level.DEBUG)) {
      assertThat(send(at("/login/" + state)).statusCode()).isEqualTo(500);
      assertThat(pressContinue(state).statusCode()).isEqualTo(500);

      List<String> ours =
          logs.lines().stream().filter(line -> line.contains(" dev.likesbot.")).toList();
      assertThat(ours).noneMatch(line -> line.contains(state));
      assertThat(ours)
          .as("the failures are logged, with the route")
          .anyMatch(line -> line.startsWith("ERROR") && line.contains("GET /login/{state}"))
          .anyMatch(line -> line.startsWith("ERROR") && line.contains("POST /login/{state}"));
    }
  }

  /** The whole response, headers and body, to a request sent as raw bytes. */
  private String raw(String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", web.server.port())) {
      socket.setSoTimeout(5_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.shutdownOutput();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /**
   * Requests Jetty refuses before any route (a bad escape, a path or headers too long, an HTTP
   * version it does not speak) get the same protective headers as the pages, and their answer
   * repeats nothing of the request: Jetty's own error page framed freely and printed the path, a
   * login's state included.
   */
  @Test
  void everyAnswerCarriesTheProtectiveHeadersAndEchoesNoState() throws Exception {
    String state = loginState("Ada", "ada.l");
    String host = "Host: bot.example\r\nConnection: close\r\n";
    List<String> requests =
        List.of(
            "GET /nothing HTTP/1.1\r\n" + host + "\r\n",
            "OPTIONS /login/" + state + " HTTP/1.1\r\n" + host + "\r\n",
            "HEAD /login/" + state + " HTTP/1.1\r\n" + host + "\r\n",
            "POST /spotify/callback HTTP/1.1\r\n" + host + "Content-Length: 0\r\n\r\n",
            "GET /login/" + state + "%zz HTTP/1.1\r\n" + host + "\r\n",
            "GET /login/" + state + "A".repeat(9000) + " HTTP/1.1\r\n" + host + "\r\n",
            "GET /login/" + state + " HTTP/1.1\r\n" + host + "X: " + "x".repeat(9000) + "\r\n\r\n",
            "GET /login/" + state + " HTTP/9.1\r\n" + host + "\r\n");

    for (String request : requests) {
      String answer = raw(request);
      String head = answer.substring(0, Math.max(0, answer.indexOf("\r\n\r\n")));
      assertThat(head)
          .as(request.substring(0, 40))
          .contains("\r\nContent-Security-Policy: default-src 'none';")
          .contains("frame-ancestors 'none'")
          .contains("\r\nX-Frame-Options: DENY\r\n")
          .contains("\r\nReferrer-Policy: no-referrer\r\n")
          .contains("\r\nCache-Control: no-store\r\n");
      assertThat(answer).as(request.substring(0, 40)).doesNotContain(state);
    }
    assertThat(store.pending.get(state).browserHash()).as("nothing bound the login").isEmpty();
  }

  @Test
  void aLoopbackRedirectUriHasNoLoginPage() {
    assertThat(CallbackServer.loginPages(URI.create("http://127.0.0.1:8080/callback"))).isEmpty();
    assertThat(CallbackServer.loginPages(URI.create("http://[::1]:8080/callback"))).isEmpty();
    assertThat(
            CallbackServer.loginPages(URI.create("https://user@bot.example:8443/cb"))
                .map(page -> page.apply("s")))
        .isEqualTo(Optional.of(URI.create("https://bot.example:8443/login/s")));
  }
}
