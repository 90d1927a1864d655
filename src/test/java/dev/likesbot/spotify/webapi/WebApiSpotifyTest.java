package dev.likesbot.spotify.webapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.failsafe.RetryPolicy;
import dev.likesbot.config.BotConfig;
import dev.likesbot.config.Secret;
import dev.likesbot.spotify.SpotifyException;
import dev.likesbot.spotify.SpotifyException.Reason;
import dev.likesbot.testing.FakeTime;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The adapter's HTTP layer against a scripted local server. */
class WebApiSpotifyTest {
  private final FakeTime time = new FakeTime();
  private final List<String> seen = new CopyOnWriteArrayList<>();
  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  /** Quick retries, so tests of the retry policy do not wait. */
  private static final RetryPolicy<Object> FAST_RETRIES =
      RetryPolicy.builder()
          .handleIf(e -> e instanceof SpotifyException s && s.reason() == Reason.UNAVAILABLE)
          .withDelay(Duration.ofMillis(1))
          .withMaxRetries(3)
          .build();

  private record Answer(int status, String body, Map<String, String> headers) {}

  /** A server answering every request with {@code status}, {@code body} and {@code headers}. */
  private WebApiSpotify answering(int status, String body, Map<String, String> headers)
      throws IOException {
    return answering(List.of(new Answer(status, body, headers)));
  }

