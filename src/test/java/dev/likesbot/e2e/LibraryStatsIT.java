package dev.likesbot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.likesbot.discord.Markdown;
import dev.likesbot.discord.MessageLimits;
import dev.likesbot.fake.discord.FakeDiscord;
import dev.likesbot.fake.discord.FakeInteraction;
import dev.likesbot.fake.discord.FakeUser;
import dev.likesbot.fake.discord.Reply;
import dev.likesbot.fake.spotify.FakeAlbum;
import dev.likesbot.fake.spotify.FakeArtist;
import dev.likesbot.fake.spotify.FakeCatalog;
import dev.likesbot.fake.spotify.FakeSpotify;
import dev.likesbot.fake.spotify.FakeTrack;
import dev.likesbot.fake.spotify.SavedTrack;
import dev.likesbot.testing.OutsideText;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import net.jqwik.api.sessions.JqwikSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * /likes stats end to end: the real bot against the fake Discord and fake Spotify. The bot's
 * FakeTime follows the wall clock here (reads are paced on it) and stamps the fake Discord's
 * messages, so the pace of the progress edits is checked on the clock the bot paced them by.
 */
class LibraryStatsIT {
  static final Duration TIMEOUT = Duration.ofSeconds(30);
  static final long GUILD = 400000000000000044L;
  static final String TRACKS = "/v1/me/tracks";
  static final String READING = "Reading your liked songs…";

  @TempDir Path dir;
  private BotHarness bot;
  private FakeDiscord discord;
  private FakeSpotify spotify;
  private FakeUser ada;

  /** Starts the bot; {@code env} are extra environment variables (name, value, ...). */
  private void start(String... env) throws Exception {
    bot = new BotHarness(dir, GUILD).with(env).start().followingWallClock();
    discord = bot.discord;
    spotify = bot.spotify;
    ada = discord.user(310000000000000001L, "ada");
  }

  @AfterEach
  void stop() {
    if (bot != null) {
      bot.close();
    }
  }

  private void link(FakeUser user, String spotifyId, List<SavedTrack> songs) throws Exception {
    bot.linkInGuild(user, GUILD, spotifyId, songs);
  }

  private FakeInteraction command(FakeUser user, String sub) {
    return discord.slashCommandInGuild(
        user,
        GUILD,
        discord.guildChannelId(),
        sub.equals("unlink") ? "unlink" : "likes",
        sub.equals("unlink") ? null : sub,
        Map.of());
  }

  private static boolean isStats(Reply r) {
    return !r.embeds().isEmpty();
  }

  private static Reply awaitStats(FakeInteraction stats) {
    return stats.awaitReply(TIMEOUT, LibraryStatsIT::isStats);
  }

  /** A hostile name from outside, the same every run. */
  private static String outsideName(long seed) {
    JqwikSession.start();
    try {
      return OutsideText.upTo(40)
          .filter(s -> !s.isBlank())
          .generator(100)
          .next(new Random(seed))
          .value();
    } finally {
      JqwikSession.finish();
    }
  }

  private static List<SavedTrack> withHostileSongs(int catalogSongs, String artist, String album) {
    FakeArtist hostile = FakeArtist.of(FakeCatalog.spotifyId("artist:hostile"), artist);
    FakeAlbum hostileAlbum =
        FakeAlbum.of(FakeCatalog.spotifyId("album:hostile"), album, hostile, "1971-02-03", 1);
    List<SavedTrack> songs = new ArrayList<>();
    Instant newest = FakeCatalog.NEWEST_LIKE.plusSeconds(3_600);
    for (int i = 0; i < 3; i++) {
      FakeTrack track =
          FakeTrack.of(
              FakeCatalog.spotifyId("track:hostile" + i),
              outsideName(i),
              hostile,
              hostileAlbum,
              1_000);
      songs.add(SavedTrack.of(newest.minusSeconds(i), track));
    }
    songs.addAll(FakeCatalog.likedSongs(catalogSongs));
    return songs;
  }

