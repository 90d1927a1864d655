package dev.likesbot.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.likesbot.e2e.BotHarness;
import dev.likesbot.e2e.JarProcess;
import dev.likesbot.e2e.LaunchFlags;
import dev.likesbot.fake.discord.FakeDiscord;
import dev.likesbot.fake.discord.FakeInteraction;
import dev.likesbot.fake.discord.FakeUser;
import dev.likesbot.fake.discord.Reply;
import dev.likesbot.fake.spotify.FakeCatalog;
import dev.likesbot.fake.spotify.FakeSpotify;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bursts of {@code /likes random}: the packaged bot, started with the launch flags we ship and the
 * default configuration (the per-member limit on), beside the floor ({@link FloorBot}) in the same
 * run, both as processes against the fake Discord and the fake Spotify (50 ms per request). A cold
 * burst right after start, a warm one from other members a few seconds later; the bot's peak
 * resident memory over both, its native memory breakdown, and its time to ready.
 */
final class Bursts {
  static final int MEMBERS_PER_BURST = 50;
  static final int COMMANDS_PER_BURST = 200;
  static final int LIBRARY = 1_000;
  static final Duration LATENCY = Duration.ofMillis(50);
  static final Duration WARM_GAP = Duration.ofSeconds(3);
  static final Duration TIMEOUT = Duration.ofSeconds(60);
  static final long FIRST_MEMBER = 320_000_000_000_000_000L;

  record Latency(double medianMillis, double p95Millis) {}

  record Run(
      Latency cold,
      Latency warm,
      long peakRssKb,
      long rssAfterKb,
      int threads,
      double readyMillis,
      Map<String, Long> nmtCommittedKb) {}

  record Result(List<String> jvmFlags, Map<String, String> mallocEnv, Run bot, Run floor) {}

  private Bursts() {}

  static Result run(Path dir) throws Exception {
    if (Files.exists(dir)) {
      try (var old = Files.walk(dir)) {
        old.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    Files.createDirectories(dir);
    LaunchFlags shipped = LaunchFlags.shipped();
    int webPort = BotHarness.freePort();
    try (FakeSpotify spotify =
        FakeSpotify.start(
            BotHarness.CLIENT_ID, BotHarness.CLIENT_SECRET, BotHarness.redirectUri(webPort))) {
      List<FakeUser> members = new ArrayList<>();
      Run bot;
      try (FakeDiscord discord = FakeDiscord.start()) {
        Map<String, String> env = botEnv(discord, spotify, webPort, dir);
        // Link every member through the real OAuth flow in a first process, then start afresh:
        // the cold burst meets a JVM that has done nothing yet.
        Process setup = JarProcess.start(dir, dir.resolve("setup.log"), env);
        try {
          discord.awaitCommandUpdates(1, TIMEOUT);
          for (int i = 0; i < 2 * MEMBERS_PER_BURST; i++) {
            FakeUser member = discord.user(FIRST_MEMBER + i, "member" + i);
            spotify.addUser("spotify-" + i, "Member " + i, FakeCatalog.likedSongs(LIBRARY));
            HttpResponse<String> page =
                BotHarness.get(BotHarness.loginThroughDm(discord, spotify, member, "spotify-" + i));
            assertThat(page.statusCode()).isEqualTo(200);
            discord.awaitDm(
                member.id(), TIMEOUT, m -> m.path("content").asText().startsWith("Linked as"));
            members.add(member);
          }
        } finally {
          stop(setup);
        }
        spotify.setLatency(LATENCY);
        int updates = discord.commandUpdateCount();
        long started = System.nanoTime();
        Process process =
            JarProcess.start(
                List.of("-XX:NativeMemoryTracking=summary"), dir, dir.resolve("bot.log"), env);
        try {
          awaitReady(URI.create("http://127.0.0.1:" + webPort + "/readyz"), process);
          double ready = (System.nanoTime() - started) / 1e6;
          discord.awaitCommandUpdates(updates + 1, TIMEOUT);
          bot = measure(discord, process, members, ready);
        } finally {
          stop(process);
        }
        assertThat(discord.failures()).as("fake Discord saw no bad calls").isEmpty();
      }
      Run floor;
      try (FakeDiscord discord = FakeDiscord.start()) {
        Path tokens = dir.resolve("floor-tokens.txt");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
          lines.add(members.get(i).id() + " " + accessToken(spotify, "spotify-" + i, webPort));
        }
        Files.write(tokens, lines);
        long started = System.nanoTime();
        Process process = startFloor(shipped, dir, discord, spotify, tokens);
        try {
          discord.awaitCommandUpdates(1, TIMEOUT);
          double ready = (System.nanoTime() - started) / 1e6;
          floor = measure(discord, process, members, ready);
        } finally {
          stop(process);
        }
        assertThat(discord.failures()).as("fake Discord saw no bad calls").isEmpty();
      }
      assertThat(spotify.failures()).isEmpty();
      return new Result(shipped.jvmFlags(), shipped.mallocEnv(), bot, floor);
    }
  }

  /** The default configuration (the per-member limit on), pointed at the fakes. */
  private static Map<String, String> botEnv(
      FakeDiscord discord, FakeSpotify spotify, int webPort, Path dir) {
    Map<String, String> env =
        BotHarness.env(discord, spotify, webPort, dir.resolve("likes-bot.db"));
    env.remove("LIKES_LIMIT_BURST");
    // -Dbench.bot-env=BOT_WORKER_THREADS=8,... to measure one setting against the default.
    for (String pair : System.getProperty("bench.bot-env", "").split(",")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        env.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
      }
    }
    return env;
  }

