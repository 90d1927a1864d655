package dev.likesbot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likesbot.App;
import dev.likesbot.config.BotConfig;
import dev.likesbot.fake.discord.FakeDiscord;
import dev.likesbot.fake.discord.FakeInteraction;
import dev.likesbot.fake.discord.FakeUser;
import dev.likesbot.fake.spotify.FakeSpotify;
import dev.likesbot.testing.FakeTime;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two whole bots (App as main wires it) on one PostgreSQL database and one fake Spotify, each on
 * its own fake Discord gateway, as two instances of one deployment: an unlink, a revocation or a
 * refresh on one is what the other sees on its very next command.
 */
class InstancesIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(15);
  private static final String COUNT = "You have 1,234 liked songs.";
  private static final String NOT_LINKED = "Link your Spotify account first with </link:\\d+>\\.";
  private static final String KEY =
      Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

  @TempDir Path dir;
  private final FakeTime time = new FakeTime(Instant.now());
  private final List<AutoCloseable> started = new ArrayList<>();
  private EmbeddedPostgres postgres;
  private FakeSpotify spotify;
  private FakeDiscord discordA;
  private FakeDiscord discordB;
  private FakeUser adaOnA;
  private FakeUser adaOnB;
  private int portA;

  @BeforeEach
  void startTwoInstances() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE likes_instances");
    }
    portA = BotHarness.freePort();
    int portB = BotHarness.freePort();
    spotify =
        FakeSpotify.start(
            BotHarness.CLIENT_ID, BotHarness.CLIENT_SECRET, BotHarness.redirectUri(portA));
    spotify.addUser("ada-spotify", "Ada Lovelace", 1234);
    discordA = FakeDiscord.start();
    discordB = FakeDiscord.start();
    start(discordA, portA);
    start(discordB, portB);
    adaOnA = discordA.user(310000000000000001L, "ada");
    adaOnB = discordB.user(310000000000000001L, "ada");
  }

  private void start(FakeDiscord discord, int port) {
    Map<String, String> env = BotHarness.env(discord, spotify, port, dir.resolve("unused.db"));
    env.put("STORE_URL", postgres.getJdbcUrl("postgres", "likes_instances"));
    env.put("STORE_ENCRYPTION_KEY", KEY);
    // Both instances finish a login at one public callback URL, as behind a load balancer.
    env.put("SPOTIFY_REDIRECT_URI", BotHarness.redirectUri(portA));
    App app = App.start(BotConfig.load(Path.of("absent.properties"), false, env), time, time);
    started.add(app);
    discord.awaitCommandUpdates(1, TIMEOUT);
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : started) {
      c.close();
    }
    discordA.close();
    discordB.close();
    spotify.close();
    postgres.close();
  }

  private static String run(FakeDiscord discord, FakeUser user, String command, String sub) {
    return discord.slashCommand(user, command, sub, Map.of()).awaitReply(TIMEOUT).content();
  }

  /** Ada links through instance A; both instances then answer her. */
  private void adaLinksOnA() throws Exception {
    HttpResponse<String> page =
        BotHarness.get(BotHarness.loginThroughDm(discordA, spotify, adaOnA, "ada-spotify"));
    assertThat(page.statusCode()).isEqualTo(200);
    discordA.awaitDm(adaOnA.id(), TIMEOUT, m -> m.path("content").asText().startsWith("Linked as"));
    assertThat(run(discordA, adaOnA, "likes", "count")).isEqualTo(COUNT);
    assertThat(run(discordB, adaOnB, "likes", "count")).isEqualTo(COUNT);
  }

  @Test
  void anUnlinkOnOneInstanceIsHonouredByTheOtherAtOnce() throws Exception {
    adaLinksOnA();

    assertThat(run(discordA, adaOnA, "unlink", null)).startsWith("Unlinked");

    assertThat(run(discordB, adaOnB, "likes", "count")).matches(NOT_LINKED);
    assertThat(run(discordB, adaOnB, "link", null)).startsWith("Log in with Spotify");
    assertThat(spotify.failures()).isEmpty();
  }

  @Test
  void aRevocationFoundOnOneInstanceIsHonouredByTheOther() throws Exception {
    adaLinksOnA();
    spotify.revoke("ada-spotify"); // the next use of the unexpired token is an early 401

    assertThat(run(discordA, adaOnA, "likes", "count"))
        .matches("Your Spotify link expired or was revoked — run </link:\\d+> again\\.");

    assertThat(run(discordB, adaOnB, "likes", "count")).matches(NOT_LINKED);
    assertThat(run(discordB, adaOnB, "link", null)).startsWith("Log in with Spotify");
    assertThat(spotify.failures()).isEmpty();
  }

  @Test
  void bothInstancesRefreshingAtOnceWithRotationKeepTheLink() throws Exception {
    spotify.setRotateRefreshTokens(true);
    adaLinksOnA();
    time.advance(Duration.ofMinutes(61));
    spotify.expireAccessTokens("ada-spotify");

    FakeInteraction onA = discordA.slashCommand(adaOnA, "likes", "count", Map.of());
    FakeInteraction onB = discordB.slashCommand(adaOnB, "likes", "count", Map.of());

    assertThat(onA.awaitReply(TIMEOUT).content()).isEqualTo(COUNT);
    assertThat(onB.awaitReply(TIMEOUT).content()).isEqualTo(COUNT);
    time.advance(Duration.ofMinutes(61));
    spotify.expireAccessTokens("ada-spotify");
    assertThat(run(discordB, adaOnB, "likes", "count")).isEqualTo(COUNT);
    assertThat(run(discordA, adaOnA, "likes", "count")).isEqualTo(COUNT);
    // Whether the two refreshes overlapped is up to the scheduler. When they did, the loser sent
    // the refresh token the winner had just rotated away: the fake notes it, and it is the only
    // thing it may note. When they did not, it notes nothing.
    assertThat(spotify.failures())
        .isSubsetOf("refresh token used again after it was rotated")
        .hasSizeLessThanOrEqualTo(1);
  }
}