  @Test
  void statsShowPacedProgressThenTheNumbersAndTheChart() throws Exception {
    start("LIBRARY_READ_BURST", "0", "LIBRARY_READ_REQUESTS_PER_SECOND", "20");
    String artist = outsideName(100);
    String album = outsideName(101);
    link(ada, "ada-spotify", withHostileSongs(2_997, artist, album));

    FakeInteraction stats = command(ada, "stats");
    Reply answer = awaitStats(stats);

    List<Reply> progress =
        stats.replies().stream().filter(r -> r.content().startsWith(READING)).toList();
    assertThat(progress)
        .as("progress edits while 60 pages are read at 20 a second")
        .hasSizeGreaterThan(1);
    List<Integer> counts = progress.stream().map(r -> songsRead(r.content())).toList();
    assertThat(counts).isSorted();
    for (int i = 1; i < progress.size(); i++) {
      assertThat(Duration.between(progress.get(i - 1).at(), progress.get(i).at()))
          .as("edit %d came at least a second after the one before", i)
          .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }
    assertThat(progress.get(0).content()).matches(READING + " [▰▱]{10} [\\d,]+ / [\\d,…]+");
    assertThat(stats.replies().indexOf(answer)).isEqualTo(stats.replies().size() - 1);

    JsonNode embed = answer.embeds().get(0);
    assertThat(embed.path("author").path("name").asText()).isEqualTo("ada");
    assertThat(embed.path("description").asText())
        .contains("**3,000** songs")
        .contains("**8** artists") // seven catalogue artists and the hostile one
        .contains("**20%** explicit"); // every fifth catalogue song
    JsonNode artists = embed.path("fields").get(0);
    assertThat(artists.path("value").asText())
        .contains(Markdown.inLine(MessageLimits.shorten(artist, 40)) + " · 3")
        .startsWith("1. \u2068Artist ");
    assertThat(artists.path("value").asText().split("\n")).hasSize(8);
    assertThat(embed.path("fields").get(1).path("value").asText().split("\n")).hasSize(5);

    assertThat(answer.files()).hasSize(1);
    BufferedImage chart = ImageIO.read(new ByteArrayInputStream(answer.files().get(0).bytes()));
    assertThat(chart.getWidth()).isEqualTo(800);
    assertThat(chart.getHeight()).isEqualTo(500);
    JsonNode attachment = answer.raw().path("attachments").get(0);
    assertThat(attachment.path("filename").asText()).isEqualTo("liked-songs.png");
    assertThat(attachment.path("description").asText())
        .startsWith("Bar charts: Songs liked per year");
  }

  private static int songsRead(String progress) {
    String[] parts = progress.split("\n")[0].split(" ");
    return Integer.parseInt(parts[parts.length - 3].replace(",", ""));
  }

  @Test
  void aRepeatCostsOneRequestAndOneAfterAHundredAddedAtMostThree() throws Exception {
    start();
    link(ada, "ada-spotify", FakeCatalog.likedSongs(2_000));
    awaitStats(command(ada, "stats"));
    spotify.clearRequests();

    Reply again = awaitStats(command(ada, "stats"));

    assertThat(spotify.count("GET", TRACKS)).isEqualTo(1);
    assertThat(again.embeds().get(0).path("description").asText()).contains("**2,000** songs");

    List<SavedTrack> more = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      FakeTrack track = FakeCatalog.song("New " + i);
      more.add(SavedTrack.of(FakeCatalog.NEWEST_LIKE.plusSeconds(1_000 - i), track));
    }
    more.addAll(FakeCatalog.likedSongs(2_000));
    spotify.setLikedSongs("ada-spotify", more);
    spotify.clearRequests();

    Reply added = awaitStats(command(ada, "stats"));

