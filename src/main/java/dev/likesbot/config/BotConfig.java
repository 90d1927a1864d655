package dev.likesbot.config;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole configuration, read from {@code bot.properties} with every key overridable by an
 * environment variable ({@code spotify.client-secret} becomes {@code SPOTIFY_CLIENT_SECRET}).
 */
public record BotConfig(
    Discord discord, Spotify spotify, Web web, Store store, Likes likes, Log log) {
  private static final Logger LOG = LoggerFactory.getLogger(BotConfig.class);

  /**
   * @param applicationId when set, {@code --check} confirms the token belongs to this application
   * @param shardTotal how many shards the bot has across all its processes
   * @param shardIds the shards this process runs, ascending, each in {@code [0, shardTotal)}
   */
  public record Discord(
      Secret token,
      URI apiBaseUrl,
      URI gatewayUrl,
      OptionalLong guildId,
      OptionalLong applicationId,
      int shardTotal,
      List<Integer> shardIds) {
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

    /** A server with {@code /metrics} on and open, as by default. */
    public Web(String host, int port, String callbackPath) {
      this(host, port, callbackPath, true, Optional.empty());
    }

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

  static final String SQLITE_PREFIX = "jdbc:sqlite:";
  static final String POSTGRES_PREFIX = "jdbc:postgresql:";
  static final String KEY_FILE_NAME = "likes-bot.key";

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

  /** Every key the bot reads, with its default ({@code null} when it is required). */
  static final Map<String, String> DEFAULTS = defaults();

  private static Map<String, String> defaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("discord.token", null);
    d.put("discord.api-base-url", "https://discord.com/api/v10/");
    d.put("discord.gateway-url", "wss://gateway.discord.gg/");
    d.put("discord.guild-id", "");
    // operations (issue 6)
    d.put("discord.application-id", "");
    d.put("discord.shard-total", "1");
    d.put("discord.shard-ids", "");
    d.put("spotify.client-id", null);
    d.put("spotify.client-secret", null);
    d.put("spotify.redirect-uri", null);
    d.put("spotify.accounts-base-url", "https://accounts.spotify.com");
    d.put("spotify.api-base-url", "https://api.spotify.com");
    d.put("spotify.request-timeout-seconds", "10");
    d.put("web.host", "0.0.0.0");
    d.put("web.port", "8080");
    d.put("web.metrics-enabled", "true");
    d.put("web.metrics-token", "");
    d.put("store.url", "jdbc:sqlite:likes-bot.db");
    d.put("store.user", "");
    d.put("store.password", "");
    d.put("store.encryption-key", "");
    d.put("store.key-file", "");
    d.put("likes.total-cache-seconds", "60");
    // Defaults a person never meets: pressing Another as fast as cards appear is about one use a
    // second at most, so 10 at once plus one a second leaves a human unhindered, while a script is
    // slowed to 60 Spotify calls a minute; a wait past 10 s is refused rather than left
    // "thinking…".
    d.put("likes.limit-burst", "10");
    d.put("likes.limit-per-minute", "60");
    d.put("likes.limit-max-wait-seconds", "10");
    // Deprecated alias of the limit, for configuration files written before it.
    d.put("likes.cooldown-seconds", "");
    d.put("bot.worker-threads", "8");
    d.put("bot.worker-queue", "500");
    d.put("log.format", "text");
    d.put("log.level", "INFO");
    d.put("log.levels", "");
    return java.util.Collections.unmodifiableMap(d);
  }

  private static final Pattern SHARD_RANGE = Pattern.compile("(\\d{1,5})(?:-(\\d{1,5}))?");
  private static final Pattern SNOWFLAKE = Pattern.compile("\\d{15,21}");
  private static final Pattern LOGGER_NAME =
      Pattern.compile("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*");
  private static final Set<String> LEVELS =
      Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

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
    List<String> problems = new ArrayList<>();
    Properties props = new Properties();
    if (Files.isRegularFile(file)) {
      try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        props.load(in);
      } catch (IOException | IllegalArgumentException e) {
        throw new ConfigException(
            List.of("cannot read " + file + ": " + e.getMessage() + " (fix the file's syntax)"));
      }
    } else if (fileRequired) {
      problems.add(
          "configuration file "
              + file.toAbsolutePath()
              + " does not exist: copy bot.properties.example there and fill it in");
    }
    Set<String> unknown = new TreeSet<>(props.stringPropertyNames());
    unknown.removeAll(DEFAULTS.keySet());
    for (String key : unknown) {
      problems.add(
          "unknown key '" + key + "' in " + file + ": remove it or fix its spelling" + hint(key));
    }
    return new Parser(props, env, problems).parse();
  }

  private static String hint(String key) {
    String bare = key.replaceAll("[^a-z]", "");
    return DEFAULTS.keySet().stream()
        .filter(k -> k.replaceAll("[^a-z]", "").equals(bare))
        .findFirst()
        .map(k -> " (did you mean " + k + "?)")
        .orElse(" (known keys are listed in bot.properties.example)");
  }

  /** Reads each key once, collecting every problem instead of stopping at the first. */
  private static final class Parser {
    private final Properties props;
    private final Map<String, String> env;
    private final List<String> problems;

    Parser(Properties props, Map<String, String> env, List<String> problems) {
      this.props = props;
      this.env = env;
      this.problems = problems;
    }

    BotConfig parse() {
      Secret token =
          secret(
              "discord.token",
              "the bot token from the Discord Developer Portal (Bot → Reset Token)");
      if (token != null && token.reveal().chars().anyMatch(Character::isWhitespace)) {
        problem(
            "discord.token", "contains white space: paste the token exactly as Discord shows it");
      }
      OptionalLong applicationId = snowflake("discord.application-id", "an application id");
      URI discordApi = url("discord.api-base-url", "http", "https");
      URI gateway = url("discord.gateway-url", "ws", "wss");
      OptionalLong guild = OptionalLong.empty();
      String guildText = raw("discord.guild-id");
      if (!guildText.isEmpty()) {
        if (SNOWFLAKE.matcher(guildText).matches()) {
          guild = OptionalLong.of(Long.parseUnsignedLong(guildText));
        } else {
          problem(
              "discord.guild-id",
              "'"
                  + guildText
                  + "' is not a server id: leave it empty, or right-click the server in"
                  + " Discord (Developer Mode on) → Copy Server ID");
        }
      }

      int shardTotal = integer("discord.shard-total", 1, 10_000);
      List<Integer> shardIds = shardIds(shardTotal);

      String clientId =
          required(
              "spotify.client-id",
              "the Client ID of your app at https://developer.spotify.com/dashboard");
      Secret clientSecret =
          secret(
              "spotify.client-secret",
              "the Client secret of your app at https://developer.spotify.com/dashboard");
      URI redirect = redirectUri();
      URI accounts = url("spotify.accounts-base-url", "http", "https");
      URI api = url("spotify.api-base-url", "http", "https");
      int timeoutSeconds = integer("spotify.request-timeout-seconds", 1, 120);

      String host = raw("web.host");
      if (host.isEmpty()) {
        problem("web.host", "is empty: use 0.0.0.0 to listen on every interface, or 127.0.0.1");
      }
      int port = integer("web.port", 0, 65535);
      boolean metricsEnabled = bool("web.metrics-enabled");
      String metricsToken = raw("web.metrics-token");
      if (!metricsToken.isEmpty() && metricsToken.length() < 16) {
        problem(
            "web.metrics-token",
            "is too short: use at least 16 random characters (e.g. openssl rand -hex 24), or leave"
                + " it empty to serve /metrics without a token");
      }
      Store store = store();
      int totalTtl = integer("likes.total-cache-seconds", 0, 86_400);
      int workers = integer("bot.worker-threads", 1, 64);
      int queue = integer("bot.worker-queue", 1, 100_000);
      Limit limit = limit();
      Log log = log();

      if (!problems.isEmpty()) {
        throw new ConfigException(problems);
      }
      return new BotConfig(
          new Discord(token, discordApi, gateway, guild, applicationId, shardTotal, shardIds),
          new Spotify(
              clientId, clientSecret, redirect, accounts, api, Duration.ofSeconds(timeoutSeconds)),
          new Web(
              host,
              port,
              redirect.getPath(),
              metricsEnabled,
              metricsToken.isEmpty() ? Optional.empty() : Optional.of(new Secret(metricsToken))),
          store,
          new Likes(Duration.ofSeconds(totalTtl), workers, queue, limit),
          log);
    }

    /**
     * The per-member limit. The old {@code likes.cooldown-seconds=N} (one use every N s) still
     * works, with a warning, as a refill of one use every N s (0: off), unless a new key is set.
     */
    private Limit limit() {
      int burst = integer("likes.limit-burst", 0, 1_000);
      int perMinute = integer("likes.limit-per-minute", 1, 6_000);
      int maxWait = integer("likes.limit-max-wait-seconds", 0, 60);
      Limit limit =
          new Limit(burst, Duration.ofMinutes(1).dividedBy(perMinute), Duration.ofSeconds(maxWait));
      String old = "likes.cooldown-seconds";
      if (raw(old).isEmpty()) {
        return limit;
      }
      String newKeys = "likes.limit-burst, likes.limit-per-minute and likes.limit-max-wait-seconds";
      if (given("likes.limit-burst")
          || given("likes.limit-per-minute")
          || given("likes.limit-max-wait-seconds")) {
        LOG.warn("{} is deprecated and ignored since {} are set: remove it", old, newKeys);
        return limit;
      }
      int cooldown = integer(old, 0, 3_600);
      LOG.warn(
          "{} (env {}) is deprecated: read as {}; set {} instead (see bot.properties.example)",
          old,
          envName(old),
          cooldown == 0
              ? "no limit (likes.limit-burst=0)"
              : "a burst of " + burst + " then one command every " + cooldown + " s",
          newKeys);
      return cooldown == 0
          ? new Limit(0, limit.refillEvery(), limit.maxWait())
          : new Limit(burst, Duration.ofSeconds(cooldown), limit.maxWait());
    }

    /** Whether the operator set {@code key}, in the environment or the file. */
    private boolean given(String key) {
      return env.get(envName(key)) != null || props.getProperty(key) != null;
    }

    /** Empty means every shard; else ids and ranges such as {@code 0-3,8}. */
    private List<Integer> shardIds(int total) {
      String key = "discord.shard-ids";
      String text = raw(key);
      if (text.isEmpty()) {
        return java.util.stream.IntStream.range(0, total).boxed().toList();
      }
      Set<Integer> ids = new TreeSet<>();
      for (String part : text.split(",")) {
        Matcher m = SHARD_RANGE.matcher(part.strip());
        if (!m.matches()) {
          problem(
              key,
              "has '"
                  + part.strip()
                  + "': use shard numbers and ranges such as 0-1 or 0,2, or leave it empty for"
                  + " all shards");
          continue;
        }
        int from = Integer.parseInt(m.group(1));
        int to = m.group(2) == null ? from : Integer.parseInt(m.group(2));
        if (to < from || to >= total) {
          problem(
              key,
              "has '"
                  + part.strip()
                  + "': shards are numbered 0 to "
                  + (total - 1)
                  + " for discord.shard-total="
                  + total
                  + "; use ids in that range or raise discord.shard-total");
          continue;
        }
        for (int id = from; id <= to; id++) {
          ids.add(id);
        }
      }
      return List.copyOf(ids);
    }

    private Store store() {
      String url = raw("store.url");
      if (!url.startsWith(SQLITE_PREFIX) && !url.startsWith(POSTGRES_PREFIX)) {
        problem(
            "store.url",
            "must be a SQLite JDBC URL such as jdbc:sqlite:likes-bot.db, or a PostgreSQL one such"
                + " as jdbc:postgresql://db.example.org:5432/likesbot");
      }
      String password = raw("store.password");
      String key = raw("store.encryption-key");
      if (!key.isEmpty() && !isAesKey(key)) {
        // Never echo the value: it is a secret even when malformed.
        problem(
            "store.encryption-key",
            "is not base64 of 32 bytes: leave it empty to use the key file, or generate one with"
                + " 'openssl rand -base64 32'");
      }
      String keyFile = raw("store.key-file");
      return new Store(
          url,
          raw("store.user"),
          password.isEmpty() ? Optional.empty() : Optional.of(new Secret(password)),
          key.isEmpty() ? Optional.empty() : Optional.of(new Secret(key)),
          keyFile.isEmpty() ? defaultKeyFile(url) : Path.of(keyFile));
    }

    private static boolean isAesKey(String base64) {
      try {
        return Base64.getDecoder().decode(base64).length == 32;
      } catch (IllegalArgumentException e) {
        return false;
      }
    }

    /** Beside the SQLite database; for PostgreSQL (or an in-memory database) the working dir. */
    private static Path defaultKeyFile(String url) {
      if (url.startsWith(SQLITE_PREFIX)) {
        String file = url.substring(SQLITE_PREFIX.length());
        file = file.startsWith("file:") ? file.substring("file:".length()) : file;
        int query = file.indexOf('?');
        file = query >= 0 ? file.substring(0, query) : file;
        if (!file.isEmpty() && !file.startsWith(":memory:")) {
          Path parent = Path.of(file).getParent();
          return parent == null ? Path.of(KEY_FILE_NAME) : parent.resolve(KEY_FILE_NAME);
        }
      }
      return Path.of(KEY_FILE_NAME);
    }

    private OptionalLong snowflake(String key, String what) {
      String text = raw(key);
      if (text.isEmpty()) {
        return OptionalLong.empty();
      }
      if (SNOWFLAKE.matcher(text).matches()) {
        return OptionalLong.of(Long.parseUnsignedLong(text));
      }
      problem(
          key,
          "'"
              + text
              + "' is not "
              + what
              + ": leave it empty, or copy the Application ID from the Discord Developer Portal"
              + " (your application → General Information)");
      return OptionalLong.empty();
    }

    private boolean bool(String key) {
      String value = raw(key).toLowerCase(Locale.ROOT);
      if (!value.equals("true") && !value.equals("false")) {
        problem(key, "is '" + raw(key) + "': use true or false");
      }
      return !value.equals("false");
    }

    private Log log() {
      String format = raw("log.format").toLowerCase(Locale.ROOT);
      if (!format.equals("text") && !format.equals("json")) {
        problem(
            "log.format",
            "is '"
                + raw("log.format")
                + "': use text (readable lines) or json (one JSON object per line)");
      }
      String root = level("log.level", raw("log.level"));
      Map<String, String> levels = new LinkedHashMap<>();
      String list = raw("log.levels");
      if (!list.isEmpty()) {
        for (String entry : list.split(",")) {
          String[] parts = entry.strip().split("=", -1);
          if (parts.length != 2
              || !LOGGER_NAME.matcher(parts[0].strip()).matches()
              || parts[1].isBlank()) {
            problem(
                "log.levels",
                "has '"
                    + entry.strip()
                    + "': use comma-separated package=LEVEL pairs such as"
                    + " dev.likesbot=DEBUG,org.eclipse.jetty=INFO");
            continue;
          }
          String logger = parts[0].strip();
          String level = level("log.levels", parts[1]);
          if ((logger.equals("se") || logger.startsWith("se.michaelthelin"))
              && List.of("TRACE", "DEBUG", "INFO").contains(level)) {
            problem(
                "log.levels",
                "sets "
                    + logger
                    + "="
                    + level
                    + ": the Spotify library logs access tokens below WARN, so it stays at WARN;"
                    + " remove that entry");
            continue;
          }
          levels.put(logger, level);
        }
      }
      return new Log(format.equals("json"), root, Map.copyOf(levels));
    }

    private String level(String key, String value) {
      String level = value.strip().toUpperCase(Locale.ROOT);
      if (!LEVELS.contains(level)) {
        problem(
            key,
            "has level '" + value.strip() + "': use one of TRACE, DEBUG, INFO, WARN, ERROR, OFF");
        return "INFO";
      }
      return level;
    }

    private String raw(String key) {
      String value = env.get(envName(key));
      if (value == null) {
        value = props.getProperty(key);
      }
      if (value == null) {
        value = DEFAULTS.get(key);
      }
      return value == null ? "" : value.strip();
    }

    private void problem(String key, String text) {
      problems.add(key + " (env " + envName(key) + ") " + text);
    }

    private String required(String key, String what) {
      String value = raw(key);
      if (value.isEmpty()) {
        problem(key, "is missing: set it to " + what);
      }
      return value;
    }

    private Secret secret(String key, String what) {
      String value = required(key, what);
      return value.isEmpty() ? null : new Secret(value);
    }

    private int integer(String key, int min, int max) {
      String value = raw(key);
      try {
        int n = Integer.parseInt(value);
        if (n >= min && n <= max) {
          return n;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      problem(key, "is '" + value + "': use a whole number from " + min + " to " + max);
      return min;
    }

    private URI url(String key, String... schemes) {
      String value = raw(key);
      URI uri = parseAbsolute(value);
      if (uri == null || !List.of(schemes).contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
        problem(
            key,
            "is '"
                + value
                + "': use an absolute "
                + String.join(" or ", schemes)
                + " URL such as "
                + DEFAULTS.get(key));
      }
      return uri;
    }

    private URI redirectUri() {
      String key = "spotify.redirect-uri";
      String value =
          required(
              key,
              "the public URL of this bot's callback, e.g. http://127.0.0.1:8080/callback, registered as a Redirect URI of your Spotify app");
      if (value.isEmpty()) {
        return null;
      }
      URI uri = parseAbsolute(value);
      if (uri == null
          || !(uri.getScheme().equalsIgnoreCase("http")
              || uri.getScheme().equalsIgnoreCase("https"))
          || uri.getPath() == null
          || uri.getPath().length() < 2
          || uri.getQuery() != null
          || uri.getFragment() != null) {
        problem(
            key,
            "is '"
                + value
                + "': use an absolute http(s) URL with a path and no query, such as"
                + " http://127.0.0.1:8080/callback, exactly as registered in your Spotify app");
        return null;
      }
      if (Web.reserved(uri.normalize().getPath())) {
        problem(
            key,
            "has the path "
                + uri.getPath()
                + ", which the bot's web server answers itself (it serves "
                + String.join(", ", Web.OWN_PATHS)
                + " and the login pages under "
                + Web.LOGIN_PATH
                + "/): use another path such as /callback, here and as the Redirect URI of your"
                + " Spotify app");
        return null;
      }
      return uri;
    }

    private static URI parseAbsolute(String value) {
      try {
        URI uri = new URI(value);
        return uri.isAbsolute() && uri.getHost() != null ? uri : null;
      } catch (URISyntaxException e) {
        return null;
      }
    }
  }
}
