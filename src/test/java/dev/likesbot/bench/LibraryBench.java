package dev.likesbot.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.likesbot.config.BotConfig;
import dev.likesbot.fake.spotify.FakeCatalog;
import dev.likesbot.fake.spotify.FakeSpotify;
import dev.likesbot.fake.spotify.SavedTrack;
import dev.likesbot.library.LibraryReader;
import dev.likesbot.library.LibraryStats;
import dev.likesbot.library.LikedSong;
import dev.likesbot.library.ReadListener;
import dev.likesbot.library.ReadProgress;
import dev.likesbot.library.ReadResult;
import dev.likesbot.library.StatsChart;
import dev.likesbot.link.LinkOutcome;
import dev.likesbot.link.LinkService;
import dev.likesbot.metrics.Metrics;
import dev.likesbot.spotify.webapi.WebApiSpotify;
import dev.likesbot.store.Database;
import dev.likesbot.store.JdbcStore;
import dev.likesbot.tokens.MemberTokens;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whole-library reads (/likes stats) of 10,000 liked songs against the fake Spotify at 30 ms per
 * request, with the default {@code library.*} settings, beside the sequential walk in the same run:
 * the first stats (read, numbers and chart), a repeat, and a repeat after 100 songs were liked.
 * {@link LikesBench} adds the section to {@code BENCHMARKS.md}; run alone ({@code
 * -Dit.test=LibraryBench}) this replaces the section in the existing file. It also draws the
 * README's example chart from the fake library, and the picture of a whole stats answer ({@link
 * StatsMessageShot}, from its own library with names in several scripts).
 */
class LibraryBench {
  private static final Logger log = LoggerFactory.getLogger(LibraryBench.class);
  static final int SONGS = 10_000;
  static final int RUNS = 7;
  static final String HEADING = "## Whole-library reads";

  /** Pages in flight; the default of {@code library.max-concurrent-pages} unless overridden. */
  static final int PAGES = Integer.getInteger("bench.library.pages", 16);

  @TempDir Path dir;

  record Result(
      double firstMillis,
      long firstRequests,
      double walkMillis,
      long walkRequests,
      long repeatRequests,
      long addedRequests,
      int runs) {}

  @Test
  void measureAndWriteTheSection() throws Exception {
    if (!LikesBench.ONLY.isEmpty() && !LikesBench.ONLY.equals("library")) {
      return; // -Dbench.only names another part
    }
    Result result = measure(dir);
    log.info("Whole-library reads: {}", result);
    Path file = Path.of("BENCHMARKS.md");
    String md = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    Files.writeString(
        file, Report.withSection(md, HEADING, section(result)), StandardCharsets.UTF_8);
    assertThat(result.repeatRequests()).isEqualTo(1);
    assertThat(result.addedRequests()).isLessThanOrEqualTo(3);
    assertThat(result.firstRequests()).isLessThanOrEqualTo(201);
  }

  static String section(Result r) {
    return HEADING
        + "\n\n"
        + "`/likes stats` for "
        + String.format(Locale.US, "%,d", SONGS)
        + " liked songs: `LibraryReader` with the default `library.*` settings (a burst of 250"
        + " pages, "
        + PAGES
        + " in flight) on the real `WebApiSpotify` adapter and `MemberTokens`, against the"
        + " fake Spotify at 30 ms per request, then the numbers and the chart. The sequential walk"
        + " reads the same pages one after another in the same run. Medians of "
        + r.runs()
        + " runs, each with nothing kept from the one before.\n\n"
        + "| | requests | wall time |\n|---|---:|---:|\n"
        + "| first stats (read, numbers, chart) | "
        + r.firstRequests()
        + " | "
        + LikesBench.format(r.firstMillis())
        + " ms |\n"
        + "| sequential walk | "
        + r.walkRequests()
        + " | "
        + LikesBench.format(r.walkMillis())
        + " ms |\n"
        + "| repeat, library unchanged | "
        + r.repeatRequests()
        + " | |\n"
        + "| repeat after 100 songs were liked | "
        + r.addedRequests()
        + " | |\n\n"
        + "Goal: the first at most 1.5 s and 201 requests, a repeat 1 request, after 100 added at"
        + " most 3.\n";
  }

