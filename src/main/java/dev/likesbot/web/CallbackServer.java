package dev.likesbot.web;

import dev.likesbot.config.BotConfig;
import dev.likesbot.link.LinkOutcome;
import dev.likesbot.link.LinkService;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web server: Spotify's redirect to the callback path, {@code /healthz} (the process is alive)
 * and {@code /readyz} (it can serve members).
 */
public final class CallbackServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CallbackServer.class);

  /** Codes and states are a few hundred characters at most. */
  static final int MAX_PARAMETER = 1024;

  private final BotConfig.Web config;
  private final LinkService links;
  private final HealthCheck health;
  private final Supplier<String> metrics;
  private Javalin app;

  public CallbackServer(BotConfig.Web config, LinkService links, HealthCheck health) {
    this(config, links, health, () -> "");
  }

  /**
   * @param metrics the Prometheus text served at {@code /metrics} when {@code web.metrics-enabled}
   */
  public CallbackServer(
      BotConfig.Web config, LinkService links, HealthCheck health, Supplier<String> metrics) {
    this.config = config;
    this.links = links;
    this.health = health;
    this.metrics = metrics;
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
              // Only GET on our paths; anything else is 404, or 405 on a path we serve.
              cfg.http.prefer405over404 = true;
              // Request line and headers together; a longer query is refused with 414/431.
              cfg.jetty.modifyHttpConfiguration(http -> http.setRequestHeaderSize(8 * 1024));
              cfg.jetty.modifyServer(server -> server.setErrorHandler(new ClientErrorHandler()));
              cfg.routes.get(config.callbackPath(), this::callback);
              cfg.routes.get("/healthz", CallbackServer::healthz);
              cfg.routes.get("/readyz", this::readyz);
              if (config.metricsEnabled()) {
                cfg.routes.get("/metrics", this::metrics);
              }
              cfg.routes.before(CallbackServer::secureHeaders);
              cfg.routes.exception(Exception.class, CallbackServer::failed);
              cfg.routes.error(
                  404, ctx -> ctx.html(Pages.page("Not found", "There is nothing here.")));
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

  private static void secureHeaders(Context ctx) {
    ctx.header("Content-Security-Policy", "default-src 'none'");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("Cache-Control", "no-store");
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
      ctx.status(400).html(Pages.page("Not linked", e.getMessage()));
      return;
    }
    LinkOutcome outcome = links.complete(code, state, error);
    if (outcome instanceof LinkOutcome.Linked linked) {
      ctx.html(
          Pages.page(
              "Linked — you can close this tab",
              "Linking Spotify to "
                  + linked.discordName()
                  + ": the Spotify account "
                  + linked.spotifyName()
                  + " is now linked to that Discord member. Back in Discord, try /likes count."));
    } else if (outcome instanceof LinkOutcome.Refused refused) {
      ctx.status(refused.status()).html(Pages.page("Not linked", refused.reason()));
    }
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

  private static void failed(Exception e, Context ctx) {
    log.error("{} {} failed", ctx.method(), ctx.path(), e);
    ctx.status(500).html(Pages.page("Something went wrong", "Run /link in Discord to try again."));
  }

  @Override
  public void close() {
    if (app != null) {
      app.stop();
    }
  }
}
