package dev.likesbot.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likesbot.e2e.BotHarness;
import dev.likesbot.e2e.JarProcess;
import dev.likesbot.fake.discord.FakeDiscord;
import dev.likesbot.fake.discord.FakeUser;
import dev.likesbot.fake.discord.Reply;
import dev.likesbot.fake.spotify.FakeCatalog;
import dev.likesbot.fake.spotify.FakeSpotify;
import dev.likesbot.fake.spotify.SavedTrack;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The packaged bot ({@code target/likes-bot.jar}, started as an operator would, with the launch
 * flags we ship, no per-member limit) against the fake Discord and the fake Spotify (30 ms per
 * request): members link through the real OAuth flow, then send a stream of /likes commands while
 * the bot's resident set size is sampled from {@code /proc}.
 */
final class BotUnderLoad {
  static final int MEMBERS = 100;
  static final int LIBRARY = 10_000;
  static final int COMMANDS = 1_500;
  static final int IN_FLIGHT = 16;
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  record Result(
      int members,
      int library,
      int commands,
      int inFlight,
      long idleRssKb,
      long peakRssKb,
      double medianMillis,
      double p95Millis,
      double commandsPerSecond,
      long spotifyRequests) {}

  private BotUnderLoad() {}

  static Result run(Path dir) throws Exception {
    Files.createDirectories(dir);
    int webPort = BotHarness.freePort();
    String redirect = BotHarness.redirectUri(webPort);
    Process bot = null;
    try (FakeDiscord discord = FakeDiscord.start();
        FakeSpotify spotify =
            FakeSpotify.start(BotHarness.CLIENT_ID, BotHarness.CLIENT_SECRET, redirect)) {
      List<SavedTrack> library = List.copyOf(FakeCatalog.likedSongs(LIBRARY));
      bot = launch(dir, discord, spotify, webPort);
      discord.awaitCommandUpdates(1, TIMEOUT);

      List<FakeUser> members = new ArrayList<>();
      for (int i = 0; i < MEMBERS; i++) {
        FakeUser member = discord.user(310_000_000_000_000_000L + i, "member" + i);
        spotify.addUser("spotify-" + i, "Member " + i, library);
        HttpResponse<String> page =
            BotHarness.get(BotHarness.loginThroughDm(discord, spotify, member, "spotify-" + i));
        assertThat(page.statusCode()).isEqualTo(200);
        discord.awaitDm(
            member.id(), TIMEOUT, m -> m.path("content").asText().startsWith("Linked as"));
        members.add(member);
      }
      spotify.setLatency(LikesBench.LATENCY);
      long idle = rssKb(bot.pid());
      spotify.clearRequests();

      AtomicLong peak = new AtomicLong(idle);
      Process running = bot;
      Thread sampler =
          new Thread(
              () -> {
                while (!Thread.currentThread().isInterrupted()) {
                  peak.accumulateAndGet(rssKb(running.pid()), Math::max);
                  try {
                    Thread.sleep(50);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "rss-sampler");
      sampler.setDaemon(true);
      sampler.start();

      String[] subs = {"random", "count", "list"};
      ExecutorService load = Executors.newFixedThreadPool(IN_FLIGHT);
      long[] nanos = new long[COMMANDS];
      long start = System.nanoTime();
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < COMMANDS; i++) {
          int n = i;
          done.add(
              load.submit(
                  () -> {
                    long t = System.nanoTime();
                    Reply reply =
                        discord
                            .slashCommand(
                                members.get(n % MEMBERS), "likes", subs[n % subs.length], Map.of())
                            .awaitReply(TIMEOUT);
                    nanos[n] = System.nanoTime() - t;
                    assertThat(reply.ephemeral()).as("answer %s", reply).isFalse();
                    return null;
                  }));
        }
        for (Future<?> f : done) {
          f.get();
        }
      } finally {
        load.shutdownNow();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      sampler.interrupt();
      sampler.join();
      assertThat(discord.failures()).isEmpty();
      assertThat(spotify.failures()).isEmpty();
      Arrays.sort(nanos);
      return new Result(
          MEMBERS,
          LIBRARY,
          COMMANDS,
          IN_FLIGHT,
          idle,
          peak.get(),
          nanos[COMMANDS / 2] / 1e6,
          nanos[COMMANDS * 95 / 100] / 1e6,
          COMMANDS / seconds,
          spotify.count("GET", "/v1/me/tracks"));
    } finally {
      if (bot != null) {
        bot.destroy();
        bot.waitFor(15, TimeUnit.SECONDS);
      }
    }
  }

  private static Process launch(Path dir, FakeDiscord discord, FakeSpotify spotify, int webPort)
      throws IOException {
    Map<String, String> env =
        BotHarness.env(discord, spotify, webPort, dir.resolve("likes-bot.db"));
    // BotHarness.env turns the per-member limit off: this measures the bot, not the limit.
    return JarProcess.start(dir, dir.resolve("bot.log"), env);
  }

  /** VmRSS of a process, from /proc (Linux). */
  static long rssKb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException e) {
      return 0;
    }
    return 0;
  }
}