  private static Run measure(
      FakeDiscord discord, Process process, List<FakeUser> members, double readyMillis)
      throws Exception {
    AtomicLong peak = new AtomicLong();
    Thread sampler = sampler(process.pid(), peak);
    try {
      Latency cold = burst(discord, members.subList(0, MEMBERS_PER_BURST));
      Thread.sleep(WARM_GAP.toMillis());
      Latency warm = burst(discord, members.subList(MEMBERS_PER_BURST, 2 * MEMBERS_PER_BURST));
      // VmHWM is the kernel's own high-water mark since start; the sampler is a cross-check.
      long hwm = Math.max(procStatusKb(process.pid(), "VmHWM:"), peak.get());
      long rss = procStatusKb(process.pid(), "VmRSS:");
      int threads = (int) procStatusKb(process.pid(), "Threads:");
      return new Run(cold, warm, hwm, rss, threads, readyMillis, nmt(process.pid()));
    } finally {
      sampler.interrupt();
      sampler.join();
    }
  }

  /** All commands at once, four per member; every one must be answered with a song. */
  private static Latency burst(FakeDiscord discord, List<FakeUser> members) {
    List<FakeInteraction> calls = new ArrayList<>();
    for (int i = 0; i < COMMANDS_PER_BURST; i++) {
      calls.add(discord.slashCommand(members.get(i % members.size()), "likes", "random", Map.of()));
    }
    long[] nanos = new long[calls.size()];
    for (int i = 0; i < calls.size(); i++) {
      Reply reply = calls.get(i).awaitReply(TIMEOUT);
      assertThat(reply.ephemeral()).as("answered with a song: %s", reply).isFalse();
      assertThat(reply.raw().path("embeds").size()).as("a card: %s", reply).isPositive();
      nanos[i] = calls.get(i).replyLatency().toNanos();
    }
    java.util.Arrays.sort(nanos);
    return new Latency(
        nanos[nanos.length / 2] / 1e6, nanos[(int) Math.ceil(nanos.length * 0.95) - 1] / 1e6);
  }

