package dev.likesbot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.likesbot.fake.discord.FakeDiscord;
import dev.likesbot.fake.discord.FakeUser;
import dev.likesbot.fake.discord.Reply;
import dev.likesbot.fake.spotify.FakeSpotify;
import dev.likesbot.testing.FakeTime;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a link lives and ends, through the real bot against the fakes: refreshes with and without
 * rotation across restarts, outages that must not cost the link, the 6-month reminder, the status
 * shown by /link, and what the database files hold.
 */
class TokenLifecycleIT {
  static final Duration TIMEOUT = Duration.ofSeconds(10);
  static final String COUNT = "You have 1,234 liked songs.";
  static final String TROUBLE = "Spotify is having trouble — try again shortly.";

  @TempDir Path dir;
  private BotHarness bot;
  private FakeTime time;
  private FakeDiscord discord;
  private FakeSpotify spotify;
  private FakeUser ada;

  @BeforeEach
  void start() {
    bot = new BotHarness(dir).with("SPOTIFY_REQUEST_TIMEOUT_SECONDS", "1").start();
    time = bot.time;
    discord = bot.discord;
    spotify = bot.spotify;
    ada = bot.ada();
  }

  @AfterEach
  void stop() {
    bot.close();
  }

  private void restart() {
    bot.restart();
  }

  private Reply run(String command, String sub) {
    return discord.slashCommand(ada, command, sub, Map.of()).awaitReply(TIMEOUT);
  }

  private void logInFrom(JsonNode dm) throws Exception {
    spotify.nextLogin("ada-spotify");
    HttpResponse<String> page =
        BotHarness.get(spotify.authorize(URI.create(BotHarness.firstButtonUrl(dm))));
    assertThat(page.statusCode()).isEqualTo(200);
  }

  private void link() throws Exception {
    int before = discord.dms(ada.id()).size();
    bot.link(ada, "ada-spotify");
    // /link ran in the DM, where its answer holds the login: only "Linked as" is DMed.
    assertThat(discord.dms(ada.id())).hasSize(before + 1);
  }

  /**
   * Ada logs in from the login of {@code answer}; the link holds once one more "Linked as" came.
   */
  private void logInFromAnswer(Reply answer) throws Exception {
    long before = linkedDms();
    logInFrom(answer.raw());
    discord.awaitDm(
        ada.id(),
        TIMEOUT,
        m -> m.path("content").asText().startsWith("Linked as") && linkedDms() > before);
  }

  private long linkedDms() {
    return discord.dms(ada.id()).stream()
        .filter(m -> m.path("content").asText().startsWith("Linked as"))
        .count();
  }

  /**
   * Ada logs in from the first login DM after {@code earlier}; the link holds once a "Linked as" DM
   * follows that login DM.
   */
  private void logInAgainAfter(JsonNode earlier) throws Exception {
    JsonNode login = awaitDmAfter(earlier, "Log in with Spotify");
    logInFrom(login);
    awaitDmAfter(login, "Linked as");
  }

  private JsonNode awaitDmAfter(JsonNode earlier, String start) {
    return discord.awaitDm(
        ada.id(),
        TIMEOUT,
        m ->
            m.path("content").asText().startsWith(start)
                && discord.dms(ada.id()).indexOf(m) > discord.dms(ada.id()).indexOf(earlier));
  }

  /** The access token runs out at Spotify and on our clock; the next command must refresh. */
  private void expireAccessToken() {
    time.advance(Duration.ofMinutes(61));
    spotify.expireAccessTokens("ada-spotify");
  }

  /** After the access token ran out, /likes count refreshes it and still answers. */
  private void countAfterTheTokenExpired() {
    expireAccessToken();
    assertThat(run("likes", "count").content()).isEqualTo(COUNT);
  }

  private String databaseBytes() throws Exception {
    StringBuilder all = new StringBuilder();
    for (String suffix : new String[] {"", "-wal", "-shm"}) {
      Path file = dir.resolve("likes-bot.db" + suffix);
      if (Files.exists(file)) {
        all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
      }
    }
    return all.toString();
  }

  @Test
  void rotatedRefreshTokensArePersistedSoRefreshesWorkAcrossRestarts() throws Exception {
    spotify.setRotateRefreshTokens(true);
    link();

    countAfterTheTokenExpired();
    restart();
    countAfterTheTokenExpired();
    restart();
    countAfterTheTokenExpired();

    assertThat(spotify.tokenRefreshes("ada-spotify")).isEqualTo(3);
    // The fake records any use of a rotated-away refresh token as a failure (checked after each).
  }

  @Test
  void withoutRotationTheOriginalRefreshTokenIsKeptAndKeepsWorking() throws Exception {
    spotify.setRotateRefreshTokens(false);
    link();

    countAfterTheTokenExpired();
    restart();
    countAfterTheTokenExpired();

    assertThat(spotify.tokenRefreshes("ada-spotify")).isEqualTo(2);
  }

  @Test
  void aSpotifyOutageDuringARefreshKeepsTheLink() throws Exception {
    link();
    expireAccessToken();
    spotify.failNext(503, 1, "/api/token");

    assertThat(run("likes", "count").content()).isEqualTo(TROUBLE);

    assertThat(run("likes", "count").content()).isEqualTo(COUNT);
  }

  @Test
  void aRefreshThatTimesOutKeepsTheLink() throws Exception {
    link();
    expireAccessToken();
    spotify.setLatency(Duration.ofMillis(1500)); // over spotify.request-timeout-seconds=1

    assertThat(run("likes", "count").content()).isEqualTo(TROUBLE);

    spotify.setLatency(Duration.ZERO);
    assertThat(run("likes", "count").content()).isEqualTo(COUNT);
  }

