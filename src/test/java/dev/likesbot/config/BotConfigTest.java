package dev.likesbot.config;

import static dev.likesbot.config.ConfigFixture.rejected;
import static dev.likesbot.config.ConfigFixture.required;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BotConfigTest {
  @TempDir Path dir;

  private BotConfig load(String properties, Map<String, String> env) throws IOException {
    return ConfigFixture.load(dir, properties, env);
  }

  @Test
  void appliesTheDocumentedDefaults() throws IOException {
    BotConfig config = load("", required());

    assertThat(config.discord().apiBaseUrl()).isEqualTo(URI.create("https://discord.com/api/v10/"));
    assertThat(config.discord().gatewayUrl()).isEqualTo(URI.create("wss://gateway.discord.gg/"));
    assertThat(config.discord().guildId()).isEmpty();
    assertThat(config.spotify().accountsBaseUrl())
        .isEqualTo(URI.create("https://accounts.spotify.com"));
    assertThat(config.spotify().apiBaseUrl()).isEqualTo(URI.create("https://api.spotify.com"));
    assertThat(config.web().host()).isEqualTo("0.0.0.0");
    assertThat(config.web().port()).isEqualTo(8080);
    assertThat(config.web().callbackPath()).isEqualTo("/callback");
    assertThat(config.store().url()).isEqualTo("jdbc:sqlite:likes-bot.db");
  }

  @Test
  void environmentOverridesTheFile() throws IOException {
    Map<String, String> env = required();
    env.put("WEB_PORT", "9090");
    env.put("DISCORD_GUILD_ID", "123456789012345678");

    BotConfig config = load("web.port=7070\nspotify.client-id=from-file\n", env);

    assertThat(config.web().port()).isEqualTo(9090);
    assertThat(config.spotify().clientId()).isEqualTo("client-id");
    assertThat(config.discord().guildId()).hasValue(123456789012345678L);
  }

  @Test
  void readsEveryKeyFromTheFile() throws IOException {
    BotConfig config =
        load(
            """
            discord.token=abc.def
            spotify.client-id=id
            spotify.client-secret=secret
            spotify.redirect-uri=https://bot.example.org/spotify/callback
            likes.total-cache-seconds=30
            """,
            Map.of());

    assertThat(config.spotify().redirectUri().getHost()).isEqualTo("bot.example.org");
    assertThat(config.web().callbackPath()).isEqualTo("/spotify/callback");
    assertThat(config.likes().totalCacheTtl()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void listsEveryMissingKeyWithItsFixInOneMessage() {
    assertThatThrownBy(() -> load("", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("4 problems")
        .hasMessageContaining("discord.token (env DISCORD_TOKEN) is missing")
        .hasMessageContaining("spotify.client-id (env SPOTIFY_CLIENT_ID) is missing")
        .hasMessageContaining("spotify.client-secret (env SPOTIFY_CLIENT_SECRET) is missing")
        .hasMessageContaining("spotify.redirect-uri (env SPOTIFY_REDIRECT_URI) is missing")
        .hasMessageContaining("developer.spotify.com/dashboard");
  }

  @Test
  void namesInvalidValuesAndTheirFix() {
    Map<String, String> env = required();
    env.put("WEB_PORT", "eighty");
    env.put("SPOTIFY_REDIRECT_URI", "localhost:8080");
    env.put("DISCORD_GUILD_ID", "my server");
    env.put("STORE_URL", "jdbc:mysql://db");

    assertThat(rejected(dir, env).problems())
        .hasSize(4)
        .anySatisfy(p -> assertThat(p).startsWith("web.port").contains("0 to 65535"))
        .anySatisfy(p -> assertThat(p).startsWith("spotify.redirect-uri").contains("absolute"))
        .anySatisfy(p -> assertThat(p).startsWith("discord.guild-id").contains("Copy Server ID"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("store.url")
                    .contains("jdbc:sqlite:")
                    .contains("jdbc:postgresql:"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1:8080/healthz",
        "http://127.0.0.1:8080/readyz/",
        "https://bot.example.org/metrics",
        "https://bot.example.org/login",
        "https://bot.example.org/login/callback",
        "https://bot.example.org/spotify/../healthz",
        // Javalin matches a route by its non-empty segments: these would answer /metrics etc.
        "https://bot.example.org/metrics/",
        "https://bot.example.org/metrics//",
        "https://bot.example.org//metrics",
        "https://bot.example.org//healthz//",
        "https://bot.example.org//login"
      })
  void aRedirectPathTheWebServerAnswersItselfIsNamedWithItsFix(String redirect) {
    Map<String, String> env = required();
    env.put("SPOTIFY_REDIRECT_URI", redirect);
    env.put("WEB_PORT", "eighty"); // every bad key in one message

    assertThat(rejected(dir, env).problems())
        .hasSize(2)
        .anySatisfy(p -> assertThat(p).startsWith("web.port"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("spotify.redirect-uri (env SPOTIFY_REDIRECT_URI) has")
                    .contains("which the bot's web server answers itself")
                    .contains("/healthz, /readyz, /metrics")
                    .contains("/login/")
                    .contains("use another path such as /callback"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"/callback", "/healthz-callback", "/spotify/metrics", "/loginx", "/x/login"})
  void aRedirectPathBesideTheServersOwnIsAccepted(String path) throws IOException {
    Map<String, String> env = required();
    env.put("SPOTIFY_REDIRECT_URI", "https://bot.example.org" + path);

    assertThat(load("", env).web().callbackPath()).isEqualTo(path);
  }

  @Test
  void theKeyFileSitsBesideTheSqliteDatabaseByDefault() throws IOException {
    Map<String, String> env = required();
    env.put("STORE_URL", "jdbc:sqlite:/var/lib/likes-bot/links.db");

    BotConfig.Store store = load("", env).store();

    assertThat(store.keyFile()).isEqualTo(Path.of("/var/lib/likes-bot/likes-bot.key"));
    assertThat(store.encryptionKey()).isEmpty();
    assertThat(store.postgres()).isFalse();
    assertThat(load("", required()).store().keyFile()).isEqualTo(Path.of("likes-bot.key"));
  }

  @Test
  void acceptsPostgresWithItsCredentialsAndKeepsThePasswordMasked() throws IOException {
    Map<String, String> env = required();
    env.put("STORE_URL", "jdbc:postgresql://db.example.org:5432/likesbot?password=in-url-pw");
    env.put("STORE_USER", "likesbot");
    env.put("STORE_PASSWORD", "pg-password-value");
    env.put("STORE_ENCRYPTION_KEY", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");

    BotConfig.Store store = load("", env).store();

    assertThat(store.postgres()).isTrue();
    assertThat(store.user()).isEqualTo("likesbot");
    assertThat(store.password())
        .hasValueSatisfying(p -> assertThat(p.reveal()).isEqualTo("pg-password-value"));
    assertThat(store.keyFile()).isEqualTo(Path.of("likes-bot.key"));
    assertThat(store.toString())
        .contains("db.example.org:5432/likesbot?password=****")
        .doesNotContain("in-url-pw")
        .doesNotContain("pg-password-value")
        .doesNotContain("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
  }

  @Test
  void aMalformedEncryptionKeyIsNamedWithoutEchoingIt() {
    Map<String, String> env = required();
    env.put("STORE_ENCRYPTION_KEY", "too-short-secret");

    assertThatThrownBy(() -> load("", env))
        .hasMessageContaining("store.encryption-key (env STORE_ENCRYPTION_KEY)")
        .hasMessageContaining("base64 of 32 bytes")
        .hasMessageContaining("openssl rand -base64 32")
        .hasMessageNotContaining("too-short-secret");
  }

  @Test
  void rejectsAMisspelledKeyAndSuggestsTheRightOne() {
    assertThatThrownBy(() -> load("spotify.clientid=x\n", required()))
        .hasMessageContaining("unknown key 'spotify.clientid'")
        .hasMessageContaining("did you mean spotify.client-id?");
  }

  @Test
  void aNamedFileThatDoesNotExistIsAProblem() {
    assertThatThrownBy(() -> BotConfig.load(dir.resolve("nope.properties"), true, required()))
        .hasMessageContaining("nope.properties does not exist")
        .hasMessageContaining("bot.properties.example");
  }

  @Test
  void theDefaultFileMayBeAbsentWhenTheEnvironmentHasEverything() {
    BotConfig config = BotConfig.load(dir.resolve("bot.properties"), false, required());

    assertThat(config.spotify().clientId()).isEqualTo("client-id");
  }

  @Test
  void neverShowsSecretsInToString() throws IOException {
    BotConfig config = load("", required());

    assertThat(config.toString())
        .doesNotContain("discord-secret-token")
        .doesNotContain("client-secret-value")
        .contains("****");
  }

  @Test
  void neverEchoesATokenItRejects() {
    Map<String, String> env = required();
    env.put("DISCORD_TOKEN", "has space-secret");

    assertThatThrownBy(() -> load("", env))
        .hasMessageContaining("discord.token")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("space-secret"));
  }

  @Test
  void envNameFollowsTheDocumentedRule() {
    assertThat(BotConfig.envName("spotify.client-secret")).isEqualTo("SPOTIFY_CLIENT_SECRET");
    assertThat(BotConfig.envName("discord.api-base-url")).isEqualTo("DISCORD_API_BASE_URL");
  }

  @Test
  void operationsKeysHaveQuietDefaults() throws IOException {
    BotConfig config = load("", required());

    assertThat(config.discord().applicationId()).isEmpty();
    assertThat(config.web().metricsEnabled()).isTrue();
    assertThat(config.web().metricsToken()).isEmpty();
    assertThat(config.log().json()).isFalse();
    assertThat(config.log().rootLevel()).isEqualTo("INFO");
    assertThat(config.log().levels()).isEmpty();
  }

  @Test
  void readsLogLevelsPerPackageAndTheJsonFormat() throws IOException {
    BotConfig config =
        load(
            "log.format=JSON\nlog.level=warn\nlog.levels=dev.likesbot=DEBUG, org.eclipse.jetty=info\n",
            required());

    assertThat(config.log().json()).isTrue();
    assertThat(config.log().rootLevel()).isEqualTo("WARN");
    assertThat(config.log().levels())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("dev.likesbot", "DEBUG", "org.eclipse.jetty", "INFO"));
  }

  @Test
  void namesBadOperationsValuesAndTheirFix() {
    Map<String, String> env = required();
    env.put("LOG_FORMAT", "xml");
    env.put("LOG_LEVELS", "dev.likesbot=LOUD,jetty");
    env.put("WEB_METRICS_ENABLED", "yes");
    env.put("WEB_METRICS_TOKEN", "short-secret");
    env.put("DISCORD_APPLICATION_ID", "my app");

    ConfigException e = rejected(dir, env);

    assertThat(e.problems())
        .hasSize(6)
        .anySatisfy(p -> assertThat(p).startsWith("log.format").contains("json"))
        .anySatisfy(p -> assertThat(p).startsWith("log.levels").contains("'LOUD'"))
        .anySatisfy(p -> assertThat(p).startsWith("log.levels").contains("package=LEVEL"))
        .anySatisfy(p -> assertThat(p).startsWith("web.metrics-enabled").contains("true or"))
        .anySatisfy(p -> assertThat(p).startsWith("web.metrics-token").contains("at least 16"))
        .anySatisfy(p -> assertThat(p).startsWith("discord.application-id").contains("my app"));
    assertThat(e.getMessage()).doesNotContain("short-secret");
  }

  @Test
  void refusesVerboseLevelsForTheSpotifyLibraryBecauseItLogsTokens() {
    Map<String, String> env = required();
    env.put("LOG_LEVELS", "se.michaelthelin.spotify=DEBUG");

    assertThatThrownBy(() -> load("", env))
        .hasMessageContaining("log.levels (env LOG_LEVELS) sets se.michaelthelin.spotify=DEBUG")
        .hasMessageContaining("logs access tokens below WARN");
  }

  @Test
  void theMetricsTokenIsASecret() throws IOException {
    Map<String, String> env = required();
    env.put("WEB_METRICS_TOKEN", "metrics-token-0123456789");

    BotConfig config = load("", env);

    assertThat(config.web().metricsToken())
        .hasValueSatisfying(t -> assertThat(t.reveal()).isEqualTo("metrics-token-0123456789"));
    assertThat(config.toString()).doesNotContain("metrics-token-0123456789");
  }

  @Test
  void runsEveryShardOfOneByDefault() throws IOException {
    BotConfig config = load("", required());

    assertThat(config.discord().shardTotal()).isEqualTo(1);
    assertThat(config.discord().shardIds()).containsExactly(0);
  }

  @Test
  void readsShardRangesAndListsAndDefaultsToAllShards() throws IOException {
    Map<String, String> env = required();
    env.put("DISCORD_SHARD_TOTAL", "4");

    assertThat(load("", env).discord().shardIds()).containsExactly(0, 1, 2, 3);
    env.put("DISCORD_SHARD_IDS", "3, 0-1");
    assertThat(load("", env).discord().shardIds()).containsExactly(0, 1, 3);
  }

  @Test
  void namesShardIdsOutsideTheTotalAndTheFix() {
    Map<String, String> env = required();
    env.put("DISCORD_SHARD_TOTAL", "2");
    env.put("DISCORD_SHARD_IDS", "1-2,x");

    assertThat(rejected(dir, env).problems())
        .hasSize(2)
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("discord.shard-ids (env DISCORD_SHARD_IDS) has '1-2'")
                    .contains("0 to 1")
                    .contains("raise discord.shard-total"))
        .anySatisfy(p -> assertThat(p).startsWith("discord.shard-ids").contains("'x'"));
  }

  @Test
  void aShardTotalBelowOneIsNamed() {
    Map<String, String> env = required();
    env.put("DISCORD_SHARD_TOTAL", "0");

    assertThatThrownBy(() -> load("", env))
        .hasMessageContaining("discord.shard-total (env DISCORD_SHARD_TOTAL) is '0'");
  }

  @Test
  void placesAGuildOnItsShardLikeDiscord() throws IOException {
    Map<String, String> env = required();
    env.put("DISCORD_SHARD_TOTAL", "2");

    BotConfig.Discord discord = load("", env).discord();

    assertThat(discord.shardOf(0L)).isZero();
    assertThat(discord.shardOf(1L << 22)).isEqualTo(1);
    assertThat(discord.shardOf(3L << 22)).isEqualTo(1);
  }
}
