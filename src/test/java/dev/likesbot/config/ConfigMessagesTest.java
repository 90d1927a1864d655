package dev.likesbot.config;

import static dev.likesbot.config.ConfigFixture.required;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Level;
import dev.likesbot.testing.LogCapture;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole text an operator reads, word for word: every bad key in one message, in the order of
 * bot.properties.example, each with its environment variable and its fix; secrets masked.
 */
class ConfigMessagesTest {
  @TempDir Path dir;

  private BotConfig load(String properties, Map<String, String> env) throws IOException {
    return ConfigFixture.load(dir, properties, env);
  }

  @Test
  void everyBadKeyIsNamedWithItsVariableAndItsFixInOneMessageInTheExamplesOrder() {
    Map<String, String> env = new HashMap<>();
    env.put("DISCORD_TOKEN", "has space");
    env.put("DISCORD_APPLICATION_ID", "my app");
    env.put("DISCORD_API_BASE_URL", "ftp://discord.com/api");
    env.put("DISCORD_GATEWAY_URL", "https://gateway.discord.gg/");
    env.put("DISCORD_GUILD_ID", "12");
    env.put("DISCORD_SHARD_TOTAL", "2");
    env.put("DISCORD_SHARD_IDS", "1-2, x ,0");
    env.put("SPOTIFY_REDIRECT_URI", "https://bot.example.org/login/cb");
    env.put("SPOTIFY_ACCOUNTS_BASE_URL", "accounts.spotify.com");
    env.put("SPOTIFY_API_BASE_URL", "");
    env.put("SPOTIFY_REQUEST_TIMEOUT_SECONDS", "0");
    env.put("WEB_HOST", " ");
    env.put("WEB_PORT", "65536");
    env.put("WEB_METRICS_ENABLED", "yes");
    env.put("WEB_METRICS_TOKEN", "short");
    env.put("STORE_URL", "jdbc:mysql://db?password=pw");
    env.put("STORE_ENCRYPTION_KEY", "not-a-key");
    env.put("LIKES_TOTAL_CACHE_SECONDS", "-1");
    env.put("BOT_WORKER_THREADS", "65");
    env.put("BOT_WORKER_QUEUE", "1e3");
    env.put("LIKES_LIMIT_BURST", "1001");
    env.put("LIKES_LIMIT_PER_MINUTE", "6001");
    env.put("LIKES_LIMIT_MAX_WAIT_SECONDS", "61");
    env.put("LIKES_COOLDOWN_SECONDS", "5");
    env.put("LOG_FORMAT", "xml");
    env.put("LOG_LEVEL", "loud");
    env.put(
        "LOG_LEVELS",
        "a=b=c, 1x=INFO, se=DEBUG, se.michaelthelin.spotify=INFO, ok=quiet, fine=warn");

    ConfigException e =
        catchThrowableOfType(
            () -> load("spotify.clientid=x\nweird=1\n", env), ConfigException.class);

    assertThat(e.getMessage().replace(dir.toString(), "DIR"))
        .isEqualTo(
"""
The configuration has 34 problems:
  - unknown key 'spotify.clientid' in DIR/bot.properties: remove it or fix its spelling (did you mean spotify.client-id?)
  - unknown key 'weird' in DIR/bot.properties: remove it or fix its spelling (known keys are listed in bot.properties.example)
  - discord.token (env DISCORD_TOKEN) contains white space: paste the token exactly as Discord shows it
  - discord.application-id (env DISCORD_APPLICATION_ID) 'my app' is not an application id: leave it empty, or copy the Application ID from the Discord Developer Portal (your application → General Information)
  - discord.api-base-url (env DISCORD_API_BASE_URL) is 'ftp://discord.com/api': use an absolute http or https URL such as https://discord.com/api/v10/
  - discord.gateway-url (env DISCORD_GATEWAY_URL) is 'https://gateway.discord.gg/': use an absolute ws or wss URL such as wss://gateway.discord.gg/
  - discord.guild-id (env DISCORD_GUILD_ID) '12' is not a server id: leave it empty, or right-click the server in Discord (Developer Mode on) → Copy Server ID
  - discord.shard-ids (env DISCORD_SHARD_IDS) has '1-2': shards are numbered 0 to 1 for discord.shard-total=2; use ids in that range or raise discord.shard-total
  - discord.shard-ids (env DISCORD_SHARD_IDS) has 'x': use shard numbers and ranges such as 0-1 or 0,2, or leave it empty for all shards
  - spotify.client-id (env SPOTIFY_CLIENT_ID) is missing: set it to the Client ID of your app at https://developer.spotify.com/dashboard
  - spotify.client-secret (env SPOTIFY_CLIENT_SECRET) is missing: set it to the Client secret of your app at https://developer.spotify.com/dashboard
  - spotify.redirect-uri (env SPOTIFY_REDIRECT_URI) has the path /login/cb, which the bot's web server answers itself (it serves /healthz, /readyz, /metrics and the login pages under /login/): use another path such as /callback, here and as the Redirect URI of your Spotify app
  - spotify.accounts-base-url (env SPOTIFY_ACCOUNTS_BASE_URL) is 'accounts.spotify.com': use an absolute http or https URL such as https://accounts.spotify.com
  - spotify.api-base-url (env SPOTIFY_API_BASE_URL) is '': use an absolute http or https URL such as https://api.spotify.com
  - spotify.request-timeout-seconds (env SPOTIFY_REQUEST_TIMEOUT_SECONDS) is '0': use a whole number from 1 to 120
  - web.host (env WEB_HOST) is empty: use 0.0.0.0 to listen on every interface, or 127.0.0.1
  - web.port (env WEB_PORT) is '65536': use a whole number from 0 to 65535
  - web.metrics-enabled (env WEB_METRICS_ENABLED) is 'yes': use true or false
  - web.metrics-token (env WEB_METRICS_TOKEN) is too short: use at least 16 random characters (e.g. openssl rand -hex 24), or leave it empty to serve /metrics without a token
  - store.url (env STORE_URL) must be a SQLite JDBC URL such as jdbc:sqlite:likes-bot.db, or a PostgreSQL one such as jdbc:postgresql://db.example.org:5432/likesbot
  - store.encryption-key (env STORE_ENCRYPTION_KEY) is not base64 of 32 bytes: leave it empty to use the key file, or generate one with 'openssl rand -base64 32'
  - likes.total-cache-seconds (env LIKES_TOTAL_CACHE_SECONDS) is '-1': use a whole number from 0 to 86400
  - bot.worker-threads (env BOT_WORKER_THREADS) is '65': use a whole number from 1 to 64
  - bot.worker-queue (env BOT_WORKER_QUEUE) is '1e3': use a whole number from 1 to 100000
  - likes.limit-burst (env LIKES_LIMIT_BURST) is '1001': use a whole number from 0 to 1000
  - likes.limit-per-minute (env LIKES_LIMIT_PER_MINUTE) is '6001': use a whole number from 1 to 6000
  - likes.limit-max-wait-seconds (env LIKES_LIMIT_MAX_WAIT_SECONDS) is '61': use a whole number from 0 to 60
  - log.format (env LOG_FORMAT) is 'xml': use text (readable lines) or json (one JSON object per line)
  - log.level (env LOG_LEVEL) has level 'loud': use one of TRACE, DEBUG, INFO, WARN, ERROR, OFF
  - log.levels (env LOG_LEVELS) has 'a=b=c': use comma-separated package=LEVEL pairs such as dev.likesbot=DEBUG,org.eclipse.jetty=INFO
  - log.levels (env LOG_LEVELS) has '1x=INFO': use comma-separated package=LEVEL pairs such as dev.likesbot=DEBUG,org.eclipse.jetty=INFO
  - log.levels (env LOG_LEVELS) sets se=DEBUG: the Spotify library logs access tokens below WARN, so it stays at WARN; remove that entry
  - log.levels (env LOG_LEVELS) sets se.michaelthelin.spotify=INFO: the Spotify library logs access tokens below WARN, so it stays at WARN; remove that entry
  - log.levels (env LOG_LEVELS) has level 'quiet': use one of TRACE, DEBUG, INFO, WARN, ERROR, OFF""");
  }

