package dev.likesbot.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.likesbot.config.BotConfig;
import dev.likesbot.config.Secret;
import dev.likesbot.fake.spotify.FakeCatalog;
import dev.likesbot.fake.spotify.FakeSpotify;
import dev.likesbot.likes.LikesService;
import dev.likesbot.link.LinkOutcome;
import dev.likesbot.link.LinkService;
import dev.likesbot.metrics.Metrics;
import dev.likesbot.spotify.SpotifyLibrary;
import dev.likesbot.spotify.TrackPage;
import dev.likesbot.spotify.webapi.WebApiSpotify;
import dev.likesbot.store.Database;
import dev.likesbot.store.JdbcShuffleStore;
import dev.likesbot.store.JdbcStore;
import dev.likesbot.testing.FakeTime;
import dev.likesbot.tokens.MemberTokens;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The benchmark behind {@code mvn -Pbench verify} (never part of the normal build): our {@link
 * LikesService} on the real {@link WebApiSpotify} adapter against the fake Spotify with 30 ms per
 * request, beside the naive baseline in the same run; the heap the caches hold per linked member;
 * and the packaged bot's resident memory under load. Writes {@code BENCHMARKS.md}.
 */
class LikesBench {
  private static final Logger log = LoggerFactory.getLogger(LikesBench.class);
  static final Duration LATENCY = Duration.ofMillis(30);

  /** {@code -Dbench.sizes=100,1000} for a quick trial; the report uses all four. */
  static final int[] SIZES =
      java.util.Arrays.stream(System.getProperty("bench.sizes", "100,1000,10000,100000").split(","))
          .mapToInt(s -> Integer.parseInt(s.strip()))
          .toArray();

  static final int OUR_RUNS = 21;
  static final String CLIENT_ID = "bench-client";
  static final String CLIENT_SECRET = "bench-client-secret";

  @TempDir Path dir;

  /** Runs of the baseline per size: a 100,000-song walk is 2,001 requests, about a minute. */
  static int baselineRuns(int size) {
    return size <= 1_000 ? 11 : size <= 10_000 ? 3 : 1;
  }

  record Measured(double requests, double medianMillis, int runs) {}

  record Row(int size, Measured count, Measured random, Measured baseline) {}

  /**
   * {@code -Dbench.only=burst} runs only the bursts and rewrites only their section; {@code
   * big-read} only the 100,000-song read ({@link BigRead}); {@code library} only {@link
   * LibraryBench}.
   */
  static final String ONLY = System.getProperty("bench.only", "");

  @Test
  void measureAndWriteBenchmarksMd() throws Exception {
    Path file = Path.of("BENCHMARKS.md");
    if (ONLY.equals("library")) {
      return; // LibraryBench runs on its own
    }
    if (ONLY.equals("big-read")) {
      BigRead.Result big = BigRead.run(Path.of("target", "bench-big-read").toAbsolutePath());
      String old = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
      Files.writeString(
          file,
          Report.withSection(old, BigRead.HEADING, BigRead.section(big)),
          StandardCharsets.UTF_8);
      return;
    }
    // Kept after the run (the temporary directory is not) to see what the processes logged.
    Bursts.Result bursts = Bursts.run(Path.of("target", "bench-bursts").toAbsolutePath());
    log.info("Bursts: {}", bursts);
    if (ONLY.equals("burst")) {
      String old = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
      Files.writeString(file, Report.withBursts(old, bursts), StandardCharsets.UTF_8);
      return;
    }
    List<Row> rows = new ArrayList<>();
    for (int size : SIZES) {
      rows.add(measure(size));
      log.info("Measured {} liked songs: {}", size, rows.get(rows.size() - 1));
    }
    HeapPerMember.Result heap = HeapPerMember.measure(100_000);
    log.info("Heap per member: {}", heap);
    BotUnderLoad.Result load = BotUnderLoad.run(dir.resolve("load"));
    log.info("Under load: {}", load);

    String report =
        Report.markdown(rows, heap, load, bursts)
            + "\n"
            + LibraryBench.section(LibraryBench.measure(dir.resolve("library")))
            + "\n"
            + BigRead.section(BigRead.run(Path.of("target", "bench-big-read").toAbsolutePath()));
    Files.writeString(file, report, StandardCharsets.UTF_8);

    for (Row row : rows) {
      assertThat(row.count().requests()).as("count at %d", row.size()).isEqualTo(1.0);
      assertThat(row.random().requests()).as("random at %d", row.size()).isLessThanOrEqualTo(2.0);
    }
  }

