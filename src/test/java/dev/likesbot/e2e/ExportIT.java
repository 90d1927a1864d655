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
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipInputStream;
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

  static final String TRACKS = "/v1/me/tracks";
  static final long DISCORD_UPLOAD_LIMIT = 10L * 1024 * 1024;

  @TempDir Path dir;
  private BotHarness bot;
  private FakeDiscord discord;
  private FakeSpotify spotify;
  private FakeUser ada;

  /**
   * Starts the bot; its FakeTime follows the wall clock (reads are paced on it) and stamps the fake
   * Discord's messages, so the pace of the progress edits is checked on the bot's own clock.
   */
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

  /** The temporary files the bot's exports hold now. */
  private List<Path> temporaryFiles() {
    return bot.app.libraryReads().export().temporaryFiles();
  }

  /** The export's file on disk while the read runs: only the bot's user may read it. */
  private List<Path> heldWhileReading(FakeInteraction export) throws Exception {
    export.awaitReply(TIMEOUT, r -> r.content().startsWith(READING) && songsRead(r) > 0);
    List<Path> held = temporaryFiles();
    assertThat(held).as("the rows go into a file as pages arrive").isNotEmpty();
    for (Path file : held) {
      assertThat(file.getParent()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
      assertThat(Files.getPosixFilePermissions(file))
          .containsExactlyInAnyOrder(
              PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }
    return held;
  }

  /**
   * The export deletes its files once Discord answered the last upload, which may be just after the
   * test saw the message: waits (bounded) for that, then checks.
   */
  private void assertGone(List<Path> files) throws InterruptedException {
    awaitNoTemporaryFiles();
    assertThat(files).allSatisfy(f -> assertThat(f).doesNotExist());
    assertThat(temporaryFiles()).isEmpty();
  }

  private void awaitNoTemporaryFiles() throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!temporaryFiles().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }

  private static int songsRead(Reply progress) {
    String[] parts = progress.content().split("\n")[0].split(" ");
    return Integer.parseInt(parts[parts.length - 3].replace(",", ""));
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
    List<Path> held = heldWhileReading(export);
    Reply done = export.awaitReply(TIMEOUT, r -> r.content().contains("in your DMs"));

    assertGone(held);
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
  void aOneSongLibraryIsOneSongInEveryMessage() throws Exception {
    start();
    link(ada, "ada-spotify", FakeCatalog.likedSongs(1));

    Reply done = export(Map.of()).awaitReply(TIMEOUT, r -> r.content().contains("in your DMs"));

    assertThat(done.content()).isEqualTo("Done — your Liked Songs (**1** song) are in your DMs.");
    JsonNode dm =
        discord.awaitDm(
            ada.id(), TIMEOUT, m -> m.path("content").asText().startsWith("Your Liked Songs"));
    assertThat(dm.path("content").asText())
        .isEqualTo("Your Liked Songs: **1** song, newest first.");
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
  void aFileThatCannotFollowTheAnswerIsToldToTheMemberPrivately() throws Exception {
    start();
    link(ada, "ada-spotify", FakeCatalog.likedSongs(120));
    discord.closeDms(ada.id());
    // The answer is an edit of the placeholder; the file follows it, and Discord refuses that.
    discord.failNextRest("POST", "webhooks/", 413, 1);

    FakeInteraction export = export(Map.of());
    Reply here = export.awaitReply(TIMEOUT, r -> r.content().contains("DMs are closed"));
    Reply told = export.awaitReply(TIMEOUT, r -> r.content().contains("went wrong"));

    assertThat(told.ephemeral()).isTrue();
    assertThat(told.content()).contains("error id ");
    assertThat(export.replies().indexOf(told)).isGreaterThan(export.replies().indexOf(here));
    assertThat(export.replies()).noneMatch(r -> !r.files().isEmpty());
    awaitNoTemporaryFiles();
    assertThat(temporaryFiles()).isEmpty();
  }

  @Test
  void withDmsClosedTheFileComesAsAnEphemeralReply() throws Exception {
    start();
    link(ada, "ada-spotify", FakeCatalog.likedSongs(120));
    discord.closeDms(ada.id());

    FakeInteraction export = export(Map.of());
    Reply file = export.awaitReply(TIMEOUT, r -> !r.files().isEmpty());

    Reply here = export.awaitReply(TIMEOUT, r -> r.content().contains("DMs are closed"));
    assertThat(here.ephemeral()).isTrue();
    assertThat(here.content()).contains("**120** songs");
    assertThat(export.replies().indexOf(file)).isGreaterThan(export.replies().indexOf(here));
    assertThat(file.ephemeral()).isTrue();
    assertThat(file.files())
        .singleElement()
        .satisfies(f -> assertThat(f.filename()).isEqualTo("liked-songs.csv"));
    assertThat(parseCsv(file.files().get(0).bytes())).hasSize(121);
    awaitNoTemporaryFiles();
    assertThat(temporaryFiles()).isEmpty();
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
    List<Path> held = heldWhileReading(export);
    bot.app.close();

    Reply told = export.awaitReply(TIMEOUT, r -> r.content().contains("restarting"));
    assertThat(told.content()).isEqualTo("The bot is restarting — try again in a moment.");
    assertThat(discord.dmFiles(ada.id())).allMatch(List::isEmpty);
    assertGone(held);
  }

  @Test
  void aFailedUploadLeavesNoFileBehind() throws Exception {
    start("LIBRARY_READ_BURST", "0", "LIBRARY_READ_REQUESTS_PER_SECOND", "10");
    link(ada, "ada-spotify", FakeCatalog.likedSongs(1_000));
    discord.failNextRest("POST", "channels/", 403, 1);

    FakeInteraction export = export(Map.of());
    List<Path> held = heldWhileReading(export);
    Reply failed = export.awaitReply(TIMEOUT, r -> r.content().contains("went wrong"));

    assertThat(failed.ephemeral()).isTrue();
    assertGone(held);
  }

  @Test
  void aRateLimitInTheMiddlePausesTheExportWhichResumesAndTheFileIsStillExact() throws Exception {
    start("LIBRARY_READ_BURST", "0", "LIBRARY_READ_REQUESTS_PER_SECOND", "10");
    List<SavedTrack> library = FakeCatalog.likedSongs(1_000);
    link(ada, "ada-spotify", library);

    FakeInteraction export = export(Map.of());
    export.awaitReply(TIMEOUT, r -> r.content().startsWith(READING) && songsRead(r) > 0);
    spotify.failNext(429, 1, TRACKS);
    Reply waiting =
        export.awaitReply(TIMEOUT, r -> r.content().contains("Spotify asked us to wait 1 s."));
    export.awaitReply(TIMEOUT, r -> r.content().contains("in your DMs"));

    assertThat(songsRead(waiting)).isBetween(1, 999);
    assertThat(spotify.requests().stream().filter(r -> r.path().equals(TRACKS)))
        .filteredOn(r -> r.status() == 429)
        .hasSize(1);
    var files = discord.dmFiles(ada.id());
    List<List<String>> rows = parseCsv(files.get(files.size() - 1).get(0).bytes());
    assertThat(rows.subList(1, rows.size())).containsExactlyElementsOf(expectedRows(library));
  }

  @Test
  void theProgressEditsComeInOrderAtMostOneASecondBeforeTheAnswer() throws Exception {
    start("LIBRARY_READ_BURST", "0", "LIBRARY_READ_REQUESTS_PER_SECOND", "20");
    link(ada, "ada-spotify", FakeCatalog.likedSongs(3_000));

    FakeInteraction export = export(Map.of());
    Reply done = export.awaitReply(TIMEOUT, r -> r.content().contains("in your DMs"));

    List<Reply> progress =
        export.replies().stream().filter(r -> r.content().startsWith(READING)).toList();
    assertThat(progress)
        .as("progress edits while 60 pages are read at 20 a second")
        .hasSizeGreaterThan(1);
    assertThat(progress.get(0).content()).matches(READING + " [▰▱]{10} [\\d,]+ / [\\d,…]+");
    assertThat(progress.stream().map(ExportIT::songsRead).toList()).isSorted();
    for (int i = 1; i < progress.size(); i++) {
      assertThat(Duration.between(progress.get(i - 1).at(), progress.get(i).at()))
          .as("edit %d came at least a second after the one before", i)
          .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }
    assertThat(export.replies().indexOf(done)).isEqualTo(export.replies().size() - 1);
  }

  /**
   * A library whose zipped CSV is over Discord's 10 MiB for one upload: long titles of random
   * characters hardly compress. Discord's limit cannot be lowered for a test, and a self-hoster has
   * no reason to lower it, so the library is made big enough instead (the fake refuses an upload
   * over 10 MiB as Discord does).
   */
  private static List<SavedTrack> tooLargeForOneUpload() {
    Random random = new Random(13);
    FakeArtist artist = FakeArtist.of(FakeCatalog.spotifyId("artist:big"), "Big");
    FakeAlbum album = FakeAlbum.of(FakeCatalog.spotifyId("album:big"), "Big", artist, "2001", 1);
    List<SavedTrack> songs = new ArrayList<>();
    char[] title = new char[6_000];
    for (int i = 0; i < 2_500; i++) {
      for (int c = 0; c < title.length; c++) {
        title[c] = (char) ('!' + random.nextInt(94));
      }
      FakeTrack track =
          FakeTrack.of(
              FakeCatalog.spotifyId("track:big" + i), new String(title), artist, album, 1_000);
      songs.add(SavedTrack.of(FakeCatalog.NEWEST_LIKE.minusSeconds(i), track));
    }
    return songs;
  }

  private static List<List<String>> expectedRows(List<SavedTrack> library) {
    List<List<String>> want = new ArrayList<>();
    for (SavedTrack s : library) {
      want.add(expected(s).stream().map(ExportIT::defused).toList());
    }
    return want;
  }

  /** One file as uploaded. */
  private record Part(String filename, byte[] bytes) {}

  /** Joins the parts in order as {@code cat} would and unzips the one file inside. */
  private static byte[] joinAndUnzip(List<Part> parts) throws Exception {
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    for (int i = 0; i < parts.size(); i++) {
      assertThat(parts.get(i).filename()).isEqualTo(String.format("liked-songs.zip.%03d", i + 1));
      joined.writeBytes(parts.get(i).bytes());
    }
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(joined.toByteArray()))) {
      assertThat(zip.getNextEntry().getName()).isEqualTo("liked-songs.csv");
      byte[] csv = zip.readAllBytes();
      assertThat(zip.getNextEntry()).as("one file in the zip").isNull();
      return csv;
    }
  }

  @Test
  void aLibraryTooLargeForOneUploadComesAsNumberedZipPartsThatJoinBackToTheCsv() throws Exception {
    start("LIBRARY_READ_BURST", "0", "LIBRARY_READ_REQUESTS_PER_SECOND", "20");
    List<SavedTrack> library = tooLargeForOneUpload();
    link(ada, "ada-spotify", library);
    int before = discord.dmFiles(ada.id()).size();

    FakeInteraction export = export(Map.of());
    List<Path> held = heldWhileReading(export);
    export.awaitReply(Duration.ofSeconds(60), r -> r.content().contains("in your DMs"));

    var dms = discord.dmFiles(ada.id());
    var messages = dms.subList(before, dms.size());
    assertThat(messages).as("more than one message").hasSizeGreaterThan(1);
    List<Part> parts = new ArrayList<>();
    for (var message : messages) {
      assertThat(message).hasSizeBetween(1, 10);
      long size = 0;
      for (var file : message) {
        size += file.size();
        parts.add(new Part(file.filename(), file.bytes()));
      }
      assertThat(size).isLessThanOrEqualTo(DISCORD_UPLOAD_LIMIT);
    }
    List<List<String>> rows = parseCsv(joinAndUnzip(parts));
    assertThat(rows.get(0)).isEqualTo(HEADER);
    assertThat(rows.subList(1, rows.size())).containsExactlyElementsOf(expectedRows(library));
    assertGone(held);
  }

  @Test
  void withDmsClosedEveryPartComesInOrderAsAnEphemeralFollowUp() throws Exception {
    start("LIBRARY_READ_BURST", "20", "LIBRARY_READ_REQUESTS_PER_SECOND", "50");
    List<SavedTrack> library = tooLargeForOneUpload();
    link(ada, "ada-spotify", library);
    discord.closeDms(ada.id());

    FakeInteraction export = export(Map.of());
    Reply here =
        export.awaitReply(Duration.ofSeconds(60), r -> r.content().contains("DMs are closed"));
    export.awaitReply(
        TIMEOUT, r -> r.raw().path("attachments").toString().contains("liked-songs.zip.002"));
    awaitNoTemporaryFiles(); // every part sent: the export deleted its files
    long followUps =
        export.calls().stream()
            .filter(c -> c.method().equals("POST") && c.path().startsWith("webhooks/"))
            .count();
    export.awaitReply(
        TIMEOUT,
        r -> export.replies().stream().filter(x -> !x.files().isEmpty()).count() >= followUps);

    assertThat(here.ephemeral()).isTrue();
    List<Reply> withFiles = export.replies().stream().filter(r -> !r.files().isEmpty()).toList();
    assertThat(withFiles).allSatisfy(r -> assertThat(r.ephemeral()).isTrue());
    assertThat(withFiles).hasSizeGreaterThan(1);
    List<Part> parts = new ArrayList<>();
    for (Reply reply : withFiles) {
      for (var file : reply.files()) {
        parts.add(new Part(file.filename(), file.bytes()));
      }
    }
    List<List<String>> rows = parseCsv(joinAndUnzip(parts));
    assertThat(rows.subList(1, rows.size())).containsExactlyElementsOf(expectedRows(library));
    assertThat(temporaryFiles()).isEmpty();
  }
}