  @Test
  void anOldCooldownIsReadWithOneWarningFromTheConfigLogger() throws IOException {
    Map<String, String> env = required();
    env.put("LIKES_COOLDOWN_SECONDS", "7");

    try (LogCapture logs = LogCapture.at(Level.INFO)) {
      load("", env);

      assertThat(logs.lines())
          .containsExactly(
              "WARN dev.likesbot.config.BotConfig likes.cooldown-seconds (env"
                  + " LIKES_COOLDOWN_SECONDS) is deprecated: read as a burst of 10 then one command"
                  + " every 7 s; set likes.limit-burst, likes.limit-per-minute and"
                  + " likes.limit-max-wait-seconds instead (see bot.properties.example)");
    }
  }

  @Test
  void aFullConfigurationShowsEveryValueButTheSecrets() throws IOException {
    Map<String, String> env = required();
    env.put("SPOTIFY_CLIENT_ID", "id");
    env.put("SPOTIFY_REDIRECT_URI", "https://bot.example.org/spotify/callback");
    env.put("DISCORD_GUILD_ID", "123456789012345678");
    env.put("DISCORD_APPLICATION_ID", "223456789012345678");
    env.put("DISCORD_SHARD_TOTAL", "4");
    env.put("DISCORD_SHARD_IDS", "3,0-1");
    env.put("WEB_METRICS_ENABLED", "FALSE");
    env.put("WEB_METRICS_TOKEN", "0123456789abcdef");
    env.put("STORE_URL", "jdbc:postgresql://db/x?password=pw");
    env.put("STORE_USER", "u");
    env.put("STORE_PASSWORD", "p");
    env.put("STORE_ENCRYPTION_KEY", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
    env.put("STORE_KEY_FILE", "/k/key");
    env.put("LOG_FORMAT", "json");
    env.put("LOG_LEVELS", "dev.likesbot=debug");

    BotConfig config = load("likes.cooldown-seconds=3\nlikes.limit-burst=2\n", env);

    assertThat(config.toString())
        .isEqualTo(
            "BotConfig[discord=Discord[token=****, apiBaseUrl=https://discord.com/api/v10/, gatewayUrl=wss://gateway.discord.gg/, guildId=OptionalLong[123456789012345678], applicationId=OptionalLong[223456789012345678], shardTotal=4, shardIds=[0, 1, 3], ownerId=OptionalLong.empty], spotify=Spotify[clientId=id, clientSecret=****, redirectUri=https://bot.example.org/spotify/callback, accountsBaseUrl=https://accounts.spotify.com, apiBaseUrl=https://api.spotify.com, requestTimeout=PT10S], web=Web[host=0.0.0.0, port=8080, callbackPath=/spotify/callback, metricsEnabled=false, metricsToken=Optional[****]], store=Store[url=jdbc:postgresql://db/x?password=****, user=u, password=Optional[****], encryptionKey=Optional[****], keyFile=/k/key], likes=Likes[totalCacheTtl=PT1M, workerThreads=24, workerQueue=500, limit=Limit[burst=2, refillEvery=PT1S, maxWait=PT10S]], log=Log[json=true, rootLevel=INFO, levels={dev.likesbot=DEBUG}], library=Library[requestsPerSecond=10, burst=250, maxConcurrentPages=16, readsPerHour=10, snapshotBudgetBytes=16777216]]");
  }
}