  private Row measure(int size) throws Exception {
    Path db = dir.resolve("bench-" + size + ".db");
    FakeTime time = new FakeTime();
    try (FakeSpotify spotify =
        FakeSpotify.start(CLIENT_ID, CLIENT_SECRET, "http://127.0.0.1:1/callback")) {
      spotify.addUser("member", "Member", FakeCatalog.likedSongs(size));
      WebApiSpotify adapter = WebApiSpotify.create(spotifyConfig(spotify), time, Metrics.NONE);
      Database database =
          Database.open(
              new BotConfig.Store(
                  "jdbc:sqlite:" + db,
                  "",
                  Optional.empty(),
                  Optional.empty(),
                  dir.resolve("bench-" + size + ".key")),
              new SecureRandom());
      JdbcStore store = new JdbcStore(database, time);
      MemberTokens tokens =
          new MemberTokens(store, adapter, time, Ticker.systemTicker(), Metrics.NONE);
      link(
          new LinkService(
              store,
              tokens,
              adapter,
              adapter,
              linked -> {},
              member -> {},
              member -> {},
              () -> false,
              new SecureRandom(),
              time,
              Optional.empty()),
          spotify);
      LikesService likes =
          new LikesService(
              tokens,
              adapter,
              new JdbcShuffleStore(database),
              new SecureRandom(),
              Duration.ofSeconds(60),
              time);
      spotify.setLatency(LATENCY);

      Measured count = time(spotify, OUR_RUNS, () -> likes.count("member"));
      // Every pick with an expired total: the worst case of two requests.
      Measured random =
          time(
              spotify,
              OUR_RUNS,
              () -> {
                time.advance(Duration.ofMinutes(2));
                return likes.random("member").song().orElseThrow();
              });
      String token = tokens.call("member", t -> t);
      Measured baseline = time(spotify, baselineRuns(size), () -> naiveCount(adapter, token, size));
      return new Row(size, count, random, baseline);
    }
  }

  /** How the original tutorial counted: every page of 50 until a short one. */
  static int naiveCount(SpotifyLibrary library, String token, int expected) {
    int counted = 0;
    while (true) {
      TrackPage page = library.savedTracks(token, counted, 50);
      counted += page.items().size();
      if (page.items().size() < 50) {
        assertThat(counted).isEqualTo(expected);
        return counted;
      }
    }
  }

  private static Measured time(FakeSpotify spotify, int runs, Supplier<?> operation) {
    operation.get(); // warm up the JIT, the connection and the caches below us
    spotify.clearRequests();
    long[] nanos = new long[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      operation.get();
      nanos[i] = System.nanoTime() - start;
    }
    java.util.Arrays.sort(nanos);
    double requests = (double) spotify.count("GET", "/v1/me/tracks") / runs;
    return new Measured(requests, nanos[runs / 2] / 1e6, runs);
  }

  static BotConfig.Spotify spotifyConfig(FakeSpotify spotify) {
    return new BotConfig.Spotify(
        CLIENT_ID,
        new Secret(CLIENT_SECRET),
        URI.create("http://127.0.0.1:1/callback"),
        URI.create(spotify.accountsBaseUrl()),
        URI.create(spotify.apiBaseUrl()),
        Duration.ofSeconds(30));
  }

  /** Links "member" through the real OAuth flow against the fake, as /link would. */
  private static void link(LinkService links, FakeSpotify spotify) {
    URI login = links.start("member", "member", "");
    spotify.nextLogin("member");
    Map<String, String> query = query(spotify.authorize(login));
    LinkOutcome outcome =
        links.complete(query.get("code"), query.get("state"), query.get("error"), null);
    assertThat(outcome).isInstanceOf(LinkOutcome.Linked.class);
  }

  static Map<String, String> query(URI uri) {
    Map<String, String> query = new HashMap<>();
    for (String pair : uri.getRawQuery().split("&")) {
      String[] kv = pair.split("=", 2);
      query.put(kv[0], URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8));
    }
    return query;
  }

  static String format(double value) {
    return String.format(Locale.US, value >= 100 ? "%,.0f" : "%,.1f", value);
  }
}
