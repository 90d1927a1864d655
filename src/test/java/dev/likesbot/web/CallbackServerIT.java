package dev.likesbot.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likesbot.config.BotConfig;
import dev.likesbot.config.Secret;
import dev.likesbot.link.LinkService;
import dev.likesbot.spotify.webapi.SpotifyWire;
import dev.likesbot.testing.InMemoryStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CallbackServerIT {
  @RegisterExtension static final SpotifyWire wire = new SpotifyWire();

  @RegisterExtension
  final CallbackFixture web = CallbackFixture.loopback(wire, "/spotify/callback");

  private final InMemoryStore store = web.store;
  private final LinkService links = web.links;
  private final List<String> problems = web.problems;
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
    return web.get(pathAndQuery);
  }

  /** The state of a /link just run, the member not yet back from Spotify. */
  private String state() {
    return SpotifyWire.param(web.start("member-42"), "state");
  }

  /** The callback of a /link by {@code discordName} that Spotify approved. */
  private HttpResponse<String> approvedCallback(String discordName) throws Exception {
    return get("/spotify/callback?" + web.approve(web.start(discordName)));
  }

  @Test
  void thePageNamesTheDiscordMemberTheLinkIsFor() throws Exception {
    HttpResponse<String> page = approvedCallback("<b>Ada</b> & co");

    assertThat(page.body())
        .contains(
            "linked to Discord member <strong><bdi>&lt;b&gt;Ada&lt;/b&gt; &amp; co</bdi></strong>")
        .doesNotContain("<b>Ada</b>");
  }

  @Test
  void aGoodCallbackLinksAndSaysSoInAPlainPage() throws Exception {
    HttpResponse<String> page = approvedCallback("member-42");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
    assertThat(page.body())
        .contains("<title>Spotify linked — likes-bot</title>")
        .contains("is now linked to Discord member")
        .contains("You can close this tab and go back to Discord.");
    assertThat(store.links).containsKey("42");
  }

  @Test
  void pagesCarryTheProtectiveHeaders() throws Exception {
    HttpResponse<String> page = get("/spotify/callback");

    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(
            csp ->
                assertThat(csp)
                    .startsWith("default-src 'none'; style-src 'sha256-")
                    .contains("; form-action 'self' https://accounts.spotify.com;")
                    .contains("frame-ancestors 'none'")
                    .doesNotContain("script-src")
                    .doesNotContain("unsafe"));
    assertThat(page.body()).doesNotContain("<script");
    assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(page.headers().firstValue("Server")).isEmpty();
  }

  @Test
  void thePagesStyleIsExactlyTheOneItsPolicyAllows() throws Exception {
    String body = approvedCallback("member-42").body();
    String style = body.substring(body.indexOf("<style>") + 7, body.indexOf("</style>"));
    String hash =
        java.util.Base64.getEncoder()
            .encodeToString(
                java.security.MessageDigest.getInstance("SHA-256")
                    .digest(style.getBytes(java.nio.charset.StandardCharsets.UTF_8)));

    assertThat(get("/spotify/callback").headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(csp -> assertThat(csp).contains("style-src 'sha256-" + hash + "';"));
    assertThat(body).contains("prefers-color-scheme:dark").contains("width=device-width");
  }

  @Test
  void aReplayedCallbackIsRefusedWithAOneLineReason() throws Exception {
    String callback = "/spotify/callback?" + web.approve(web.start("member-42"));
    assertThat(get(callback).statusCode()).isEqualTo(200);

    HttpResponse<String> replay = get(callback);

    assertThat(replay.statusCode()).isEqualTo(400);
    assertThat(replay.body()).contains("unknown or was already used").doesNotContain("Exception");
  }

  @Test
  void refusedConsentIsExplained() throws Exception {
    HttpResponse<String> page = get("/spotify/callback?error=access_denied&state=" + state());

    assertThat(page.statusCode()).isEqualTo(400);
    assertThat(page.body()).contains("Link cancelled — run /link to try again.");
    assertThat(store.links).isEmpty();
  }

  @Test
  void aCallbackWithoutCodeOrStateIsA400() throws Exception {
    assertThat(get("/spotify/callback").statusCode()).isEqualTo(400);
    assertThat(get("/spotify/callback?state=" + state()).statusCode()).isEqualTo(400);
  }

  @Test
  void nothingFromTheRequestIsEchoedIntoThePage() throws Exception {
    HttpResponse<String> page =
        get("/spotify/callback?code=x&state=%3Cscript%3Ealert(1)%3C/script%3E");

    assertThat(page.statusCode()).isEqualTo(400);
    assertThat(page.body()).doesNotContain("<script>");
  }

  @Test
  void readyzReportsProblemsAsA503WithAJsonReason() throws Exception {
    HttpResponse<String> ready = get("/readyz");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body()).contains("\"status\":\"ready\"");

    problems.add("Discord gateway not connected");
    HttpResponse<String> unready = get("/readyz");

    assertThat(unready.statusCode()).isEqualTo(503);
    assertThat(unready.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    assertThat(unready.body())
        .contains("\"status\":\"unavailable\"")
        .contains("\"problems\":[\"Discord gateway not connected\"]");
  }

  @Test
  void metricsAreServedAsPrometheusText() throws Exception {
    try (CallbackServer open =
        web.server(
            new BotConfig.Web("127.0.0.1", 0, "/spotify/callback", true, Optional.empty()),
            () -> "likesbot_linked_members 3.0\n")) {
      open.start();
      HttpResponse<String> metrics =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + open.port() + "/metrics"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.headers().firstValue("Content-Type"))
          .hasValueSatisfying(v -> assertThat(v).startsWith("text/plain; version=0.0.4"));
      assertThat(metrics.body()).isEqualTo("likesbot_linked_members 3.0\n");
    }
  }

  @Test
  void metricsWithATokenNeedTheBearerToken() throws Exception {
    String token = "metrics-token-0123456789";
    try (CallbackServer guarded =
        web.server(
            new BotConfig.Web(
                "127.0.0.1", 0, "/spotify/callback", true, Optional.of(new Secret(token))),
            () -> "likesbot_linked_members 3.0\n")) {
      guarded.start();
      URI uri = URI.create("http://127.0.0.1:" + guarded.port() + "/metrics");

      HttpResponse<String> none =
          http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> wrong =
          http.send(
              HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token + "x").build(),
              HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> right =
          http.send(
              HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(none.statusCode()).isEqualTo(401);
      assertThat(none.headers().firstValue("WWW-Authenticate"))
          .hasValue("Bearer realm=\"metrics\"");
      assertThat(none.body()).doesNotContain(token).doesNotContain("linked_members");
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(right.statusCode()).isEqualTo(200);
      assertThat(right.body()).contains("likesbot_linked_members 3.0");
    }
  }

  @Test
  void metricsCanBeTurnedOff() throws Exception {
    try (CallbackServer off =
        web.server(
            new BotConfig.Web("127.0.0.1", 0, "/spotify/callback", false, Optional.empty()),
            () -> "likesbot_linked_members 3.0\n")) {
      off.start();
      HttpResponse<String> metrics =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + off.port() + "/metrics"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(metrics.statusCode()).isEqualTo(404);
    }
  }

  @Test
  void healthzSaysAliveEvenWhenNotReady() throws Exception {
    problems.add("store not answering");

    HttpResponse<String> health = get("/healthz");

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"status\":\"alive\"");
  }

  @Test
  void otherPathsAndMethodsAreNotServed() throws Exception {
    assertThat(get("/").statusCode()).isEqualTo(404);
    assertThat(get("/../etc/passwd").statusCode()).isIn(400, 404);
    // A fresh client: Jetty closes the connection after a 400, and a pooled one may be reused
    // before the client notices.
    HttpResponse<String> post =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + web.server.port() + "/spotify/callback"))
                    .POST(HttpRequest.BodyPublishers.ofString("code=x"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
  }
}
