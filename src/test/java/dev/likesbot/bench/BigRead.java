package dev.likesbot.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.likesbot.e2e.BotHarness;
import dev.likesbot.e2e.JarProcess;
import dev.likesbot.e2e.LaunchFlags;
import dev.likesbot.fake.discord.FakeDiscord;
import dev.likesbot.fake.discord.FakeInteraction;
import dev.likesbot.fake.discord.FakeUser;
import dev.likesbot.fake.discord.Reply;
import dev.likesbot.fake.spotify.FakeCatalog;
import dev.likesbot.fake.spotify.FakeSpotify;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 13's second goal: one member with 100,000 liked songs, the fake Spotify at 30 ms per
 * request and a few 429s with Retry-After injected while the library is read; the packaged bot with
 * the launch flags we ship and the default configuration. {@code /likes stats}, then {@code /likes
 * export}; while the stats read runs another member's {@code /likes random} must be answered. A
 * failure (no answer, out of memory, a dead process) is measured and reported, never thrown, so the
 * report says what happened.
 */
final class BigRead {
  private static final Logger log = LoggerFactory.getLogger(BigRead.class);
  static final String HEADING = "## 100,000 songs with 429s";
  static final int SONGS = 100_000;
  static final Duration LATENCY = Duration.ofMillis(30);

  /** Discord's interaction window: an answer after it never reaches the member. */
  static final Duration WINDOW = Duration.ofMinutes(15);

  /** After the bot logged an OutOfMemoryError, how long without a new message means it is stuck. */
  static final Duration AFTER_OOM = Duration.ofSeconds(60);

  static final Duration SETUP = Duration.ofSeconds(60);
  static final String READING = "Reading your liked songs…";
  static final String TRACKS = "/v1/me/tracks";

  /** Injected 429s: after this many page requests of a read, one 429 with this Retry-After. */
  static final List<Fault> FAULTS =
      List.of(new Fault(400, 2), new Fault(1_000, 5), new Fault(1_600, 3));

  /** The other member's /likes random goes out after this many page requests of the stats read. */
  static final int RANDOM_AFTER = 700;

  static final long BIG = 330_000_000_000_000_001L;
  static final long OTHER = 330_000_000_000_000_002L;

  record Fault(int afterRequests, int retryAfterSeconds) {}

  /**
   * One command's run: {@code answer} says how it ended ("answered" or why not), {@code wallMillis}
   * from sending it to its last message, the page requests it caused, the progress messages seen
   * (and whether their counts only grew and ended higher), the waits they showed.
   */
  record Command(
      String answer,
      boolean answered,
      double wallMillis,
      long requests,
      int progressEdits,
      boolean countsIncrease,
      String countsSeen,
      List<String> waits,
      String detail,
      long peakRssKb,
      boolean freshProcess,
      boolean outOfMemoryLogged) {}

  record Result(
      List<String> jvmFlags,
      Command stats,
      Command export,
      String random,
      boolean outOfMemory,
      List<String> discordFailures) {}

  private BigRead() {}

