package dev.likesbot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likesbot.fake.discord.FakeUser;
import dev.likesbot.fake.discord.Reply;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How members are answered when Spotify misbehaves; nothing is lost and nothing hangs. */
class SpotifyFaultsIT {
  @TempDir Path dir;
  private BotHarness bot;
  private FakeUser ada;

  @BeforeEach
  void start() throws Exception {
    bot = new BotHarness(dir).start();
    ada = bot.linkedMember(310000000000000001L, "ada", 120);
    bot.spotify.clearRequests();
  }

  @AfterEach
  void stop() {
    bot.close();
  }

  @Test
  void transientServerErrorsAreRetriedQuietly() {
    bot.spotify.failNext(503, 2, "/v1/me/tracks");

    assertThat(bot.run(ada, "likes", "count").content()).isEqualTo("You have 120 liked songs.");
    assertThat(bot.spotify.count("GET", "/v1/me/tracks")).isEqualTo(3);
  }

  @Test
  void aLastingOutageIsExplainedAndKeepsTheLink() {
    bot.spotify.failNext(502, 50, "/v1/me/tracks");

    Reply reply = bot.run(ada, "likes", "count");

    assertThat(reply.ephemeral()).isTrue();
    assertThat(reply.content()).isEqualTo("Spotify is having trouble — try again shortly.");
    assertThat(bot.spotify.count("GET", "/v1/me/tracks")).isBetween(2L, 5L);
    assertThat(bot.spotify.tokenRefreshes("ada")).isZero();

    bot.spotify.clearFaults();
    assertThat(bot.run(ada, "likes", "count").content()).isEqualTo("You have 120 liked songs.");
  }

  @Test
  void aRateLimitAnswersEveryoneAtOnceWithTheWait() throws Exception {
    FakeUser grace = bot.linkedMember(310000000000000002L, "grace", 5);
    bot.spotify.clearRequests();
    bot.spotify.failNext(429, 1, "/v1/me/tracks");

    Reply first = bot.run(ada, "likes", "count");
    Reply second = bot.run(grace, "likes", "count");

    assertThat(first.ephemeral()).isTrue();
    assertThat(first.content()).isEqualTo("Spotify is rate-limiting this bot — try again in 1 s.");
    assertThat(second.content()).startsWith("Spotify is rate-limiting this bot — try again in");
    assertThat(bot.spotify.count("GET", "/v1/me/tracks")).isEqualTo(1);
  }

  @Test
  void aQuota429TellsTheMemberTheBotHitItsQuota() {
    bot.spotify.failNextWithQuotaExceeded(1, "/v1/me/tracks");

    Reply reply = bot.run(ada, "likes", "random");

    assertThat(reply.ephemeral()).isTrue();
    assertThat(reply.content()).contains("used up its Spotify request quota");
  }

  @Test
  void aMemberMissingFromTheAllowlistIsToldWhoCanFixIt() {
    bot.spotify.failNext(403, 1, "/v1/me/tracks");

    Reply reply = bot.run(ada, "likes", "count");

    assertThat(reply.ephemeral()).isTrue();
    assertThat(reply.content())
        .contains("e-mail address of your Spotify account")
        .contains("developer dashboard");
  }

  @Test
  void aTokenRefusedBeforeItsTimeIsRefreshedOnce() {
    bot.spotify.expireAccessTokens("ada");

    assertThat(bot.run(ada, "likes", "count").content()).isEqualTo("You have 120 liked songs.");
    assertThat(bot.spotify.tokenRefreshes("ada")).isEqualTo(1);
  }

  @Test
  void aTransientFailureOfTheRefreshNeverUnlinks() {
    bot.time.advance(java.time.Duration.ofMinutes(61));
    bot.spotify.failNext(503, 1, "/api/token");

    Reply failed = bot.run(ada, "likes", "count");

    assertThat(failed.content()).isEqualTo("Spotify is having trouble — try again shortly.");
    assertThat(bot.run(ada, "likes", "count").content()).isEqualTo("You have 120 liked songs.");
    assertThat(bot.spotify.tokenRefreshes("ada")).isEqualTo(1);
  }
}
