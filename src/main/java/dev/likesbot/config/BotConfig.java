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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The whole configuration, read from {@code bot.properties} with every key overridable by an
 * environment variable ({@code spotify.client-secret} becomes {@code SPOTIFY_CLIENT_SECRET}).
 */
public record BotConfig(Discord discord, Spotify spotify, Web web, Store store, Likes likes) {

  public record Discord(Secret token, URI apiBaseUrl, URI gatewayUrl, OptionalLong guildId) {}

  public record Spotify(
      String clientId,
      Secret clientSecret,
      URI redirectUri,
      URI accountsBaseUrl,
      URI apiBaseUrl,
      Duration requestTimeout) {}

  /** The callback web server; its callback path is the path of {@code spotify.redirect-uri}. */
  public record Web(String host, int port, String callbackPath) {}

  public record Store(String url) {}

  public record Likes(
      Duration totalCacheTtl, int workerThreads, int workerQueue, Duration cooldown) {}

  /** Every key the bot reads, with its default ({@code null} when it is required). */
  static final Map<String, String> DEFAULTS = defaults();

  private static Map<String, String> defaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("discord.token", null);
    d.put("discord.api-base-url", "https://discord.com/api/v10/");
    d.put("discord.gateway-url", "wss://gateway.discord.gg/");
    d.put("discord.guild-id", "");
    d.put("spotify.client-id", null);
    d.put("spotify.client-secret", null);
    d.put("spotify.redirect-uri", null);
    d.put("spotify.accounts-base-url", "https://accounts.spotify.com");
    d.put("spotify.api-base-url", "https://api.spotify.com");
    d.put("spotify.request-timeout-seconds", "10");
    d.put("web.host", "0.0.0.0");
    d.put("web.port", "8080");
    d.put("store.url", "jdbc:sqlite:likes-bot.db");
    d.put("likes.total-cache-seconds", "60");
    d.put("likes.cooldown-seconds", "2");
    d.put("bot.worker-threads", "8");
    d.put("bot.worker-queue", "500");
    return java.util.Collections.unmodifiableMap(d);
  }

  private static final Pattern SNOWFLAKE = Pattern.compile("\\d{15,21}");

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
      String storeUrl = raw("store.url");
      if (!storeUrl.startsWith("jdbc:sqlite:")) {
        problem("store.url", "must be a SQLite JDBC URL such as jdbc:sqlite:likes-bot.db");
      }
      int totalTtl = integer("likes.total-cache-seconds", 0, 86_400);
      int workers = integer("bot.worker-threads", 1, 64);
      int queue = integer("bot.worker-queue", 1, 100_000);
      int cooldown = integer("likes.cooldown-seconds", 0, 3_600);

      if (!problems.isEmpty()) {
        throw new ConfigException(problems);
      }
      return new BotConfig(
          new Discord(token, discordApi, gateway, guild),
          new Spotify(
              clientId, clientSecret, redirect, accounts, api, Duration.ofSeconds(timeoutSeconds)),
          new Web(host, port, redirect.getPath()),
          new Store(storeUrl),
          new Likes(Duration.ofSeconds(totalTtl), workers, queue, Duration.ofSeconds(cooldown)));
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