  static Result run(Path dir) throws Exception {
    if (Files.exists(dir)) {
      try (var old = Files.walk(dir)) {
        old.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    Files.createDirectories(dir);
    int webPort = BotHarness.freePort();
    try (FakeDiscord discord = FakeDiscord.start();
        FakeSpotify spotify =
            FakeSpotify.start(
                BotHarness.CLIENT_ID, BotHarness.CLIENT_SECRET, BotHarness.redirectUri(webPort))) {
      Map<String, String> env =
          BotHarness.env(discord, spotify, webPort, dir.resolve("likes-bot.db"));
      env.remove("LIKES_LIMIT_BURST"); // the default configuration: the per-member limit on
      Bot bot = new Bot(dir, env, discord);
      try {
        bot.start("bot.log");
        FakeUser big = discord.user(BIG, "big-library");
        FakeUser other = discord.user(OTHER, "other-member");
        link(discord, spotify, big, "big-spotify", SONGS);
        link(discord, spotify, other, "other-spotify", 1_000);
        spotify.setLatency(LATENCY);

        AtomicReference<CompletableFuture<String>> random = new AtomicReference<>();
        Command stats =
            bot.command(
                spotify,
                big,
                "stats",
                Map.of(),
                false,
                requests -> {
                  if (requests >= RANDOM_AFTER && random.get() == null) {
                    random.set(CompletableFuture.supplyAsync(() -> randomLatency(discord, other)));
                  }
                },
                BigRead::statsAnswer);
        String randomAnswer =
            random.get() == null
                ? "not sent (the read ended first)"
                : random.get().get(90, TimeUnit.SECONDS);
        log.info("Big read, stats: {}; random during it: {}", stats, randomAnswer);
        boolean fresh = !bot.process.isAlive() || bot.outOfMemory();
        if (fresh) {
          // Measure the export on its own rather than on a process that is already broken.
          bot.stop();
          bot.start("bot-export.log");
        }
        Command export =
            bot.command(
                spotify,
                big,
                "export",
                Map.of("format", "csv"),
                fresh,
                requests -> {},
                reply -> exportAnswer(discord, big, reply));
        log.info("Big read, export: {}", export);
        return new Result(
            LaunchFlags.shipped().jvmFlags(),
            stats,
            export,
            randomAnswer,
            bot.everOutOfMemory,
            discord.failures());
      } finally {
        bot.stop();
      }
    }
  }

  private static void link(
      FakeDiscord discord, FakeSpotify spotify, FakeUser member, String spotifyId, int songs)
      throws Exception {
    spotify.addUser(spotifyId, "Member " + spotifyId, FakeCatalog.likedSongs(songs));
    HttpResponse<String> page =
        BotHarness.get(BotHarness.loginThroughDm(discord, spotify, member, spotifyId));
    assertThat(page.statusCode()).isEqualTo(200);
    discord.awaitDm(member.id(), SETUP, m -> m.path("content").asText().startsWith("Linked as"));
  }

  /** The other member's /likes random: its latency, or why there was none. */
  private static String randomLatency(FakeDiscord discord, FakeUser other) {
    FakeInteraction random = discord.slashCommand(other, "likes", "random", Map.of());
    try {
      Reply reply = random.awaitReply(Duration.ofSeconds(60));
      if (reply.embeds().isEmpty()) {
        return "answered without a song: " + reply.content();
      }
      return String.format(Locale.US, "%,d ms", random.replyLatency().toMillis());
    } catch (AssertionError none) {
      return "no answer within 60 s";
    }
  }

  /** Whether the stats answer is complete: the embed and the chart. */
  private static String statsAnswer(Reply reply) {
    boolean chart = false;
    for (int i = 0; i < reply.files().size(); i++) {
      chart |= reply.files().get(i).filename().endsWith(".png");
    }
    if (!reply.embeds().isEmpty() && chart) {
      return "";
    }
    return "an error instead of the stats: “" + firstSentence(reply.content()) + "”";
  }

  /** An answer's first sentence, enough to say which answer it was (no mentions, no ids). */
  private static String firstSentence(String content) {
    int end = content.indexOf(". ");
    return (end < 0 ? content : content.substring(0, end + 1)).replace("|", "\\|");
  }

  /** Whether the export's file reached the DMs and parses back to every song, newest first. */
  private static String exportAnswer(FakeDiscord discord, FakeUser member, Reply reply) {
    if (!reply.content().contains("in your DMs")) {
      return "an error instead of the file: “" + firstSentence(reply.content()) + "”";
    }
    List<File> files = new ArrayList<>();
    var messages = discord.dmFiles(member.id());
    for (int m = 0; m < messages.size(); m++) {
      for (int i = 0; i < messages.get(m).size(); i++) {
        var upload = messages.get(m).get(i);
        if (upload.filename().startsWith("liked-songs")) {
          files.add(new File(upload.filename(), upload.bytes()));
        }
      }
    }
    try {
      byte[] csv = unpack(files);
      List<String[]> rows = parseCsv(csv);
      int songs = rows.size() - 1;
      for (int i = 1; i < rows.size(); i++) {
        if (!rows.get(i)[1].equals("Song " + i)) {
          return "row " + i + " is " + Arrays.toString(rows.get(i));
        }
      }
      return songs == SONGS
          ? ""
          : String.format(Locale.US, "the file held %,d songs, not %,d", songs, SONGS);
    } catch (IOException | RuntimeException e) {
      return "the file did not parse: " + e;
    }
  }

  /** A file the bot DMed. */
  private record File(String name, byte[] bytes) {}

  /** The CSV from the DM's files: as sent, zipped, or a zip cut into numbered parts. */
  private static byte[] unpack(List<File> files) throws IOException {
    if (files.isEmpty()) {
      throw new IOException("no file in the DMs");
    }
    if (files.size() == 1 && files.get(0).name().endsWith(".csv")) {
      return files.get(0).bytes();
    }
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    for (File part : files) {
      zip.write(part.bytes());
    }
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.toByteArray()))) {
      if (in.getNextEntry() == null) {
        throw new IOException("an empty zip");
      }
      return in.readAllBytes();
    }
  }

  private static List<String[]> parseCsv(byte[] bytes) throws IOException {
    int bom = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF ? 3 : 0;
    String text = new String(bytes, bom, bytes.length - bom, StandardCharsets.UTF_8);
    CsvMapper csv = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
    List<String[]> rows = new ArrayList<>();
    try (MappingIterator<String[]> it = csv.readerFor(String[].class).readValues(text)) {
      while (it.hasNext()) {
        rows.add(it.next());
      }
    }
    return rows;
  }

  private static final Pattern COUNTS = Pattern.compile("([\\d,]+) / ([\\d,…]+)");
  private static final Pattern WAIT = Pattern.compile("Spotify asked us to wait ([\\d,]+) s");

  /** The packaged bot as a process, restarted on the same database when it broke. */
  private static final class Bot {
    final Path dir;
    final Map<String, String> env;
    final FakeDiscord discord;
    Process process;
    Path log;
    boolean everOutOfMemory;

    Bot(Path dir, Map<String, String> env, FakeDiscord discord) {
      this.dir = dir;
      this.env = env;
      this.discord = discord;
    }

    void start(String logName) throws Exception {
      int updates = discord.commandUpdateCount();
      log = dir.resolve(logName);
      process = JarProcess.start(dir, log, env);
      discord.awaitCommandUpdates(updates + 1, SETUP);
    }

    void stop() throws InterruptedException {
      if (process != null && process.isAlive()) {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      }
    }

    boolean outOfMemory() {
      try {
        boolean oom = Files.readString(log, StandardCharsets.UTF_8).contains("OutOfMemoryError");
        everOutOfMemory |= oom;
        return oom;
      } catch (IOException e) {
        return false;
      }
    }

    /**
     * Runs one command and follows it until its last message, the process dies, it is stuck after
     * an OutOfMemoryError, or Discord's window passes; {@code duringRead} hears the page requests
     * so far about once a second, {@code check} says what is wrong with the final answer ("" when
     * nothing).
     */
    Command command(
        FakeSpotify spotify,
        FakeUser member,
        String sub,
        Map<String, Object> options,
        boolean freshProcess,
        java.util.function.LongConsumer duringRead,
        java.util.function.Function<Reply, String> check)
        throws Exception {
      spotify.clearRequests();
      List<Fault> faults = new ArrayList<>(FAULTS);
      Instant sent = Instant.now();
      long start = System.nanoTime();
      FakeInteraction call = discord.slashCommand(member, "likes", sub, options);
      long lastChange = System.nanoTime();
      int seen = 0;
      Optional<Reply> last = Optional.empty();
      String ended = "";
      while (true) {
        long requests = spotify.count("GET", TRACKS);
        while (!faults.isEmpty() && requests >= faults.get(0).afterRequests()) {
          Fault f = faults.remove(0);
          spotify.failNextRateLimited(Duration.ofSeconds(f.retryAfterSeconds()), 1, TRACKS);
        }
        duringRead.accept(requests);
        List<Reply> replies = call.replies();
        if (replies.size() > seen) {
          seen = replies.size();
          lastChange = System.nanoTime();
          Reply newest = replies.get(replies.size() - 1);
          if (!newest.content().startsWith(READING) || !newest.files().isEmpty()) {
            last = Optional.of(newest);
            break;
          }
        }
        if (!process.isAlive()) {
          ended = "the bot's process died (exit " + process.exitValue() + ")";
          break;
        }
        long now = System.nanoTime();
        if (outOfMemory() && now - lastChange > AFTER_OOM.toNanos()) {
          ended = "ran out of memory (OutOfMemoryError logged), no answer";
          break;
        }
        if (now - start > WINDOW.toNanos()) {
          ended = "no answer within 15 min";
          break;
        }
        Thread.sleep(250);
      }
      double wall =
          last.map(r -> Duration.between(sent, r.at()).toNanos() / 1e6)
              .orElse((System.nanoTime() - start) / 1e6);
      long requests = spotify.count("GET", TRACKS);
      spotify.clearFaults();
      List<Reply> progress =
          call.replies().stream()
              .filter(r -> r.content().startsWith(READING) && r.files().isEmpty())
              .toList();
      List<Long> counts = new ArrayList<>();
      LinkedHashSet<String> waits = new LinkedHashSet<>();
      for (Reply r : progress) {
        Matcher m = COUNTS.matcher(r.content());
        if (m.find()) {
          counts.add(Long.parseLong(m.group(1).replace(",", "")));
        }
        Matcher w = WAIT.matcher(r.content());
        if (w.find()) {
          waits.add(w.group(1) + " s");
        }
      }
      boolean increase = counts.size() >= 2 && counts.get(counts.size() - 1) > counts.get(0);
      for (int i = 1; i < counts.size(); i++) {
        increase &= counts.get(i) >= counts.get(i - 1);
      }
      String countsSeen =
          counts.isEmpty()
              ? "none"
              : String.format(Locale.US, "%,d → %,d", counts.get(0), counts.get(counts.size() - 1));
      String answer;
      String detail = "";
      boolean answered = false;
      if (last.isPresent()) {
        String wrong = check.apply(last.get());
        answered = wrong.isEmpty();
        boolean inWindow = wall <= WINDOW.toMillis();
        answer =
            answered && inWindow
                ? "answered"
                : answered ? "answered after the 15-min window" : "failed";
        detail = wrong;
      } else {
        answer = ended;
      }
      boolean oom = outOfMemory();
      long hwm = process.isAlive() ? Bursts.procStatusKb(process.pid(), "VmHWM:") : 0;
      return new Command(
          answer,
          answered,
          wall,
          requests,
          progress.size(),
          increase,
          countsSeen,
          List.copyOf(waits),
          detail,
          hwm,
          freshProcess,
          oom);
    }
  }

  static String section(Result r) {
    StringBuilder md = new StringBuilder();
    md.append(HEADING).append("\n\n");
    md.append(
        String.format(
            Locale.US,
            "Measured %s. Issue 13's second goal: the packaged `target/likes-bot.jar`, started"
                + " as a process with the launch flags we ship (`%s`) and the default"
                + " configuration (`library.read-burst=250` pages, then"
                + " `library.read-requests-per-second=10`, 16 pages in flight, a 16 MiB snapshot"
                + " budget; the per-member limit on), against the fake Discord and the fake"
                + " Spotify (%d ms per request). One member has %,d liked songs; while the bot"
                + " reads them Spotify answers %d of its page requests with 429 (after %s page"
                + " requests of the read,"
                + " with `Retry-After` %s s). `/likes stats`, then `/likes export` (CSV). When"
                + " the stats read has made %,d page requests, another member sends `/likes"
                + " random`. A command counts as answered when its last message came within"
                + " Discord's 15-minute interaction window and holds what it should: the embed"
                + " and the chart; the file in the member's DMs, whose rows parse back to every"
                + " song in order. The bot's log is checked for `OutOfMemoryError`; peak RSS is"
                + " the kernel's high-water mark (VmHWM) of the process after the command.\n\n",
            Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
            String.join(" ", r.jvmFlags()),
            LATENCY.toMillis(),
            SONGS,
            FAULTS.size(),
            String.join(
                ", ",
                FAULTS.stream()
                    .map(f -> String.format(Locale.US, "%,d", f.afterRequests()))
                    .toList()),
            String.join(
                ", ", FAULTS.stream().map(f -> Integer.toString(f.retryAfterSeconds())).toList()),
            RANDOM_AFTER));
    md.append("| | `/likes stats` | `/likes export` |\n|---|---|---|\n");
    row(md, "outcome", outcome(r.stats()), outcome(r.export()));
    row(md, "wall time", wall(r.stats()), wall(r.export()));
    row(
        md,
        "Spotify page requests",
        String.format(Locale.US, "%,d", r.stats().requests()),
        String.format(Locale.US, "%,d", r.export().requests()));
    row(
        md,
        "progress messages seen (first → last count)",
        progress(r.stats()),
        progress(r.export()));
    row(md, "counts only grew", grew(r.stats()), grew(r.export()));
    row(md, "waits shown (\"Spotify asked us to wait\")", waits(r.stats()), waits(r.export()));
    row(md, "peak RSS of the bot (VmHWM)", rss(r.stats()), rss(r.export()));
    md.append('\n');
    md.append("Another member's `/likes random` sent during the stats read: ")
        .append(r.random())
        .append(".\n\n");
    md.append(
        r.outOfMemory()
            ? "The bot logged `OutOfMemoryError`"
                + (r.export().freshProcess()
                    ? "; the export ran on a freshly started process, on the same database."
                    : ".")
            : "The bot logged no `OutOfMemoryError`.");
    md.append(
        r.discordFailures().isEmpty()
            ? " The fake Discord saw no bad calls.\n\n"
            : " The fake Discord refused "
                + r.discordFailures().size()
                + " calls (e.g. after the interaction window).\n\n");
    md.append(
        "Goal: both complete within Discord's 15-minute interaction window with bounded memory,"
            + " the progress moves, and the other member's `/likes random` is answered while the"
            + " read runs.\n\n");
    md.append(
        "Before (main at 79d209c, measured by this benchmark on 2026-12-03): both commands failed"
            + " after about three minutes with \"Something went wrong talking to Spotify\": the read"
            + " held every song (about 600 bytes each) and the export built its file in the heap, so"
            + " the 64 MiB heap ran out (`OutOfMemoryError` inside the JSON parser, reported as an"
            + " unreadable Spotify answer). Since then a read larger than the snapshot budget only"
            + " streams its pages, stats are counted as pages arrive, and the export is written to a"
            + " temporary file and uploaded from it.\n");
    return md.toString();
  }

  private static String outcome(Command c) {
    String outcome = c.answer() + (c.detail().isEmpty() ? "" : ": " + c.detail());
    return c.outOfMemoryLogged() && !c.answer().startsWith("ran out of memory")
        ? outcome + "; the bot's log shows `OutOfMemoryError`"
        : outcome;
  }

  private static String wall(Command c) {
    String t = String.format(Locale.US, "%,.1f s", c.wallMillis() / 1000);
    if (c.answer().equals("failed")) {
      return t + " until the error";
    }
    return c.answered() ? t : "— (gave up after " + t + ")";
  }

  private static String progress(Command c) {
    return String.format(Locale.US, "%,d (%s)", c.progressEdits(), c.countsSeen());
  }

  /** Fewer than two progress messages (e.g. a repeat answered from the snapshot) show nothing. */
  private static String grew(Command c) {
    return c.progressEdits() < 2 ? "—" : c.countsIncrease() ? "yes" : "no";
  }

  private static String waits(Command c) {
    return c.waits().isEmpty() ? "none" : String.join(", ", c.waits());
  }

  private static String rss(Command c) {
    return c.peakRssKb() == 0
        ? "n/a (process gone)"
        : String.format(Locale.US, "%,d MiB", c.peakRssKb() / 1024);
  }

  private static void row(StringBuilder md, String what, String stats, String export) {
    md.append("| ").append(what).append(" | ").append(stats).append(" | ").append(export);
    md.append(" |\n");
  }
}
