package dev.likesbot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.sessions.JqwikSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * /likes export end to end: the real bot against the fake Discord and fake Spotify. The files are
 * parsed back with Jackson and compared with what the fake Spotify holds.
 */
class ExportIT {
  static final Duration TIMEOUT = Duration.ofSeconds(30);
  static final long GUILD = 400000000000000044L;
  static final String READING = "Reading your liked songs…";
  static final String FORMULA = "=HYPERLINK(\"https://evil.example\",\"click\")";
  static final List<String> HEADER =
      List.of(
          "added_at",
          "title",
          "artists",
          "album",
          "release_date",
          "duration_ms",
          "isrc",
          "spotify_url");

  @TempDir Path dir;
  private BotHarness bot;
  private FakeDiscord discord;
  private FakeSpotify spotify;
  private FakeUser ada;

  private void start(String... env) throws Exception {
    bot = new BotHarness(dir, GUILD).with(env).start();
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

  private FakeInteraction export(Map<String, Object> options) {
    return discord.slashCommandInGuild(
        ada, GUILD, discord.guildChannelId(), "likes", "export", options);
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

  /** Hostile names (commas, quotes, newlines, any script), a formula and a catalogue. */
  private static List<SavedTrack> library() {
    FakeArtist hostile = FakeArtist.of(FakeCatalog.spotifyId("artist:hostile"), outsideName(100));
    FakeAlbum album =
        FakeAlbum.of(
            FakeCatalog.spotifyId("album:hostile"),
            "Comma, \"quote\"\nand a new line",
            hostile,
            "1971-02-03",
            1);
    List<SavedTrack> songs = new ArrayList<>();
    Instant newest = FakeCatalog.NEWEST_LIKE.plusSeconds(3_600);
    List<String> titles =
        List.of(FORMULA, "-1+1", "@SUM(A1)", outsideName(1), outsideName(2), "Ünïcødé 日本語 عربى");
    for (int i = 0; i < titles.size(); i++) {
      FakeTrack track =
          FakeTrack.of(
              FakeCatalog.spotifyId("track:hostile" + i), titles.get(i), hostile, album, 1_000 + i);
      songs.add(SavedTrack.of(newest.minusSeconds(i), track));
    }
    songs.addAll(FakeCatalog.likedSongs(594));
    return songs;
  }

  /** What a row must say, as the fake Spotify holds the song. */
  private static List<String> expected(SavedTrack saved) {
    FakeTrack t = saved.track();
    return List.of(
        saved.addedAt().truncatedTo(ChronoUnit.SECONDS).toString(),
        t.name(),
        String.join("; ", t.artists().stream().map(FakeArtist::name).toList()),
        t.album().name(),
        t.album().releaseDate(),
        Integer.toString(t.durationMs()),
        t.isrc() == null ? "" : t.isrc(),
        "https://open.spotify.com/track/" + t.id());
  }

  private static String defused(String cell) {
    return !cell.isEmpty() && "=+-@".indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
  }

  private static List<List<String>> parseCsv(byte[] bytes) throws Exception {
    CsvMapper csv = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
    String text = new String(Arrays.copyOfRange(bytes, 3, bytes.length), StandardCharsets.UTF_8);
    List<List<String>> rows = new ArrayList<>();
    try (MappingIterator<String[]> it = csv.readerFor(String[].class).readValues(text)) {
      while (it.hasNext()) {
        rows.add(List.of(it.next()));
      }
    }
    return rows;
  }

  @Test
  void theCsvArrivesInTheDmAndParsesBackToTheLibraryWithFormulasDefused() throws Exception {
    start("LIBRARY_READ_BURST", "0", "LIBRARY_READ_REQUESTS_PER_SECOND", "10");
    List<SavedTrack> library = library();
    link(ada, "ada-spotify", library);

    FakeInteraction export = export(Map.of());
    Reply done = export.awaitReply(TIMEOUT, r -> r.content().contains("in your DMs"));

    assertThat(done.ephemeral()).isTrue();
    assertThat(done.content()).contains("**600** songs");
    assertThat(export.replies())
        .as("the progress was shown before")
        .anyMatch(r -> r.content().startsWith(READING));
    var files = discord.dmFiles(ada.id());
    var file = files.get(files.size() - 1).get(0);
    assertThat(file.filename()).isEqualTo("liked-songs.csv");
    byte[] bytes = file.bytes();
    assertThat(Arrays.copyOf(bytes, 3))
        .as("UTF-8 BOM")
        .containsExactly((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);

    List<List<String>> rows = parseCsv(bytes);
    assertThat(rows.get(0)).isEqualTo(HEADER);
    List<List<String>> want = new ArrayList<>();
    for (SavedTrack s : library) {
      want.add(expected(s).stream().map(ExportIT::defused).toList());
    }
    assertThat(rows.subList(1, rows.size())).containsExactlyElementsOf(want);
    assertThat(rows.get(1).get(1)).isEqualTo("'" + FORMULA);
    assertThat(rows.get(2).get(1)).isEqualTo("'-1+1");
    assertThat(rows.get(3).get(1)).isEqualTo("'@SUM(A1)");
  }

  @Test
  void theJsonIsExactIncludingTheFormulaLookingTitle() throws Exception {
    start();
    List<SavedTrack> library = library();
    link(ada, "ada-spotify", library);

    export(Map.of("format", "json")).awaitReply(TIMEOUT, r -> r.content().contains("in your DMs"));

    var files = discord.dmFiles(ada.id());
    var file = files.get(files.size() - 1).get(0);
    assertThat(file.filename()).isEqualTo("liked-songs.json");
    assertThat(file.bytes()[0]).as("no BOM in JSON").isEqualTo((byte) '[');
    JsonNode json = new ObjectMapper().readTree(file.bytes());
    assertThat(json.size()).isEqualTo(library.size());
    for (int i = 0; i < library.size(); i++) {
      List<String> want = expected(library.get(i));
      JsonNode row = json.get(i);
      Map<String, String> got = new HashMap<>();
      row.fields()
          .forEachRemaining(
              f -> got.put(f.getKey(), f.getValue().isArray() ? null : f.getValue().asText()));
      assertThat(got.get("added_at")).isEqualTo(want.get(0));
      assertThat(got.get("title")).isEqualTo(want.get(1));
      List<String> artists = new ArrayList<>();
      row.path("artists").forEach(a -> artists.add(a.asText()));
      assertThat(artists)
          .containsExactlyElementsOf(
              library.get(i).track().artists().stream().map(FakeArtist::name).toList());
      assertThat(got.get("album")).isEqualTo(want.get(3));
      assertThat(got.get("release_date")).isEqualTo(want.get(4));
      assertThat(row.path("duration_ms").asInt()).isEqualTo(library.get(i).track().durationMs());
      assertThat(got.get("isrc")).isEqualTo(want.get(6));
      assertThat(got.get("spotify_url")).isEqualTo(want.get(7));
    }
    assertThat(json.get(0).path("title").asText()).isEqualTo(FORMULA);
  }

  @Test
  void withDmsClosedTheFileComesAsAnEphemeralReply() throws Exception {
    start();
    link(ada, "ada-spotify", FakeCatalog.likedSongs(120));
    discord.closeDms(ada.id());

    Reply here = export(Map.of()).awaitReply(TIMEOUT, r -> !r.files().isEmpty());

    assertThat(here.ephemeral()).isTrue();
    assertThat(here.content()).contains("DMs are closed").contains("**120** songs");
    assertThat(here.files().get(0).filename()).isEqualTo("liked-songs.csv");
    assertThat(parseCsv(here.files().get(0).bytes())).hasSize(121);
  }

  @Test
  void notLinkedGetsTheSameReplyAsTheOtherCommands() throws Exception {
    start();

    Reply export = export(Map.of()).awaitReply(TIMEOUT);
    Reply count =
        discord
            .slashCommandInGuild(ada, GUILD, discord.guildChannelId(), "likes", "count", Map.of())
            .awaitReply(TIMEOUT);

    assertThat(export.content()).isEqualTo(count.content());
    assertThat(export.ephemeral()).isTrue();
    assertThat(discord.dmFiles(ada.id())).isEmpty();
  }

  @Test
  void statsAndExportShareTheHourlyReadLimit() throws Exception {
    start("LIBRARY_READS_PER_HOUR", "1");
    link(ada, "ada-spotify", FakeCatalog.likedSongs(60));
    discord
        .slashCommandInGuild(ada, GUILD, discord.guildChannelId(), "likes", "stats", Map.of())
        .awaitReply(TIMEOUT, r -> !r.embeds().isEmpty());

    Reply refused = export(Map.of()).awaitReply(TIMEOUT);

    assertThat(refused.content()).contains("as often as the bot allows in an hour");
    assertThat(refused.ephemeral()).isTrue();
    assertThat(discord.dmFiles(ada.id())).allMatch(List::isEmpty);
  }

  @Test
  void aStopAbandonsTheExportAndTellsTheMemberTheBotIsRestarting() throws Exception {
    start("LIBRARY_READ_BURST", "0", "LIBRARY_READ_REQUESTS_PER_SECOND", "2");
    link(ada, "ada-spotify", FakeCatalog.likedSongs(2_000));

    FakeInteraction export = export(Map.of());
    export.awaitReply(TIMEOUT, r -> r.content().startsWith(READING));
    bot.app.close();

    Reply told = export.awaitReply(TIMEOUT, r -> r.content().contains("restarting"));
    assertThat(told.content()).isEqualTo("The bot is restarting — try again in a moment.");
    assertThat(discord.dmFiles(ada.id())).allMatch(List::isEmpty);
  }
}
