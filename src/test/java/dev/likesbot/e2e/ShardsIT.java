package dev.likesbot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likesbot.fake.discord.FakeDiscord;
import dev.likesbot.fake.discord.FakeUser;
import dev.likesbot.fake.discord.Reply;
import dev.likesbot.fake.spotify.FakeSpotify;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two packaged bots, one per shard, against one fake Discord and one PostgreSQL database, the way
 * several instances run behind one callback URL: a link started on one process completes on the
 * other's web server, and both answer /likes for the shard they hold.
 */
class ShardsIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  /** {@code (id >> 22) % 2 == 1}: the guild's events go to shard 1, process B. */
  private static final long GUILD_ON_SHARD_1 = 1200000000000000001L;

  /** Both processes must decrypt what the other stored. */
  private static final String ENCRYPTION_KEY =
      Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

  @TempDir Path dir;
  private final List<Process> processes = new ArrayList<>();
  private FakeDiscord discord;
  private EmbeddedPostgres postgres;

  @BeforeEach
  void start() throws Exception {
    discord = FakeDiscord.start(FakeDiscord.Options.defaults().withGuild(GUILD_ON_SHARD_1));
    postgres = EmbeddedPostgres.builder().start();
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE likes_shards");
    }
  }

  @AfterEach
  void stop() throws Exception {
    for (Process p : processes) {
      p.destroy();
    }
    for (Process p : processes) {
      p.waitFor(15, TimeUnit.SECONDS);
    }
    discord.close();
    postgres.close();
  }

  @Test
  void aLinkStartedOnShardZeroCompletesOnTheOtherProcessAndBothShardsAnswer() throws Exception {
    int portA = BotHarness.freePort();
    int portB = BotHarness.freePort();
    // One public callback URL for every instance, as behind a load balancer.
    String redirect = BotHarness.redirectUri(portA);
    try (FakeSpotify spotify =
        FakeSpotify.start(BotHarness.CLIENT_ID, BotHarness.CLIENT_SECRET, redirect)) {
      spotify.addUser("grace-spotify", "Grace Hopper", 42);

      // One after the other, so the two do not race to migrate the new database.
      Path logA = launch("a", spotify, portA, redirect, "0");
      discord.awaitIdentified(0, TIMEOUT);
      discord.awaitCommandUpdates(1, TIMEOUT);
      Path logB = launch("b", spotify, portB, redirect, "1");
      discord.awaitIdentified(1, TIMEOUT);
      until(() -> Files.readString(logB).contains("likes-bot is running"), "process B to run");
      assertThat(get(portA, "/readyz").statusCode()).isEqualTo(200);
      assertThat(get(portB, "/readyz").statusCode()).isEqualTo(200);

      FakeUser grace = discord.user(320000000000000002L, "grace");
      URI callback = BotHarness.loginThroughDm(discord, spotify, grace, "grace-spotify");
      URI onB =
          URI.create(
              "http://127.0.0.1:" + portB + callback.getRawPath() + "?" + callback.getRawQuery());
      HttpResponse<String> page = BotHarness.get(onB);
      assertThat(page.statusCode()).as(page.body()).isEqualTo(200);

      Reply inDm = discord.slashCommand(grace, "likes", "count", Map.of()).awaitReply(TIMEOUT);
      Reply inGuild =
          discord
              .slashCommandInGuild(
                  grace, GUILD_ON_SHARD_1, discord.guildChannelId(), "likes", "count", Map.of())
              .awaitReply(TIMEOUT);

      assertThat(inDm.content()).isEqualTo("You have 42 liked songs.");
      assertThat(inGuild.content()).isEqualTo("You have 42 liked songs.");
      String a = Files.readString(logA, StandardCharsets.UTF_8);
      String b = Files.readString(logB, StandardCharsets.UTF_8);
      assertThat(b).contains("Global commands are registered by the process running shard 0");
      assertThat(discord.commandUpdateCount()).as("one bulk update, from shard 0").isEqualTo(1);
      assertThat(a + b)
          .doesNotContain(discord.botToken())
          .doesNotContain(BotHarness.CLIENT_SECRET)
          .doesNotContain(ENCRYPTION_KEY);
      assertThat(discord.failures()).isEmpty();
    }
  }

  private Path launch(String name, FakeSpotify spotify, int port, String redirect, String shards)
      throws IOException {
    Path home = Files.createDirectories(dir.resolve(name));
    Map<String, String> env = BotHarness.env(discord, spotify, port, home.resolve("unused.db"));
    env.put("SPOTIFY_REDIRECT_URI", redirect);
    env.put("STORE_URL", postgres.getJdbcUrl("postgres", "likes_shards"));
    env.put("STORE_USER", "postgres");
    env.put("STORE_ENCRYPTION_KEY", ENCRYPTION_KEY);
    env.put("DISCORD_SHARD_TOTAL", "2");
    env.put("DISCORD_SHARD_IDS", shards);
    Path log = home.resolve("out.log");
    processes.add(JarProcess.start(home, log, env));
    return log;
  }

  private static HttpResponse<String> get(int port, String path) throws Exception {
    return BotHarness.get(URI.create("http://127.0.0.1:" + port + path));
  }

  private interface Condition {
    boolean holds() throws Exception;
  }

  private static void until(Condition condition, String what) throws Exception {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!condition.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(50);
    }
  }
}
