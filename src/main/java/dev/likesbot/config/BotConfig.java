package dev.likesbot.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * The whole configuration, read from {@code bot.properties} with every key overridable by an
 * environment variable ({@code spotify.client-secret} becomes {@code SPOTIFY_CLIENT_SECRET}).
 *
 * <p>This file holds the values; {@link ConfigLoader} reads them, one {@code *Keys} class per area.
 */
public record BotConfig(
    Discord discord, Spotify spotify, Web web, Store store, Likes likes, Log log, Library library) {
  /** The environment variable that overrides {@code key}. */
  public static String envName(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /**
   * Reads {@code file} (when it exists) and the overrides in {@code env}.
   *
   * @param fileRequired whether a missing file is itself a problem (the operator named it)
   * @throws ConfigException listing every missing or invalid key and what to put there
   */
  public static BotConfig load(Path file, boolean fileRequired, Map<String, String> env) {
    return ConfigLoader.load(file, fileRequired, env);
  }

  /**
   * @param applicationId when set, {@code --check} confirms the token belongs to this application
   * @param shardTotal how many shards the bot has across all its processes
   * @param shardIds the shards this process runs, ascending, each in {@code [0, shardTotal)}
   * @param ownerId {@code bot.owner-id}: who is named in "ask the bot's owner" and DMed about
   *     refused accounts, the quota and repeated failures; empty for the application's owner
   */
  public record Discord(
      Secret token,
      URI apiBaseUrl,
      URI gatewayUrl,
      OptionalLong guildId,
      OptionalLong applicationId,
      int shardTotal,
      List<Integer> shardIds,
      OptionalLong ownerId) {
    public Discord {
      shardIds = List.copyOf(shardIds);
    }

    /** Which shard holds a guild's events: Discord's {@code (guild_id >> 22) % shard_total}. */
    public int shardOf(long guildId) {
      return (int) ((guildId >>> 22) % shardTotal);
    }
  }

  public record Spotify(
      String clientId,
      Secret clientSecret,
      URI redirectUri,
      URI accountsBaseUrl,
      URI apiBaseUrl,
      Duration requestTimeout) {}

  /** The callback web server; its callback path is the path of {@code spotify.redirect-uri}. */
  public record Web(
      String host,
      int port,
      String callbackPath,
      boolean metricsEnabled,
      Optional<Secret> metricsToken) {

    /** Paths the web server answers itself ({@code /metrics} even while it is turned off). */
    public static final List<String> OWN_PATHS = List.of("/healthz", "/readyz", "/metrics");

    /** The login pages live at this path and below it ({@code /login/{state}}). */
    public static final String LOGIN_PATH = "/login";

    /** Whether the callback may not use {@code path}: the server answers it itself. */
    static boolean reserved(String path) {
      String bare =
          path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
      return OWN_PATHS.contains(bare)
          || bare.equals(LOGIN_PATH)
          || bare.startsWith(LOGIN_PATH + "/");
    }
  }

  /**
   * Where links live: a SQLite file or a PostgreSQL database shared by several instances. Tokens
   * are encrypted with {@code encryptionKey} when set, else with the key in {@code keyFile}.
   */
  public record Store(
      String url,
      String user,
      Optional<Secret> password,
      Optional<Secret> encryptionKey,
      Path keyFile) {
    static final String SQLITE_PREFIX = "jdbc:sqlite:";
    static final String POSTGRES_PREFIX = "jdbc:postgresql:";

    public boolean postgres() {
      return url.startsWith(POSTGRES_PREFIX);
    }

    /** The URL to show: a JDBC URL may carry {@code password=...}, masked like the secrets. */
    public String safeUrl() {
      return redact(url);
    }

    /**
     * {@code text} (a JDBC URL, or a driver's message quoting one) with every {@code password=...}
     * value masked: the one place that knows how a database password shows in text.
     */
    public static String redact(String text) {
      return PASSWORD_PARAMETER.matcher(text).replaceAll("$1****");
    }

    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password=)[^&;\\s]*");

    @Override
    public String toString() {
      return "Store[url="
          + safeUrl()
          + ", user="
          + user
          + ", password="
          + password
          + ", encryptionKey="
          + encryptionKey
          + ", keyFile="
          + keyFile
          + "]";
    }
  }

  /**
   * @param limit each member's budget for commands and clicks that call Spotify
   */
  public record Likes(Duration totalCacheTtl, int workerThreads, int workerQueue, Limit limit) {}

  /**
   * A token bucket per member: {@code burst} uses at once, one more every {@code refillEvery}, a
   * use beyond that held up to {@code maxWait}, then refused. A burst of 0 turns the limit off.
   */
  public record Limit(int burst, Duration refillEvery, Duration maxWait) {
    public boolean enabled() {
      return burst > 0;
    }
  }

  /**
   * Logging: {@code json} writes one JSON object per line; {@code levels} maps logger names
   * (packages) to levels, on top of {@code rootLevel}.
   */
  public record Log(boolean json, String rootLevel, Map<String, String> levels) {}

  /**
   * Whole-library reads (/likes stats): an app-wide budget of {@code requestsPerSecond} page
   * requests with a {@code burst} up front, at most {@code maxConcurrentPages} pages in flight,
   * {@code readsPerHour} reads per member, and snapshots kept in {@code snapshotBudgetBytes} of
   * memory (0: none kept).
   */
  public record Library(
      int requestsPerSecond,
      int burst,
      int maxConcurrentPages,
      int readsPerHour,
      long snapshotBudgetBytes) {}
}
