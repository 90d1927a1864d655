package dev.likesbot.web;

import dev.likesbot.config.BotConfig;
import dev.likesbot.link.LinkOutcome;
import dev.likesbot.link.LinkService;
import dev.likesbot.link.LoginStep;
import dev.likesbot.logging.ErrorIds;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.router.Endpoint;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web server: the login page of a public deployment ({@code /login/{state}}), Spotify's
 * redirect to the callback path, {@code /healthz} (the process is alive), {@code /readyz} (it can
 * serve members) and {@code /metrics}.
 */
public final class CallbackServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CallbackServer.class);

  /** Codes and states are a few hundred characters at most. */
  static final int MAX_PARAMETER = 1024;

  /**
   * The login page's path: {@code /login/{state}} on the redirect URI's origin, so a reverse proxy
   * that forwards the callback must forward it too. The callback path must not be under it.
   */
  static final String LOGIN_PATH = BotConfig.Web.LOGIN_PATH;

  /**
   * The cookie that proves a browser pressed Continue for one state is named after that state, so
   * two logins in two tabs keep their own.
   */
  static final String COOKIE_PREFIX = "likesbot_login_";

  /** States are base64url; anything else never names a cookie or a form action. */
  private static final Pattern STATE = Pattern.compile("[A-Za-z0-9_-]{16,100}");

  private final BotConfig.Web config;
  private final LinkService links;
  private final HealthCheck health;
  private final Supplier<String> metrics;
  private final String publicOrigin;
  private final boolean secureCookie;
  private final Map<String, String> protectiveHeaders;
  private final Supplier<Optional<String>> ownerName;
  private final ErrorIds errorIds;
  private volatile Function<String, Optional<String>> openDiscord = member -> Optional.empty();
  private Javalin app;

  /**
   * @param spotify where the login page's Continue leads (the accounts service) and where members
   *     reach this server (the redirect URI's origin, https or not)
   * @param metrics the Prometheus text served at {@code /metrics} when {@code web.metrics-enabled}
   * @param ownerName the bot's owner, whom pages name when known
   * @param errorIds where a failure's page and log line get their shared id
   */
  public CallbackServer(
      BotConfig.Web config,
      BotConfig.Spotify spotify,
      LinkService links,
      HealthCheck health,
      Supplier<String> metrics,
      Supplier<Optional<String>> ownerName,
      ErrorIds errorIds) {
    this.config = config;
    this.links = links;
    this.health = health;
    this.metrics = metrics;
    this.ownerName = ownerName;
    this.errorIds = errorIds;
    URI redirectUri = spotify.redirectUri();
    URI accounts = spotify.accountsBaseUrl();
    this.publicOrigin = origin(redirectUri);
    this.secureCookie = "https".equalsIgnoreCase(redirectUri.getScheme());
    // No script at all; the one inline style by hash; Continue may post here and be redirected
    // to Spotify's login only; no framing (clickjacking a Continue button).
    String contentSecurityPolicy =
        "default-src 'none'; style-src "
            + Pages.STYLE_SOURCE
            + "; form-action 'self' "
            + origin(accounts)
            + "; frame-ancestors 'none'; base-uri 'none'";
    // On every answer, the routes' and Jetty's own refusals alike.
    this.protectiveHeaders =
        Map.of(
            "Content-Security-Policy", contentSecurityPolicy,
            "X-Frame-Options", "DENY",
            "X-Content-Type-Options", "nosniff",
            // The callback URL holds the login code: no page of ours may pass it on.
            "Referrer-Policy", "no-referrer",
            "Cache-Control", "no-store");
  }

  /**
   * The login page for a state, where the redirect URI is public; empty for a loopback redirect
   * URI, which only browsers on the bot's own machine reach, so logins go straight to Spotify.
   */
  public static Optional<Function<String, URI>> loginPages(URI redirectUri) {
    if (redirectUri.getHost() == null || WebSetupCheck.loopback(redirectUri.getHost())) {
      return Optional.empty();
    }
    String base = origin(redirectUri) + LOGIN_PATH + "/";
    return Optional.of(state -> URI.create(base + state));
  }

  private static String origin(URI uri) {
    return uri.getScheme().toLowerCase(Locale.ROOT)
        + "://"
        + uri.getRawAuthority().substring(uri.getRawAuthority().indexOf('@') + 1);
  }

  /** Enough for Jetty's acceptor and selector and several requests at once. */
  static final int WEB_THREADS = 12;

  /**
   * The callback, the login pages, health checks and a scrape of /metrics: a handful of requests a
   * minute, each short. Jetty's default pool keeps 8 threads and grows to 250; a few suffice, and
   * idle ones end.
   */
  private static QueuedThreadPool threadPool() {
    QueuedThreadPool pool = new QueuedThreadPool(WEB_THREADS, 2, 30_000);
    pool.setName("likes-web");
    return pool;
  }

  /**
   * {@code openDiscord} gives, for a member who just linked, the Discord link of the channel where
   * they ran /link, for the success page's Open Discord button (Discord's app when empty).
   */
  public void openDiscordWith(Function<String, Optional<String>> openDiscord) {
    this.openDiscord = openDiscord;
  }

  /**
   * Starts listening.
   *
   * @throws WebStartException naming the host and port when they cannot be bound
   */
  public void start() {
    app =
        Javalin.create(
            cfg -> {
              cfg.startup.showJavalinBanner = false;
              cfg.jetty.threadPool = threadPool();
              // Only GET on our paths; anything else is 404, or 405 on a path we serve.
              cfg.http.prefer405over404 = true;
              // Request line and headers together; a longer query is refused with 414/431.
              cfg.jetty.modifyHttpConfiguration(http -> http.setRequestHeaderSize(8 * 1024));
              cfg.jetty.modifyServer(
                  server -> server.setErrorHandler(new ClientErrorHandler(protectiveHeaders)));
              cfg.routes.get(config.callbackPath(), this::callback);
              cfg.routes.get(LOGIN_PATH + "/{state}", this::loginPage);
              cfg.routes.post(LOGIN_PATH + "/{state}", this::loginContinue);
              cfg.routes.get("/healthz", CallbackServer::healthz);
              cfg.routes.get("/readyz", this::readyz);
              if (config.metricsEnabled()) {
                cfg.routes.get("/metrics", this::metrics);
              }
              cfg.routes.before(this::secureHeaders);
              cfg.routes.exception(Exception.class, this::failed);
              cfg.routes.error(
                  404,
                  ctx -> {
                    // A route's own 404 (an unknown login) already has its page.
                    if (ctx.endpoints().lastHttpEndpoint() == null) {
                      ctx.html(Pages.message("Not found", "There is nothing here."));
                    }
                  });
            });
    try {
      app.start(config.host(), config.port());
    } catch (RuntimeException e) {
      throw new WebStartException(
          "cannot listen on web.host="
              + config.host()
              + " web.port="
              + config.port()
              + ": "
              + e.getMessage()
              + " (is another program using the port? pick a free web.port and update"
              + " spotify.redirect-uri to match)",
          e);
    }
    log.info("Callback server listening on {}:{}{}", config.host(), port(), config.callbackPath());
  }

  /** The bound port (useful when {@code web.port} is 0). */
  public int port() {
    return app.port();
  }

  private void secureHeaders(Context ctx) {
    protectiveHeaders.forEach(ctx::header);
  }

  /** GET shows whose link this is and binds nothing: link previews and scanners fetch it. */
  private void loginPage(Context ctx) {
    String state = ctx.pathParam("state");
    LoginStep step = links.confirm(state); // only issued states are found
    if (step instanceof LoginStep.Confirm confirm) {
      ctx.html(
          Pages.confirm(confirm.discordName(), confirm.discordHandle(), LOGIN_PATH + "/" + state));
    } else if (step instanceof LoginStep.Unusable unusable) {
      unusableLogin(ctx, unusable);
    }
  }

  /**
   * Continue: binds the state to this browser (a cookie holding a fresh nonce, for the callback
   * path only) and sends it on to Spotify.
   */
  private void loginContinue(Context ctx) {
    String state = ctx.pathParam("state");
    if (!sameOrigin(ctx)) {
      ctx.status(403)
          .html(
              Pages.message(
                  "Login not started",
                  "This page was submitted from another site. Open the login button the bot sent"
                      + " you in Discord and press Continue there."));
      return;
    }
    LoginStep step = links.proceed(state);
    if (step instanceof LoginStep.ToSpotify spotify) {
      ctx.header("Set-Cookie", loginCookie(state, spotify.browserNonce(), LOGIN_COOKIE_SECONDS));
      ctx.status(HttpStatus.SEE_OTHER).header("Location", spotify.authorizeUri().toString());
    } else if (step instanceof LoginStep.Unusable unusable) {
      unusableLogin(ctx, unusable);
    }
  }

  /** A state lives 10 minutes; its cookie need not outlive it by much. */
  private static final int LOGIN_COOKIE_SECONDS = 15 * 60;

  private static void unusableLogin(Context ctx, LoginStep.Unusable unusable) {
    ctx.status(status(unusable)).html(Pages.unusableLogin(unusable));
  }

  /** Unknown is 404 and expired is 410, as for any page that is not or no longer there. */
  static int status(LoginStep.Unusable unusable) {
    return switch (unusable) {
      case UNKNOWN_STATE -> 404;
      case EXPIRED -> 410;
    };
  }

  /**
   * A browser's Continue comes from our own page. Browsers say where a POST came from; a form on
   * another site that posts someone's state here (to bind their browser) is refused. Sec-Fetch-Site
   * decides where sent; an older browser's Origin is "null" under our no-referrer policy, so only
   * another site's origin counts against it.
   */
  private boolean sameOrigin(Context ctx) {
    String site = ctx.header("Sec-Fetch-Site");
    if (site != null) {
      return site.equalsIgnoreCase("same-origin");
    }
    String from = ctx.header("Origin");
    return from == null || from.equals("null") || publicOrigin.equalsIgnoreCase(from);
  }

  private String loginCookie(String state, String value, int maxAgeSeconds) {
    return COOKIE_PREFIX
        + state
        + "="
        + value
        + "; Path="
        + config.callbackPath()
        + "; Max-Age="
        + maxAgeSeconds
        + "; HttpOnly; SameSite=Lax"
        + (secureCookie ? "; Secure" : "");
  }

  private void callback(Context ctx) {
    String code;
    String state;
    String error;
    try {
      code = param(ctx, "code");
      state = param(ctx, "state");
      error = param(ctx, "error");
    } catch (IllegalArgumentException e) {
      ctx.status(400).html(Pages.notLinked(e.getMessage()));
      return;
    }
    String nonce = null;
    if (state != null && STATE.matcher(state).matches()) {
      nonce = ctx.cookie(COOKIE_PREFIX + state);
      if (nonce != null) {
        // Spent either way: the browser need not keep it.
        ctx.header("Set-Cookie", loginCookie(state, "", 0));
      }
    }
    LinkOutcome outcome = links.complete(code, state, error, nonce);
    if (outcome instanceof LinkOutcome.Linked linked) {
      ctx.html(
          Pages.linked(
              linked.spotifyName(),
              linked.discordName(),
              linked.discordHandle(),
              openDiscord.apply(linked.discordUserId()).orElse(Pages.DISCORD_APP)));
    } else if (outcome instanceof LinkOutcome.Refused refused) {
      ctx.status(status(refused)).html(Pages.notLinked(refused, ownerName.get()));
    }
  }

  /**
   * A callback that linked nothing: 503 when Spotify may work in a minute, 403 when this browser or
   * this Spotify account may not link, else 400 (the request itself cannot succeed again).
   */
  static int status(LinkOutcome.Refused refused) {
    return switch (refused) {
      case SPOTIFY_UNAVAILABLE, QUOTA_EXCEEDED, QUOTA_EXCEEDED_OWNER_TOLD -> 503;
      case NOT_THIS_BROWSER, ACCOUNT_NOT_ALLOWED -> 403;
      case NO_STATE, UNKNOWN_STATE, EXPIRED, CANCELLED, SPOTIFY_ERROR, NO_CODE, CODE_REFUSED -> 400;
    };
  }

  /** One value or none; Spotify never repeats a parameter or sends a long one. */
  private static String param(Context ctx, String name) {
    List<String> values = ctx.queryParams(name);
    if (values.size() > 1) {
      throw new IllegalArgumentException("This link is malformed — run /link to get a new one.");
    }
    String value = values.isEmpty() ? null : values.get(0);
    if (value != null && value.length() > MAX_PARAMETER) {
      throw new IllegalArgumentException("This link is malformed — run /link to get a new one.");
    }
    return value;
  }

  /**
   * Liveness: answering at all is the whole test, so a restart is only asked for a hung process.
   */
  private static void healthz(Context ctx) {
    ctx.json(new Health("alive", List.of()));
  }

  /** Readiness: whether this instance can serve members now; the reasons when not. */
  private void readyz(Context ctx) {
    List<String> problems;
    try {
      problems = health.problems();
    } catch (RuntimeException e) {
      problems = List.of("health check failed: " + e.getClass().getSimpleName());
    }
    ctx.status(problems.isEmpty() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
        .json(new Health(problems.isEmpty() ? "ready" : "unavailable", problems));
  }

  private void metrics(Context ctx) {
    if (config.metricsToken().isPresent()
        && !bearerMatches(ctx.header("Authorization"), config.metricsToken().get().reveal())) {
      ctx.status(HttpStatus.UNAUTHORIZED)
          .header("WWW-Authenticate", "Bearer realm=\"metrics\"")
          .result("web.metrics-token is set: send it as Authorization: Bearer <token>\n");
      return;
    }
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.get());
  }

  /** Constant-time, so response timing does not reveal how much of a guess was right. */
  private static boolean bearerMatches(String header, String token) {
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    return MessageDigest.isEqual(
        header.substring(7).strip().getBytes(StandardCharsets.UTF_8),
        token.getBytes(StandardCharsets.UTF_8));
  }

  /** The body of /healthz and /readyz. */
  record Health(String status, List<String> problems) {}

  private void failed(Exception e, Context ctx) {
    String id = errorIds.next();
    log.error("{} {} failed (error {})", ctx.method(), route(ctx), id, e);
    ctx.status(500).html(Pages.failed(id, ownerName.get()));
  }

  /** The route that failed, never the path: a login page's path holds its state, a secret. */
  private static String route(Context ctx) {
    Endpoint matched = ctx.endpoints().lastHttpEndpoint();
    return matched == null ? "(no route)" : matched.path;
  }

  @Override
  public void close() {
    if (app != null) {
      app.stop();
    }
  }
}
