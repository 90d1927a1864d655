package dev.likesbot.fake.spotify;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fake Spotify for end-to-end tests: the accounts service ({@code /authorize}, {@code
 * /api/token}) and the Web API ({@code /v1/me}, {@code /v1/me/tracks}) on one port of 127.0.0.1,
 * answering with the JSON and errors of the real services (see {@link SpotifyJson}).
 *
 * <p>Tests queue who logs in ({@link #nextLogin}), inject trouble ({@link #failNext}, {@link
 * #setLatency}, {@link #expireAccessTokens}, {@link #revoke}) and then check what the client did
 * ({@link #requests}, {@link #failures}). Safe for concurrent requests and test-thread calls.
 */
public final class FakeSpotify implements AutoCloseable {

  /** One request as the fake saw it; {@code status} is what it answered. */
  public record Request(
      String method,
      String path,
      Map<String, String> query,
      String spotifyUserIdOrNull,
      int status) {
    public Request {
      query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(FakeSpotify.class);
  private static final String SEQUENCE = "fake-spotify.sequence";
  private static final HttpClient BROWSER =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final Map<String, FakeSpotifyUser> users = new ConcurrentHashMap<>();
  private final Journal journal = new Journal();
  private final Faults faults = new Faults();
  private final AtomicLong sequence = new AtomicLong();
  private final TokenRegistry tokens;
  private final Accounts accounts;
  private final WebApi webApi;
  private final ExecutorService delayed;
  private final Javalin app;
  private final String baseUrl;

  private FakeSpotify(
      String clientId, String clientSecret, String redirectUri, InstantSource clock) {
    this.tokens = new TokenRegistry(clock);
    this.accounts =
        new Accounts(
            clientId,
            clientSecret,
            redirectUri,
            tokens,
            journal,
            id -> users.containsKey(id) ? users.get(id).displayName() : id);
    this.webApi = new WebApi(users, tokens, journal);
    this.delayed =
        Executors.newCachedThreadPool(
            task -> {
              Thread thread = new Thread(task, "fake-spotify-latency");
              thread.setDaemon(true);
              return thread;
            });
    this.app =
        Javalin.create(
            cfg -> {
              cfg.startup.showJavalinBanner = false;
              cfg.startup.showOldJavalinVersionWarning = false;
              cfg.routes.before(ctx -> ctx.attribute(SEQUENCE, sequence.incrementAndGet()));
              cfg.routes.get("/authorize", endpoint(accounts::authorize));
              cfg.routes.post("/authorize/accept", endpoint(accounts::accept));
              cfg.routes.post("/api/token", endpoint(accounts::token));
              cfg.routes.get("/v1/me", endpoint(webApi::me));
              cfg.routes.get("/v1/me/tracks", endpoint(webApi::savedTracks));
              cfg.routes.error(404, FakeSpotify::notFound);
              // After-handlers run before Javalin writes the response, so a request is in the
              // log by the time its client sees the answer.
              cfg.routes.after(this::record);
            });
    app.start("127.0.0.1", 0);
    this.baseUrl = "http://127.0.0.1:" + app.port();
    LOG.info("Fake Spotify listening on {}", baseUrl);
  }

  /** Starts on a random port of 127.0.0.1 with the system clock. */
  public static FakeSpotify start(String clientId, String clientSecret, String redirectUri) {
    return start(clientId, clientSecret, redirectUri, InstantSource.system());
  }

  /** As {@link #start(String, String, String)}, with token and code expiry on {@code clock}. */
  public static FakeSpotify start(
      String clientId, String clientSecret, String redirectUri, InstantSource clock) {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(clientSecret, "clientSecret");
    Objects.requireNonNull(redirectUri, "redirectUri");
    return new FakeSpotify(clientId, clientSecret, redirectUri, Objects.requireNonNull(clock));
  }

  /** {@code http://127.0.0.1:PORT}: accounts service and Web API share it. */
  public String baseUrl() {
    return baseUrl;
  }

  public String accountsBaseUrl() {
    return baseUrl;
  }

  public String apiBaseUrl() {
    return baseUrl;
  }

  public int port() {
    return app.port();
  }

  /** A user with {@code likedSongs} songs from {@link FakeCatalog#likedSongs(int)}. */
  public FakeSpotifyUser addUser(String spotifyId, String displayName, int likedSongs) {
    return addUser(spotifyId, displayName, FakeCatalog.likedSongs(likedSongs));
  }

  /** A user with exactly these Liked Songs, newest first. */
  public FakeSpotifyUser addUser(String spotifyId, String displayName, List<SavedTrack> tracks) {
    FakeSpotifyUser user = new FakeSpotifyUser(spotifyId, displayName, tracks);
    if (users.putIfAbsent(spotifyId, user) != null) {
      throw new IllegalArgumentException("user " + spotifyId + " already exists");
    }
    return user;
  }

  /** Replaces a user's Liked Songs, as if they liked or unliked songs in the app. */
  public FakeSpotifyUser setLikedSongs(String spotifyId, List<SavedTrack> tracks) {
    return users.compute(
        spotifyId,
        (id, user) -> new FakeSpotifyUser(id, requireUser(user, id).displayName(), tracks));
  }

  public Optional<FakeSpotifyUser> user(String spotifyId) {
    return Optional.ofNullable(users.get(spotifyId));
  }

  /**
   * Whether the app's allowlist (development mode) has this user; by default every user is on it. A
   * user left off still logs in and gets tokens, as at Spotify, but every Web API call for them
   * answers 403 "User not registered in the Developer Dashboard" in plain text.
   */
  public void setOnAllowlist(String spotifyId, boolean allowed) {
    requireUser(users.get(spotifyId), spotifyId);
    webApi.allow(spotifyId, allowed);
  }

  /** The next /authorize logs in as this user and approves; calls queue up in order. */
  public void nextLogin(String spotifyId) {
    requireUser(users.get(spotifyId), spotifyId);
    accounts.nextLogin(spotifyId);
  }

  /** The next /authorize redirects with {@code error=access_denied}, as when the user cancels. */
  public void denyNextLogin() {
    accounts.denyNextLogin();
  }

  /** Allows a further redirect URI, as when an app registers several in its dashboard. */
  public void registerRedirectUri(String redirectUri) {
    accounts.registerRedirectUri(Objects.requireNonNull(redirectUri));
  }

  /** When on, each refresh returns a new refresh token and the old one stops working. */
  public void setRotateRefreshTokens(boolean rotate) {
    tokens.rotateRefreshTokens(rotate);
  }

  /** Lifetime (and announced expires_in) of access tokens issued from now on; default 1 h. */
  public void setAccessTokenLifetime(Duration lifetime) {
    if (lifetime.isNegative()) {
      throw new IllegalArgumentException("lifetime must not be negative");
    }
    tokens.accessTokenLifetime(lifetime);
  }

  /** How long an authorization code may wait before its exchange; default 10 min. */
  public void setCodeLifetime(Duration lifetime) {
    tokens.codeLifetime(Objects.requireNonNull(lifetime));
  }

  /** Every access token issued so far to this user answers 401 "The access token expired". */
  public void expireAccessTokens(String spotifyId) {
    tokens.expireAccessTokens(spotifyId);
  }

  /** Every access and refresh token issued to this user so far, to look for them elsewhere. */
  public Set<String> issuedTokens(String spotifyId) {
    return Set.copyOf(tokens.tokensOf(spotifyId));
  }

  /** The user removed the app: refresh gives invalid_grant, access tokens 401. */
  public void revoke(String spotifyId) {
    tokens.revoke(spotifyId);
  }

  /** Delay added to every request before it is answered, without holding a server thread. */
  public void setLatency(Duration perRequest) {
    if (perRequest.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative");
    }
    faults.latency(perRequest);
  }

  /**
   * The next {@code times} requests whose path starts with {@code pathPrefix} answer {@code status}
   * with Spotify's error body (and {@code Retry-After: 1} for 429). Rules stack in order.
   */
  public void failNext(int status, int times, String pathPrefix) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("status must be an HTTP error (400..599)");
    }
    if (times < 1) {
      throw new IllegalArgumentException("times must be at least 1");
    }
    faults.failNext(new Faults.Failure(status, null), times, Objects.requireNonNull(pathPrefix));
  }

  /**
   * The next {@code times} requests whose path starts with {@code pathPrefix} answer 429 with
   * {@code Retry-After} set to {@code retryAfter} (whole seconds), as Spotify's rate limit does.
   */
  public void failNextRateLimited(Duration retryAfter, int times, String pathPrefix) {
    if (times < 1) {
      throw new IllegalArgumentException("times must be at least 1");
    }
    faults.failNext(
        new Faults.Failure(429, null, retryAfter.toSeconds()),
        times,
        Objects.requireNonNull(pathPrefix));
  }

  /** Every authorization code, access token and refresh token issued so far (for leak checks). */
  public java.util.Set<String> issuedSecrets() {
    return tokens.everIssued();
  }

  /**
   * Runs {@code action} once, when the next refresh_token grant arrives and before it is answered:
   * what another client of the same account does meanwhile (e.g. refresh and rotate first).
   */
  public void beforeNextRefresh(Runnable action) {
    accounts.beforeNextRefresh(Objects.requireNonNull(action));
  }

  /**
   * The next {@code n} refresh_token grants are answered only once all {@code n} have arrived, as a
   * slow Spotify answers requests sent close together: a test can make two clients refresh with the
   * same token before either hears back. Answered anyway after 10 s, so a test cannot hang.
   */
  public void holdRefreshes(int n) {
    holdRefreshes(n, Duration.ofSeconds(10));
  }

  /** As {@link #holdRefreshes(int)}, each held refresh answered anyway after {@code atMost}. */
  public void holdRefreshes(int n, Duration atMost) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1");
    }
    if (atMost.isNegative()) {
      throw new IllegalArgumentException("atMost must not be negative");
    }
    accounts.holdRefreshes(n, atMost);
  }

  /**
   * As just started: no users, codes or tokens, no injected trouble, an empty journal and the
   * default lifetimes. Lets one fake serve many tests of a class.
   */
  public void reset() {
    users.clear();
    tokens.reset();
    accounts.reset();
    faults.clear();
    faults.latency(Duration.ZERO);
    journal.clearRequests();
    journal.clearFailures();
  }

  /** Drops every injected failure not used yet: Spotify is healthy again. */
  public void clearFaults() {
    faults.clear();
  }

  /**
   * The next {@code times} Web API requests under {@code pathPrefix} answer 429 with {@code
   * "reason":"QUOTA_EXCEEDED"}, as Spotify does when a development-mode app used up its quota.
   */
  public void failNextWithQuotaExceeded(int times, String pathPrefix) {
    faults.failNext(
        new Faults.Failure(429, "QUOTA_EXCEEDED"), times, Objects.requireNonNull(pathPrefix));
  }

  /** Every request so far, in arrival order. */
  public List<Request> requests() {
    return journal.requests();
  }

  public long count(String method, String path) {
    return journal.count(method, path);
  }

  /** refresh_token grants that succeeded for this user. */
  public int tokenRefreshes(String spotifyId) {
    return tokens.refreshes(spotifyId);
  }

  /** authorization_code grants that succeeded for this user. */
  public int codeExchanges(String spotifyId) {
    return tokens.exchanges(spotifyId);
  }

  public void clearRequests() {
    journal.clearRequests();
  }

  /** Protocol violations by the client, e.g. a reused code or bad PKCE; tests assert it empty. */
  public List<String> failures() {
    return journal.failures();
  }

  public void clearFailures() {
    journal.clearFailures();
  }

  /**
   * Plays the browser on an authorize URL the client built for accounts.spotify.com: sends it to
   * this fake instead and returns the callback URL the fake redirects to.
   */
  public URI authorize(URI authorizeUrl) {
    String query = authorizeUrl.getRawQuery();
    return followAuthorize(
        URI.create(baseUrl + authorizeUrl.getRawPath() + (query == null ? "" : "?" + query)));
  }

  /**
   * GETs an authorize URL without following redirects and returns its {@code Location} (the
   * callback with code and state, or with error), pressing Agree when Spotify shows its consent
   * page ({@code show_dialog=true}); an AssertionError with the page otherwise.
   */
  public static URI followAuthorize(URI authorizeUrl) {
    HttpResponse<String> response =
        send(HttpRequest.newBuilder(authorizeUrl).timeout(Duration.ofSeconds(10)).GET().build());
    Optional<String> consent = response.headers().firstValue(Accounts.CONSENT_HEADER);
    if (response.statusCode() == 200 && consent.isPresent()) {
      response =
          send(
              HttpRequest.newBuilder(authorizeUrl.resolve("/authorize/accept"))
                  .timeout(Duration.ofSeconds(10))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "decision=agree&consent=" + consent.get()))
                  .build());
    }
    Optional<String> location = response.headers().firstValue("Location");
    if (response.statusCode() / 100 != 3 || location.isEmpty()) {
      throw new AssertionError(
          "authorize answered "
              + response.statusCode()
              + " instead of a redirect: "
              + response.body());
    }
    return URI.create(location.get());
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return BROWSER.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError(request.method() + " " + request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted during " + request.method() + " " + request.uri(), e);
    }
  }

  @Override
  public void close() {
    app.stop();
    delayed.shutdownNow();
    LOG.info("Fake Spotify on {} stopped", baseUrl);
  }

  /** Wraps an endpoint with latency and injected failures; never lets an exception escape. */
  private Handler endpoint(Handler handler) {
    return ctx -> {
      Duration latency = faults.latency();
      if (latency.isZero()) {
        serve(ctx, handler);
        return;
      }
      ctx.future(
          () ->
              CompletableFuture.runAsync(
                  () -> serve(ctx, handler),
                  CompletableFuture.delayedExecutor(
                      latency.toNanos(), TimeUnit.NANOSECONDS, delayed)));
    };
  }

  private void serve(Context ctx, Handler handler) {
    Optional<Faults.Failure> injected = faults.take(ctx.path());
    if (injected.isPresent()) {
      injectFailure(ctx, injected.get());
      return;
    }
    try {
      handler.handle(ctx);
    } catch (Exception e) {
      LOG.error("Fake Spotify failed on {} {}", ctx.method(), ctx.path(), e);
      Replies.apiError(ctx, 500, "Server error");
    }
  }

  private void injectFailure(Context ctx, Faults.Failure failure) {
    int status = failure.status();
    Replies.actingFor(ctx, tokens.userOf(WebApi.bearerToken(ctx.header("Authorization"))));
    if (status == 429) {
      ctx.header("Retry-After", Long.toString(failure.retryAfterSeconds()));
    }
    String message =
        switch (status) {
          case 403 -> "User not registered in the Developer Dashboard";
          case 429 -> "API rate limit exceeded";
          case 500 -> "Server error";
          case 502 -> "Bad gateway";
          case 503 -> "Service unavailable";
          default -> "Injected failure";
        };
    if (ctx.path().startsWith("/v1/") && failure.reason() != null) {
      Replies.json(ctx, status, SpotifyJson.apiError(status, message, failure.reason()));
    } else if (ctx.path().startsWith("/v1/")) {
      Replies.apiError(ctx, status, message);
    } else {
      Replies.oauthError(ctx, status, status >= 500 ? "server_error" : "invalid_request", message);
    }
  }

  private static void notFound(Context ctx) {
    if (ctx.path().startsWith("/v1/")) {
      Replies.apiError(ctx, 404, "Service not found");
    } else {
      Replies.page(ctx, 404, "Not found");
    }
  }

  private void record(Context ctx) {
    Long seq = ctx.attribute(SEQUENCE);
    journal.record(
        seq == null ? sequence.incrementAndGet() : seq,
        new Request(
            ctx.method().name(),
            ctx.path(),
            Accounts.firstValues(ctx.queryParamMap()),
            ctx.attribute(Replies.USER),
            ctx.statusCode()));
  }

  private static FakeSpotifyUser requireUser(FakeSpotifyUser user, String spotifyId) {
    if (user == null) {
      throw new IllegalArgumentException("no user " + spotifyId + ": call addUser first");
    }
    return user;
  }
}