    assertThat(spotify.count("GET", TRACKS)).isLessThanOrEqualTo(3);
    assertThat(added.embeds().get(0).path("description").asText()).contains("**2,100** songs");
  }

  @Test
  void aRateLimitInTheMiddlePausesTheReadWhichResumes() throws Exception {
    start("LIBRARY_READ_BURST", "0", "LIBRARY_READ_REQUESTS_PER_SECOND", "10");
    link(ada, "ada-spotify", FakeCatalog.likedSongs(1_000));

    FakeInteraction stats = command(ada, "stats");
    stats.awaitReply(TIMEOUT, r -> r.content().startsWith(READING) && songsRead(r.content()) > 0);
    spotify.failNext(429, 1, TRACKS);
    Reply waiting =
        stats.awaitReply(TIMEOUT, r -> r.content().contains("Spotify asked us to wait 1 s."));
    Reply answer = awaitStats(stats);

    assertThat(songsRead(waiting.content())).isBetween(1, 999);
    assertThat(answer.embeds().get(0).path("description").asText()).contains("**1,000** songs");
    assertThat(spotify.requests().stream().filter(r -> r.path().equals(TRACKS)))
        .filteredOn(r -> r.status() == 429)
        .hasSize(1);
    assertThat(spotify.count("GET", TRACKS)).isEqualTo(20 + 1);
  }

  /** FakeCatalog songs are about 600 bytes each estimated: 1 MiB holds some 1,750 of them. */
  static final String TINY_BUDGET = "LIBRARY_SNAPSHOT_BUDGET_MIB";

  @Test
  void statsOfALibraryLargerThanTheBudgetHaveTheRightTotalsAndAreNotKept() throws Exception {
    start(TINY_BUDGET, "1");
    link(ada, "ada-spotify", FakeCatalog.likedSongs(3_000));

    Reply answer = awaitStats(command(ada, "stats"));

    String totals = answer.embeds().get(0).path("description").asText();
    assertThat(totals)
        .contains("**3,000** songs")
        .contains("**7** artists · **1,000** albums")
        .contains("**20%** explicit");
    assertThat(answer.embeds().get(0).path("fields").get(0).path("value").asText())
        .startsWith(
            "1. \u2068Artist 1\u2069 · 429"); // albums 1, 8, ... 995: 143 albums of three songs
    assertThat(bot.app.libraryReads().reader().keeps(Long.toString(ada.id()))).isFalse();
    spotify.clearRequests();

    Reply again = awaitStats(command(ada, "stats"));

    assertThat(spotify.count("GET", TRACKS)).as("not kept: read again").isEqualTo(60);
    assertThat(again.embeds().get(0).path("description").asText()).isEqualTo(totals);
  }

  @Test
  void aSecondCommandBesideAReadLargerThanTheBudgetIsToldPrivatelyToTryAgain() throws Exception {
    start(TINY_BUDGET, "1", "LIBRARY_READ_BURST", "0", "LIBRARY_READ_REQUESTS_PER_SECOND", "10");
    // 100 pages in some 10 s; the read lets go of its songs at about 1,750 and runs on for seconds.
    link(ada, "ada-spotify", FakeCatalog.likedSongs(5_000));

    FakeInteraction first = command(ada, "stats");
    first.awaitReply(
        TIMEOUT, r -> r.content().startsWith(READING) && songsRead(r.content()) >= 2_000);
    Reply second = command(ada, "stats").awaitReply(TIMEOUT);

    assertThat(second.content())
        .isEqualTo(
            "Your liked songs are already being read for another command — try again in a"
                + " moment, once it has answered.");
    assertThat(second.ephemeral()).isTrue();
    assertThat(awaitStats(first).embeds().get(0).path("description").asText())
        .contains("**5,000** songs");
    assertThat(spotify.count("GET", TRACKS)).as("one read, not two").isEqualTo(100);
  }

  @Test
  void privateStatsAreOnlyForTheMemberAndUnlinkDropsTheSnapshot() throws Exception {
    start();
    link(ada, "ada-spotify", FakeCatalog.likedSongs(300));
    Reply privately =
        awaitStats(
            discord.slashCommandInGuild(
                ada, GUILD, discord.guildChannelId(), "likes", "stats", Map.of("private", true)));
    assertThat(privately.ephemeral()).isTrue();
    assertThat(privately.files()).hasSize(1);
    String id = Long.toString(ada.id());
    assertThat(bot.app.libraryReads().reader().keeps(id)).isTrue();

    command(ada, "unlink").awaitReply(TIMEOUT);

    assertThat(bot.app.libraryReads().reader().keeps(id)).isFalse();
  }

  static final String LINK_CHANGED =
      "Your Spotify link changed while your liked songs were being read — run the command again.";

  /** A read slow enough (2,000 songs at 5 pages a second: some 8 s) to change the link during. */
  private FakeInteraction slowStatsUnderWay() throws Exception {
    start("LIBRARY_READ_BURST", "0", "LIBRARY_READ_REQUESTS_PER_SECOND", "5");
    link(ada, "ada-spotify", FakeCatalog.likedSongs(2_000));
    FakeInteraction stats = command(ada, "stats");
    stats.awaitReply(TIMEOUT, r -> r.content().startsWith(READING) && songsRead(r.content()) > 0);
    return stats;
  }

  /**
   * The bug: a relink during a read went on reading with the new account's token, so the stats
   * counted two accounts' songs together.
   */
  @Test
  void aRelinkDuringTheReadEndsItAndTellsTheMemberTheLinkChanged() throws Exception {
    FakeInteraction stats = slowStatsUnderWay();
    spotify.addUser("ada-other", "Name ada-other", FakeCatalog.likedSongs(30));
    Reply status =
        discord
            .slashCommandInGuild(ada, GUILD, discord.guildChannelId(), "link", null, Map.of())
            .awaitReply(TIMEOUT);
    Reply login = discord.button(ada, status.raw(), "link:relink:" + ada.id()).awaitReply(TIMEOUT);

    bot.completeLink(ada, BotHarness.loginFrom(spotify, login.raw(), "ada-other"));

    Reply told = stats.awaitReply(TIMEOUT, r -> r.content().equals(LINK_CHANGED));
    assertThat(told.ephemeral()).isTrue();
    assertThat(stats.replies()).noneMatch(LibraryStatsIT::isStats);
    String id = Long.toString(ada.id());
    assertThat(bot.app.libraryReads().reader().keeps(id)).isFalse();
    assertThat(awaitStats(command(ada, "stats")).embeds().get(0).path("description").asText())
        .as("the next stats read the new account alone")
        .contains("**30** songs");
  }

  @Test
  void anUnlinkDuringTheReadTellsTheMemberTheSameAndKeepsNothing() throws Exception {
    FakeInteraction stats = slowStatsUnderWay();

    command(ada, "unlink").awaitReply(TIMEOUT);

    Reply told = stats.awaitReply(TIMEOUT, r -> r.content().equals(LINK_CHANGED));
    assertThat(told.ephemeral()).isTrue();
    assertThat(stats.replies()).noneMatch(LibraryStatsIT::isStats);
    assertThat(bot.app.libraryReads().reader().keeps(Long.toString(ada.id()))).isFalse();
  }

  @Test
  void notLinkedGetsTheSameReplyAsTheOtherCommands() throws Exception {
    start();

    Reply stats = command(ada, "stats").awaitReply(TIMEOUT);
    Reply count = command(ada, "count").awaitReply(TIMEOUT);

    assertThat(stats.content()).isEqualTo(count.content());
    assertThat(stats.ephemeral()).isTrue();
  }

  @Test
  void anotherMembersRandomIsAnsweredWhileABigReadRunsOnTheOnlyWorker() throws Exception {
    start(
        "BOT_WORKER_THREADS", "1",
        "LIBRARY_READ_BURST", "0",
        "LIBRARY_READ_REQUESTS_PER_SECOND", "20");
    FakeUser bob = discord.user(320000000000000002L, "bob");
    link(ada, "ada-spotify", FakeCatalog.likedSongs(5_000));
    link(bob, "bob-spotify", FakeCatalog.likedSongs(10));

    FakeInteraction stats = command(ada, "stats");
    stats.awaitReply(TIMEOUT, r -> r.content().startsWith(READING) && songsRead(r.content()) > 0);
    Reply pick = command(bob, "random").awaitReply(TIMEOUT);

    assertThat(stats.replies())
        .as("ada's read is still running")
        .noneMatch(LibraryStatsIT::isStats);
    assertThat(pick.embeds()).isNotEmpty();
    awaitStats(stats);
  }

  @Test
  void aStopAbandonsTheReadAndTellsTheMemberTheBotIsRestarting() throws Exception {
    start("LIBRARY_READ_BURST", "0", "LIBRARY_READ_REQUESTS_PER_SECOND", "5");
    link(ada, "ada-spotify", FakeCatalog.likedSongs(2_000));

    FakeInteraction stats = command(ada, "stats");
    stats.awaitReply(TIMEOUT, r -> r.content().startsWith(READING));
    bot.app.close();

    Reply told = stats.awaitReply(TIMEOUT, r -> r.content().contains("restarting"));
    assertThat(told.content()).isEqualTo("The bot is restarting — try again in a moment.");
    assertThat(stats.replies()).noneMatch(LibraryStatsIT::isStats);
  }
}