  private static Process startFloor(
      LaunchFlags shipped, Path dir, FakeDiscord discord, FakeSpotify spotify, Path tokens)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(shipped.jvmFlags());
    command.add("-XX:NativeMemoryTracking=summary");
    command.add("-cp");
    command.add(testClassPath());
    command.add(FloorBot.class.getName());
    command.addAll(
        List.of(
            discord.botToken(),
            discord.apiBaseUrl(),
            discord.gatewayUrl(),
            spotify.apiBaseUrl(),
            tokens.toString()));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("floor.log").toFile());
    builder.environment().putAll(shipped.mallocEnv());
    return builder.start();
  }

  /** The classpath the tests run on (Surefire's booter jar hides it in its own property). */
  private static String testClassPath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank()
        ? surefire
        : System.getProperty("java.class.path");
  }

  /** An access token for a member, straight from the fake's authorization code flow. */
  private static String accessToken(FakeSpotify spotify, String spotifyId, int webPort)
      throws Exception {
    String redirect = BotHarness.redirectUri(webPort);
    spotify.nextLogin(spotifyId);
    URI callback =
        spotify.authorize(
            URI.create(
                spotify.accountsBaseUrl()
                    + "/authorize?response_type=code&client_id="
                    + BotHarness.CLIENT_ID
                    + "&scope=user-library-read&state=floor&redirect_uri="
                    + URLEncoder.encode(redirect, StandardCharsets.UTF_8)));
    String code = LikesBench.query(callback).get("code");
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(spotify.accountsBaseUrl() + "/api/token"))
                    .header(
                        "Authorization",
                        "Basic "
                            + Base64.getEncoder()
                                .encodeToString(
                                    (BotHarness.CLIENT_ID + ":" + BotHarness.CLIENT_SECRET)
                                        .getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "grant_type=authorization_code&code="
                                + URLEncoder.encode(code, StandardCharsets.UTF_8)
                                + "&redirect_uri="
                                + URLEncoder.encode(redirect, StandardCharsets.UTF_8)))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return new ObjectMapper().readTree(response.body()).path("access_token").asText();
  }

  private static void awaitReady(URI readyz, Process process) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      assertThat(process.isAlive()).as("the bot is running").isTrue();
      try {
        if (client
                .send(
                    HttpRequest.newBuilder(readyz).timeout(Duration.ofSeconds(1)).build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode()
            == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(10);
    }
    throw new AssertionError("the bot was not ready within " + TIMEOUT);
  }

  private static Thread sampler(long pid, AtomicLong peak) {
    Thread sampler =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(procStatusKb(pid, "VmRSS:"), Math::max);
                try {
                  Thread.sleep(20);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "rss-sampler");
    sampler.setDaemon(true);
    sampler.start();
    return sampler;
  }

  private static void stop(Process process) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** A figure of /proc/PID/status (Linux): kB for the Vm* lines, a count for Threads. */
  static long procStatusKb(long pid, String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith(field)) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException e) {
      return 0;
    }
    return 0;
  }

  private static final Pattern NMT_LINE =
      Pattern.compile("^-\\s+(.+?) \\(reserved=\\d+KB, committed=(\\d+)KB\\)");
  private static final Pattern NMT_TOTAL =
      Pattern.compile("^Total: reserved=\\d+KB, committed=(\\d+)KB");

  /** Committed kB per category of {@code jcmd PID VM.native_memory summary}, with "Total". */
  static Map<String, Long> nmt(long pid) throws Exception {
    Process jcmd =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid),
                "VM.native_memory",
                "summary")
            .redirectErrorStream(true)
            .start();
    String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    jcmd.waitFor(30, TimeUnit.SECONDS);
    Map<String, Long> committed = new LinkedHashMap<>();
    for (String line : out.split("\n")) {
      String l = line.strip();
      Matcher total = NMT_TOTAL.matcher(l);
      if (total.find()) {
        committed.put("Total", Long.parseLong(total.group(1)));
      }
      Matcher m = NMT_LINE.matcher(l);
      if (m.find()) {
        committed.put(m.group(1).strip(), Long.parseLong(m.group(2)));
      }
    }
    Matcher threads = Pattern.compile("\\(thread #(\\d+)\\)").matcher(out);
    if (threads.find()) {
      committed.put("threads (count)", Long.parseLong(threads.group(1)));
    }
    return committed;
  }
}