  static Result measure(Path dir) throws Exception {
    Files.createDirectories(dir);
    ExecutorService threads = Executors.newCachedThreadPool();
    try (FakeSpotify spotify =
        FakeSpotify.start(
            LikesBench.CLIENT_ID, LikesBench.CLIENT_SECRET, "http://127.0.0.1:1/callback")) {
      spotify.addUser("member", "Member", FakeCatalog.likedSongs(SONGS));
      InstantSource clock = InstantSource.system();
      WebApiSpotify adapter =
          WebApiSpotify.create(LikesBench.spotifyConfig(spotify), clock, Metrics.NONE);
      Database database =
          Database.open(
              new BotConfig.Store(
                  "jdbc:sqlite:" + dir.resolve("library.db"),
                  "",
                  Optional.empty(),
                  Optional.empty(),
                  dir.resolve("library.key")),
              new SecureRandom());
      JdbcStore store = new JdbcStore(database, clock);
      MemberTokens tokens =
          new MemberTokens(store, adapter, clock, Ticker.systemTicker(), Metrics.NONE);
      LinkService links =
          new LinkService(
              store,
              tokens,
              adapter,
              adapter,
              l -> {},
              member -> {},
              member -> {},
              () -> false,
              new SecureRandom(),
              clock,
              Optional.empty());
      URI login = links.start("member", "member", "");
      spotify.nextLogin("member");
      Map<String, String> query = LikesBench.query(spotify.authorize(login));
      assertThat(links.complete(query.get("code"), query.get("state"), query.get("error"), null))
          .isInstanceOf(LinkOutcome.Linked.class);
      spotify.setLatency(LikesBench.LATENCY);
      ExecutorService pages = Executors.newFixedThreadPool(PAGES);
      LibraryReader.PageSource source =
          (member, offset, limit) ->
              tokens.call(member, token -> adapter.savedTracks(token, offset, limit));

      for (int i = 0; i < 3; i++) {
        firstStats(newReader(source, threads, pages)); // warm up the JIT and the connections
      }
      double[] firsts = new double[RUNS];
      long firstRequests = 0;
      LibraryReader reader = null;
      for (int i = 0; i < RUNS; i++) {
        reader = newReader(source, threads, pages);
        spotify.clearRequests();
        long start = System.nanoTime();
        LibraryStats stats = firstStats(reader);
        firsts[i] = (System.nanoTime() - start) / 1e6;
        firstRequests = spotify.count("GET", "/v1/me/tracks");
        assertThat(stats.songs()).isEqualTo(SONGS);
        if (i == 0) {
          if (!StatsMessageShot.write(dir.resolve("stats-message"))) {
            log.warn(
                "No Chromium at {}: {} not redrawn",
                StatsMessageShot.BROWSER,
                StatsMessageShot.PICTURE);
          }
        }
      }
      Arrays.sort(firsts);

      spotify.clearRequests();
      String token = tokens.call("member", t -> t);
      long start = System.nanoTime();
      LikesBench.naiveCount(adapter, token, SONGS);
      double walk = (System.nanoTime() - start) / 1e6;
      long walkRequests = spotify.count("GET", "/v1/me/tracks");

      spotify.clearRequests();
      reader.read("member", p -> {}).get(60, TimeUnit.SECONDS);
      long repeat = spotify.count("GET", "/v1/me/tracks");

      List<SavedTrack> more = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        more.add(
            SavedTrack.of(
                FakeCatalog.NEWEST_LIKE.plusSeconds(1_000 - i), FakeCatalog.song("New " + i)));
      }
      more.addAll(FakeCatalog.likedSongs(SONGS));
      spotify.setLikedSongs("member", more);
      spotify.clearRequests();
      ReadResult added = reader.read("member", p -> {}).get(60, TimeUnit.SECONDS);
      long addedRequests = spotify.count("GET", "/v1/me/tracks");
      assertThat(added.songs()).isEqualTo(SONGS + 100);
      pages.shutdownNow();
      database.close();
      return new Result(
          firsts[RUNS / 2], firstRequests, walk, walkRequests, repeat, addedRequests, RUNS);
    } finally {
      threads.shutdownNow();
    }
  }

  private static LibraryReader newReader(
      LibraryReader.PageSource source, ExecutorService threads, ExecutorService pages) {
    return new LibraryReader(
        source,
        new LibraryReader.Settings(10, 250, PAGES, 1_000, 64L << 20),
        threads,
        pages,
        InstantSource.system(),
        Ticker.systemTicker(),
        d -> TimeUnit.NANOSECONDS.sleep(Math.max(0, d.toNanos())));
  }

  private static LibraryStats firstStats(LibraryReader reader) throws Exception {
    LibraryStats.Tally tally = new LibraryStats.Tally();
    reader
        .read(
            "member",
            new ReadListener() {
              @Override
              public void progress(ReadProgress p) {}

              @Override
              public void songs(int from, List<LikedSong> songs) {
                tally.add(songs);
              }
            })
        .get(60, TimeUnit.SECONDS);
    LibraryStats stats = tally.asOf(InstantSource.system().instant());
    StatsChart.png(stats, dev.likesbot.text.Texts.ENGLISH);
    return stats;
  }
}