  @Test
  void aConnectionErrorDuringARefreshKeepsTheLink() throws Exception {
    link();
    expireAccessToken();
    spotify.close(); // nothing listens on Spotify's port any more: connection refused

    assertThat(run("likes", "count").content()).isEqualTo(TROUBLE);

    assertThat(run("link", null).content()).startsWith("Linked as Ada Lovelace since <t:");
  }

  @Test
  void aRevokedGrantDeletesTheLinkAndAsksForANewOne() throws Exception {
    link();
    spotify.revoke("ada-spotify");
    time.advance(Duration.ofMinutes(61));

    assertThat(run("likes", "count").content())
        .matches("Your Spotify link expired or was revoked — run </link:\\d+> again\\.");
    restart();
    assertThat(run("likes", "count").content())
        .matches("Link your Spotify account first with </link:\\d+>\\.");
  }

  @Test
  void aGrantRevokedBeforeTheTokenExpiresMakesLinkOfferALogin() throws Exception {
    link();
    assertThat(run("likes", "count").content()).isEqualTo(COUNT);
    spotify.revoke("ada-spotify"); // Spotify now refuses the unexpired access token: an early 401

    assertThat(run("likes", "count").content())
        .matches("Your Spotify link expired or was revoked — run </link:\\d+> again\\.");

    assertThat(run("link", null).content()).startsWith("Log in with Spotify");
    assertThat(run("likes", "count").content())
        .matches("Link your Spotify account first with </link:\\d+>\\.");
  }

  @Test
  void theDatabaseFilesHoldNoTokenInPlaintext() throws Exception {
    spotify.setRotateRefreshTokens(true);
    link();
    expireAccessToken();
    run("likes", "count");

    String bytes = databaseBytes();
    assertThat(bytes).as("the scan reads the stored rows").contains("Ada Lovelace");
    assertThat(spotify.issuedTokens("ada-spotify")).hasSize(4);
    for (String token : spotify.issuedTokens("ada-spotify")) {
      assertThat(bytes).doesNotContain(token);
    }
    restart();
    for (String token : spotify.issuedTokens("ada-spotify")) {
      assertThat(databaseBytes()).doesNotContain(token);
    }
    Path key = dir.resolve("likes-bot.key");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
  }

  @Test
  void linkShowsALinkedMemberTheirStatusAndUnlinkDeletesThem() throws Exception {
    link();
    Instant linkedAt = time.instant();

    Reply status = run("link", null);

    long since = linkedAt.getEpochSecond();
    long expires = linkedAt.atOffset(ZoneOffset.UTC).plusMonths(6).toEpochSecond();
    assertThat(status.ephemeral()).as("in the DM the answer is the lasting message").isFalse();
    assertThat(status.content())
        .isEqualTo(
            "Linked as Ada Lovelace since <t:"
                + since
                + ":D>, link expires around <t:"
                + expires
                + ":D>.");
    assertThat(status.buttons())
        .extracting(b -> b.path("label").asText())
        .containsExactly("Relink", "Unlink");

    Reply confirm =
        discord.button(ada, status.raw(), "link:unlink:" + ada.id()).awaitReply(TIMEOUT);
    Reply unlinked =
        discord.button(ada, confirm.raw(), "link:unlink-confirm:" + ada.id()).awaitReply(TIMEOUT);

    assertThat(unlinked.content()).startsWith("Unlinked: I forgot your Spotify link.");
    assertThat(unlinked.buttons()).isEmpty();
    assertThat(run("likes", "count").content())
        .matches("Link your Spotify account first with </link:\\d+>\\.");
  }

  @Test
  void relinkFromTheStatusSendsAFreshLoginLink() throws Exception {
    link();
    Reply status = run("link", null);

    Reply answer = discord.button(ada, status.raw(), "link:relink:" + ada.id()).awaitReply(TIMEOUT);

    assertThat(answer.content())
        .as("pressed in the DM, Relink answers with the login right there")
        .startsWith("Log in with Spotify")
        .doesNotContain("DMs");
    logInFromAnswer(answer);
    assertThat(spotify.codeExchanges("ada-spotify")).isEqualTo(2);
  }

  @Test
  void theExpiryReminderIsSentOnceAcrossRestartsAndItsRelinkButtonWorks() throws Exception {
    link();
    Instant expires = time.instant().atOffset(ZoneOffset.UTC).plusMonths(6).toInstant();
    time.advance(Duration.between(time.instant(), expires.minus(Duration.ofDays(13))));

    bot.app.dailySweep().run();
    JsonNode reminder =
        discord.awaitDm(
            ada.id(), TIMEOUT, m -> m.path("content").asText().startsWith("Your Spotify link"));
    bot.app.dailySweep().run();
    restart();
    bot.app.dailySweep().run();

    assertThat(reminder.path("content").asText())
        .contains("<t:" + expires.getEpochSecond() + ":D>");
    assertThat(discord.dms(ada.id()))
        .filteredOn(m -> m.path("content").asText().startsWith("Your Spotify link"))
        .hasSize(1);

    Reply answer = discord.button(ada, reminder, "link:relink:" + ada.id()).awaitReply(TIMEOUT);
    assertThat(answer.content()).startsWith("Log in with Spotify").doesNotContain("DMs");
    assertThat(answer.ephemeral()).as("the DM is private anyway; this message lasts").isFalse();
    logInFromAnswer(answer);

    bot.app.dailySweep().run();
    assertThat(discord.dms(ada.id()))
        .as("the new link is six months from its end")
        .filteredOn(m -> m.path("content").asText().startsWith("Your Spotify link"))
        .hasSize(1);
  }
}