  /** A server giving the answers in order, the last one from then on. */
  private WebApiSpotify answering(List<Answer> answers) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
          Answer answer = answers.get(Math.min(seen.size(), answers.size()) - 1);
          int status = answer.status();
          String body = answer.body();
          answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.start();
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    return WebApiSpotify.create(
        new BotConfig.Spotify(
            "client",
            new Secret("secret"),
            URI.create("http://127.0.0.1:8080/callback"),
            URI.create(base + "/accounts"),
            URI.create(base),
            Duration.ofSeconds(5)),
        time,
        dev.likesbot.metrics.Metrics.NONE,
        FAST_RETRIES);
  }

  private static Reason reasonOf(Runnable call) {
    try {
      call.run();
    } catch (SpotifyException e) {
      return e.reason();
    }
    throw new AssertionError("expected a SpotifyException");
  }

  @Test
  void routesAccountsAndApiRequestsToTheirBaseUrls() throws IOException {
    WebApiSpotify spotify =
        answering(
            200,
            "{\"access_token\":\"a\",\"token_type\":\"Bearer\",\"expires_in\":3600,"
                + "\"refresh_token\":\"r\",\"scope\":\"user-library-read\"}",
            Map.of());

    spotify.refresh("r0");
    URI authorize = spotify.authorizeUri("the-state", "the-challenge");

    assertThat(seen).containsExactly("POST /accounts/api/token");
    assertThat(authorize.getPath()).isEqualTo("/accounts/authorize");
    assertThat(authorize.getPort()).isEqualTo(server.getAddress().getPort());
    assertThat(authorize.getQuery())
        .contains("state=the-state", "code_challenge=the-challenge", "code_challenge_method=S256")
        .contains("scope=user-library-read", "response_type=code", "client_id=client");
  }

  @Test
  void invalidGrantMeansTheGrantEnded() throws IOException {
    WebApiSpotify spotify =
        answering(
            400,
            "{\"error\":\"invalid_grant\",\"error_description\":\"Refresh token revoked\"}",
            Map.of());

    assertThat(reasonOf(() -> spotify.refresh("r"))).isEqualTo(Reason.REVOKED);
  }

  @Test
  void otherBadRequestsAreRejectionsNotRevocations() throws IOException {
    WebApiSpotify spotify =
        answering(400, "{\"error\":\"invalid_client\",\"error_description\":\"bad\"}", Map.of());

    assertThat(reasonOf(() -> spotify.refresh("r"))).isEqualTo(Reason.REJECTED);
  }

  @Test
  void rateLimitsCarryRetryAfterInSecondsOrAsADate() throws IOException {
    WebApiSpotify seconds = answering(429, "", Map.of("Retry-After", "12"));
    assertThatThrownBy(() -> seconds.savedTracks("t", 0, 1))
        .isInstanceOfSatisfying(
            SpotifyException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.RATE_LIMITED);
              assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(12));
            });
    stop();

    String date =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            time.instant().plusSeconds(30).atOffset(ZoneOffset.UTC));
    WebApiSpotify dated = answering(429, "", Map.of("Retry-After", date));
    assertThatThrownBy(() -> dated.savedTracks("t", 0, 1))
        .isInstanceOfSatisfying(
            SpotifyException.class,
            e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(30)));
  }

  @Test
  void serverErrorsWithAnyBodyAreUnavailable() throws IOException {
    WebApiSpotify spotify = answering(502, "<html>Bad gateway</html>", Map.of());

    assertThat(reasonOf(() -> spotify.savedTracks("t", 0, 1))).isEqualTo(Reason.UNAVAILABLE);
    assertThat(seen).hasSize(4); // the first try and three retries, then the caller hears of it
  }

  private static final String PAGE =
      "{\"href\":\"x\",\"items\":[],\"limit\":1,\"next\":null,\"offset\":0,"
          + "\"previous\":null,\"total\":7}";

  @Test
  void readsAreRetriedThroughTransientFailures() throws IOException {
    WebApiSpotify spotify =
        answering(
            List.of(
                new Answer(503, "", Map.of()),
                new Answer(502, "<html>", Map.of()),
                new Answer(200, PAGE, Map.of())));

    assertThat(spotify.savedTracks("t", 0, 1).total()).isEqualTo(7);
    assertThat(seen).hasSize(3);
  }

  @Test
  void tokenRequestsAreNeverRetried() throws IOException {
    WebApiSpotify spotify = answering(503, "", Map.of());

    assertThat(reasonOf(() -> spotify.refresh("r"))).isEqualTo(Reason.UNAVAILABLE);
    assertThat(reasonOf(() -> spotify.exchange("code", "verifier"))).isEqualTo(Reason.UNAVAILABLE);
    assertThat(seen).hasSize(2);
  }

  @Test
  void aRateLimitClosesTheGateForEveryoneUntilRetryAfter() throws IOException {
    WebApiSpotify spotify =
        answering(
            List.of(
                new Answer(429, "", Map.of("Retry-After", "5")), new Answer(200, PAGE, Map.of())));
    assertThat(reasonOf(() -> spotify.savedTracks("member-1", 0, 1)))
        .isEqualTo(Reason.RATE_LIMITED);

    time.advance(Duration.ofSeconds(2));
    assertThatThrownBy(() -> spotify.savedTracks("member-2", 0, 1))
        .isInstanceOfSatisfying(
            SpotifyException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.RATE_LIMITED);
              assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(3));
            });
    assertThat(seen).hasSize(1);

    time.advance(Duration.ofSeconds(3));
    assertThat(spotify.savedTracks("member-2", 0, 1).total()).isEqualTo(7);
  }

  @Test
  void aQuota429IsToldApartByItsBody() throws IOException {
    WebApiSpotify spotify =
        answering(
            429,
            "{\"error\":{\"status\":429,\"message\":\"quota\",\"reason\":\"QUOTA_EXCEEDED\"}}",
            Map.of("Retry-After", "60"));

    assertThat(reasonOf(() -> spotify.savedTracks("t", 0, 1))).isEqualTo(Reason.QUOTA_EXCEEDED);
    assertThat(reasonOf(() -> spotify.savedTracks("t", 0, 1))).isEqualTo(Reason.RATE_LIMITED);
    assertThat(seen).hasSize(1);
  }

  @Test
  void aRefusedTokenIsUnauthorized() throws IOException {
    WebApiSpotify spotify =
        answering(
            401, "{\"error\":{\"status\":401,\"message\":\"The access token expired\"}}", Map.of());

    assertThat(reasonOf(() -> spotify.profile("t"))).isEqualTo(Reason.UNAUTHORIZED);
  }

  @Test
  void anUnreachableSpotifyIsUnavailable() throws IOException {
    WebApiSpotify spotify = answering(200, "{}", Map.of());
    stop();

    assertThat(reasonOf(() -> spotify.savedTracks("t", 0, 1))).isEqualTo(Reason.UNAVAILABLE);
  }

  @Test
  void errorsNeverCarryTheTokensSent() throws IOException {
    WebApiSpotify spotify =
        answering(500, "{\"error\":{\"status\":500,\"message\":\"oops\"}}", Map.of());

    assertThatThrownBy(() -> spotify.refresh("refresh-token-value"))
        .satisfies(e -> assertThat(e.toString()).doesNotContain("refresh-token-value"));
    assertThatThrownBy(() -> spotify.savedTracks("access-token-value", 0, 1))
        .satisfies(e -> assertThat(e.toString()).doesNotContain("access-token-value"));
  }
}
