package dev.likesbot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.likesbot.App;
import dev.likesbot.fake.discord.FakeDiscord;
import dev.likesbot.fake.discord.FakeInteraction;
import dev.likesbot.fake.discord.FakeUser;
import dev.likesbot.fake.discord.Reply;
import dev.likesbot.fake.spotify.FakeSpotify;
import dev.likesbot.testing.FakeTime;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole bot, wired as {@link App} wires it, against the fake Discord and the fake Spotify on
 * 127.0.0.1. Only the clock is ours, so token expiry can be reached without waiting an hour.
 */
class BotEndToEndIT {
  static final Duration TIMEOUT = Duration.ofSeconds(10);
  static final String CLIENT_ID = BotHarness.CLIENT_ID;
  static final String CLIENT_SECRET = BotHarness.CLIENT_SECRET;

  @TempDir Path dir;
  private BotHarness bot;
  private FakeTime time;
  private FakeDiscord discord;
  private FakeSpotify spotify;
  private FakeUser ada;

  @BeforeEach
  void start() {
    bot = new BotHarness(dir).start();
    time = bot.time;
    discord = bot.discord;
    spotify = bot.spotify;
    ada = bot.ada();
  }

  @AfterEach
  void stop() {
    bot.close();
  }

  private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    return BotHarness.get(uri);
  }

  private Reply run(FakeUser user, String command, String sub) {
    return bot.run(user, command, sub);
  }

  private static String firstButtonUrl(JsonNode message) {
    return BotHarness.firstButtonUrl(message);
  }

  /** /link, then the member's browser through Spotify's login back to our callback. */
  private HttpResponse<String> linkThroughTheBrowser(FakeUser user, String spotifyId)
      throws Exception {
    Reply reply = run(user, "link", null);
    assertThat(reply.ephemeral()).as("in the DM the login message lasts").isFalse();
    assertThat(reply.content()).startsWith("Log in with Spotify");
    return get(BotHarness.loginFrom(spotify, reply.raw(), spotifyId));
  }

  private void link(FakeUser user, String spotifyId) throws Exception {
    HttpResponse<String> page = linkThroughTheBrowser(user, spotifyId);
    assertThat(page.statusCode()).isEqualTo(200);
    discord.awaitDm(user.id(), TIMEOUT, m -> m.path("content").asText().startsWith("Linked as"));
  }

  @Test
  void registersItsCommandsOnceWithOneBulkUpdate() {
    discord.awaitCommandUpdates(1, TIMEOUT); // the bulk update is queued, not awaited, at start
    List<JsonNode> commands = discord.globalCommands();

    assertThat(discord.commandUpdateCount()).isEqualTo(1);
    assertThat(commands)
        .extracting(c -> c.get("name").asText())
        .containsExactlyInAnyOrder("link", "unlink", "likes");
    JsonNode likes =
        commands.stream()
            .filter(c -> c.get("name").asText().equals("likes"))
            .findFirst()
            .orElseThrow();
    List<String> subcommands = new ArrayList<>();
    likes.path("options").forEach(o -> subcommands.add(o.get("name").asText()));
    assertThat(subcommands).containsExactly("count", "random", "list", "stats", "export");
  }

  @Test
  void linkingDmsALoginLinkAndTheCallbackLinksTheMember() throws Exception {
    HttpResponse<String> page = linkThroughTheBrowser(ada, "ada-spotify");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("<title>Spotify linked — likes-bot</title>")
        .contains(
            "Spotify account <strong><bdi>Ada Lovelace</bdi></strong> is now linked to Discord"
                + " member <strong><bdi>ada</bdi></strong>.")
        .contains("You can close this tab and go back to Discord.");
    assertThat(spotify.requests())
        .as("a loopback deployment goes straight to Spotify, which shows whose account it is")
        .anySatisfy(
            r -> {
              assertThat(r.path()).isEqualTo("/authorize");
              assertThat(r.query()).containsEntry("show_dialog", "true");
            });
    JsonNode dm =
        discord.awaitDm(ada.id(), TIMEOUT, m -> m.path("content").asText().startsWith("Linked as"));
    assertThat(dm.get("content").asText())
        .isEqualTo("Linked as Ada Lovelace. Not you? Use /unlink.");
    assertThat(spotify.codeExchanges("ada-spotify")).isEqualTo(1);
  }

  @Test
  void countCostsOneSpotifyRequest() throws Exception {
    link(ada, "ada-spotify");
    spotify.clearRequests();

    Reply reply = run(ada, "likes", "count");

    assertThat(reply.ephemeral()).isFalse();
    assertThat(reply.content()).isEqualTo("You have 1,234 liked songs.");
    assertThat(spotify.count("GET", "/v1/me/tracks")).isEqualTo(1);
    assertThat(spotify.requests())
        .singleElement()
        .satisfies(r -> assertThat(r.query()).containsEntry("limit", "1"));
  }

  @Test
  void randomPostsOneSongWithArtworkAndLinkInAtMostTwoRequests() throws Exception {
    link(ada, "ada-spotify");
    spotify.clearRequests();

    Reply reply = run(ada, "likes", "random");

    assertThat(reply.ephemeral()).isFalse();
    JsonNode embed = reply.embeds().get(0);
    assertThat(embed.path("title").asText()).startsWith("Song ");
    assertThat(embed.path("url").asText()).startsWith("https://open.spotify.com/track/");
    assertThat(embed.path("thumbnail").path("url").asText()).startsWith("https://");
    assertThat(embed.path("description").asText()).startsWith("by ");
    assertThat(reply.buttons())
        .first()
        .satisfies(b -> assertThat(b.path("url").asText()).isEqualTo(embed.path("url").asText()));
    assertThat(spotify.count("GET", "/v1/me/tracks")).isBetween(1L, 2L);
    assertThat(spotify.requests())
        .allSatisfy(r -> assertThat(r.query()).containsEntry("limit", "1"));
  }

  @Test
  void randomRightAfterCountCostsOneRequest() throws Exception {
    link(ada, "ada-spotify");
    run(ada, "likes", "count");
    spotify.clearRequests();

    run(ada, "likes", "random");

    assertThat(spotify.count("GET", "/v1/me/tracks")).isEqualTo(1);
  }

  @Test
  void anUnlinkedMemberIsToldToLinkFirst() {
    Reply reply = run(ada, "likes", "count");

    assertThat(reply.ephemeral()).isTrue();
    assertThat(reply.content()).matches("Link your Spotify account first with </link:\\d+>\\.");
    assertThat(spotify.count("GET", "/v1/me/tracks")).isZero();
  }

  @Test
  void aMadeUpOrReplayedStateIsRefusedWithAPlainPage() throws Exception {
    HttpResponse<String> madeUp =
        get(URI.create(bot.config().spotify().redirectUri() + "?code=abc&state=made-up"));
    assertThat(madeUp.statusCode()).isEqualTo(400);
    assertThat(madeUp.body()).contains("unknown or was already used");

    URI callback = BotHarness.loginThroughDm(discord, spotify, ada, "ada-spotify");
    assertThat(get(callback).statusCode()).isEqualTo(200);

    HttpResponse<String> replay = get(callback);
    assertThat(replay.statusCode()).isEqualTo(400);
    assertThat(replay.body()).contains("unknown or was already used").doesNotContain("Exception");
    assertThat(spotify.codeExchanges("ada-spotify")).isEqualTo(1);
  }

  @Test
  void refusedConsentLinksNothing() throws Exception {
    JsonNode dm = run(ada, "link", null).raw();
    spotify.denyNextLogin();

    HttpResponse<String> page = get(spotify.authorize(URI.create(firstButtonUrl(dm))));

    assertThat(page.statusCode()).isEqualTo(400);
    assertThat(page.body()).contains("Link cancelled — run /link to try again.");
    assertThat(run(ada, "likes", "count").content())
        .matches("Link your Spotify account first with </link:\\d+>\\.");
  }

  @Test
  void closedDmsPutTheLoginButtonInThePrivateReply() throws Exception {
    discord.closeDms(ada.id());

    FakeInteraction link = discord.slashCommand(ada, "link", null, Map.of());
    Reply reply = link.awaitReply(TIMEOUT);

    assertThat(reply.content())
        .startsWith("Log in with Spotify")
        .doesNotContain("A copy is in your DMs");
    assertThat(reply.buttons())
        .first()
        .satisfies(b -> assertThat(b.path("label").asText()).isEqualTo("Log in with Spotify"));
    assertThat(discord.dms(ada.id())).isEmpty();
    spotify.nextLogin("ada-spotify");
    assertThat(
            get(spotify.authorize(URI.create(reply.buttons().get(0).path("url").asText())))
                .statusCode())
        .isEqualTo(200);
    link.awaitReply(TIMEOUT, r -> r.content().startsWith("This login link was used"));
  }

  @Test
  void aLinkSurvivesARestart() throws Exception {
    link(ada, "ada-spotify");
    bot.restart();
    discord.awaitCommandUpdates(2, TIMEOUT);

    assertThat(run(ada, "likes", "count").content()).isEqualTo("You have 1,234 liked songs.");
    assertThat(spotify.codeExchanges("ada-spotify")).isEqualTo(1);
  }

  @Test
  void anExpiredTokenIsRefreshedOnceUnderTenConcurrentCommands() throws Exception {
    link(ada, "ada-spotify");
    time.advance(Duration.ofMinutes(61));
    spotify.expireAccessTokens("ada-spotify");

    List<FakeInteraction> calls = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      calls.add(discord.slashCommand(ada, "likes", "count", Map.of()));
    }

    for (FakeInteraction call : calls) {
      assertThat(call.awaitReply(TIMEOUT).content()).isEqualTo("You have 1,234 liked songs.");
    }
    assertThat(spotify.tokenRefreshes("ada-spotify")).isEqualTo(1);
  }

  @Test
  void aRevokedGrantAsksTheMemberToLinkAgain() throws Exception {
    link(ada, "ada-spotify");
    spotify.revoke("ada-spotify");
    time.advance(Duration.ofMinutes(61));

    Reply reply = run(ada, "likes", "count");

    assertThat(reply.ephemeral()).isTrue();
    assertThat(reply.content())
        .matches("Your Spotify link expired or was revoked — run </link:\\d+> again\\.");
    assertThat(run(ada, "likes", "count").content())
        .matches("Link your Spotify account first with </link:\\d+>\\.");
  }

  @Test
  void unlinkForgetsTheMember() throws Exception {
    link(ada, "ada-spotify");

    Reply reply = run(ada, "unlink", null);

    assertThat(reply.ephemeral()).isTrue();
    assertThat(reply.content()).contains("https://www.spotify.com/account/apps/");
    assertThat(run(ada, "likes", "random").content())
        .matches("Link your Spotify account first with </link:\\d+>\\.");
  }

  @Test
  void metricsCountCommandsSpotifyRequestsAndLinkedMembers() throws Exception {
    link(ada, "ada-spotify");
    run(ada, "likes", "count");

    // The reply's time is recorded when Discord has accepted the reply, a moment after the fake
    // shows it to the test.
    URI endpoint = URI.create("http://127.0.0.1:" + bot.webPort + "/metrics");
    HttpResponse<String> metrics = get(endpoint);
    for (long deadline = System.nanoTime() + BotHarness.TIMEOUT.toNanos();
        !metrics.body().contains("likesbot_command_reply_seconds_count{command=\"likes count\"}")
            && System.nanoTime() < deadline; ) {
      Thread.sleep(20);
      metrics = get(endpoint);
    }

    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body())
        .contains("likesbot_commands_total{command=\"likes count\",outcome=\"ok\"} 1.0")
        .contains("likesbot_commands_total{command=\"link\",outcome=\"ok\"} 1.0")
        .contains("likesbot_command_reply_seconds_count{command=\"likes count\"} 1")
        .contains("likesbot_spotify_requests_total{endpoint=\"/v1/me/tracks\",status=\"200\"} 1.0")
        .contains("likesbot_spotify_requests_total{endpoint=\"/api/token\",status=\"200\"} 1.0")
        .contains("likesbot_linked_members 1.0")
        .contains("executor_active_threads{name=\"likesbot.workers\"}")
        .contains("jvm_memory_used_bytes")
        .doesNotContain(CLIENT_SECRET)
        .doesNotContain(discord.botToken());
  }

  @Test
  void healthzAndReadyzAnswer200WithNoProblemsWhileConnected() throws Exception {
    HttpResponse<String> health = get(URI.create("http://127.0.0.1:" + bot.webPort + "/healthz"));
    HttpResponse<String> ready = get(URI.create("http://127.0.0.1:" + bot.webPort + "/readyz"));

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body()).contains("\"problems\":[]");
  }
}
