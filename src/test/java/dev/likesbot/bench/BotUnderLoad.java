package dev.likesbot.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.likesbot.fake.discord.FakeDiscord;
import dev.likesbot.fake.discord.FakeUser;
import dev.likesbot.fake.discord.Reply;
import dev.likesbot.fake.spotify.FakeCatalog;
import dev.likesbot.fake.spotify.FakeSpotify;
import dev.likesbot.fake.spotify.SavedTrack;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
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
 * The packaged bot ({@code target/likes-bot.jar}, started as an operator would, default JVM
 * settings, no per-member limit) against the fake Discord and the fake Spotify (30 ms per request):
 * members link through the real OAuth flow, then send a stream of /likes commands while the bot's
 * resident set size is sampled from {@code /proc}.
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
    int webPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      webPort = socket.getLocalPort();
    }
    String redirect = "http://127.0.0.1:" + webPort + "/callback";
    HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    Process bot = null;
    try (FakeDiscord discord = FakeDiscord.start();
        FakeSpotify spotify =
            FakeSpotify.start(LikesBench.CLIENT_ID, LikesBench.CLIENT_SECRET, redirect)) {
      List<SavedTrack> library = List.copyOf(FakeCatalog.likedSongs(LIBRARY));
      bot = launch(dir, discord, spotify, webPort);
      discord.awaitCommandUpdates(1, TIMEOUT);

      List<FakeUser> members = new ArrayList<>();
      for (int i = 0; i < MEMBERS; i++) {
        FakeUser member = discord.user(310_000_000_000_000_000L + i, "member" + i);
        spotify.addUser("spotify-" + i, "Member " + i, library);
        link(discord, spotify, browser, member, "spotify-" + i);
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
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                Path.of("target", "likes-bot.jar").toAbsolutePath().toString())
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("bot.log").toFile());
    Map<String, String> env = builder.environment();
    env.keySet()
        .removeIf(
            k ->
                k.startsWith("DISCORD_")
                    || k.startsWith("SPOTIFY_")
                    || k.startsWith("WEB_")
                    || k.startsWith("STORE_")
                    || k.startsWith("LIKES_")
                    || k.startsWith("BOT_"));
    env.put("DISCORD_TOKEN", discord.botToken());
    env.put("DISCORD_API_BASE_URL", discord.apiBaseUrl());
    env.put("DISCORD_GATEWAY_URL", discord.gatewayUrl());
    env.put("SPOTIFY_CLIENT_ID", LikesBench.CLIENT_ID);
    env.put("SPOTIFY_CLIENT_SECRET", LikesBench.CLIENT_SECRET);
    env.put("SPOTIFY_REDIRECT_URI", "http://127.0.0.1:" + webPort + "/callback");
    env.put("SPOTIFY_ACCOUNTS_BASE_URL", spotify.accountsBaseUrl());
    env.put("SPOTIFY_API_BASE_URL", spotify.apiBaseUrl());
    env.put("WEB_HOST", "127.0.0.1");
    env.put("WEB_PORT", Integer.toString(webPort));
    // Measures the bot, not the per-member limit, which would hold most commands back here.
    env.put("LIKES_LIMIT_BURST", "0");
    return builder.start();
  }

  private static void link(
      FakeDiscord discord, FakeSpotify spotify, HttpClient browser, FakeUser member, String id)
      throws Exception {
    discord.slashCommand(member, "link", null, Map.of()).awaitReply(TIMEOUT);
    JsonNode dm = discord.awaitDm(member.id(), TIMEOUT, m -> m.path("components").size() > 0);
    String login = dm.path("components").get(0).path("components").get(0).path("url").asText();
    spotify.nextLogin(id);
    HttpResponse<String> page =
        browser.send(
            HttpRequest.newBuilder(spotify.authorize(URI.create(login))).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    discord.awaitDm(member.id(), TIMEOUT, m -> m.path("content").asText().startsWith("Linked as"));
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
