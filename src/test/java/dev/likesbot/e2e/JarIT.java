package dev.likesbot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.likesbot.fake.discord.FakeDiscord;
import dev.likesbot.fake.discord.FakeInteraction;
import dev.likesbot.fake.discord.FakeUser;
import dev.likesbot.fake.discord.Reply;
import dev.likesbot.fake.spotify.FakeSpotify;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The packaged jar, as an operator starts it, pointed at the fakes through configuration. */
class JarIT {
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  @TempDir Path dir;
  private final FakeDiscord discord = FakeDiscord.start();
  private Process process;

  @AfterEach
  void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      process.waitFor(15, TimeUnit.SECONDS);
    }
    discord.close();
  }

  private Process launch(Map<String, String> env, String... args) throws IOException {
    process = JarProcess.start(dir, dir.resolve("out.log"), env, args);
    return process;
  }

  /** The exit code of {@code p}, which must end within the timeout. */
  private static int exitOf(Process p) throws InterruptedException {
    assertThat(p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    return p.exitValue();
  }

  private String output() throws IOException {
    return Files.readString(dir.resolve("out.log"), StandardCharsets.UTF_8);
  }

  /** The fake Spotify for the jar's own app credentials (so its secret is ours to look for). */
  private static FakeSpotify spotify(int port) {
    return FakeSpotify.start("jar-client", "jar-client-secret", BotHarness.redirectUri(port));
  }

  private Map<String, String> env(String token, FakeSpotify spotify, int port) {
    Map<String, String> env = new HashMap<>();
    env.put("DISCORD_TOKEN", token);
    env.put("DISCORD_API_BASE_URL", discord.apiBaseUrl());
    env.put("DISCORD_GATEWAY_URL", discord.gatewayUrl());
    env.put("SPOTIFY_CLIENT_ID", "jar-client");
    env.put("SPOTIFY_CLIENT_SECRET", "jar-client-secret");
    env.put("SPOTIFY_REDIRECT_URI", BotHarness.redirectUri(port));
    env.put(
        "SPOTIFY_ACCOUNTS_BASE_URL",
        spotify == null ? "http://127.0.0.1:1" : spotify.accountsBaseUrl());
    env.put("SPOTIFY_API_BASE_URL", spotify == null ? "http://127.0.0.1:1" : spotify.apiBaseUrl());
    env.put("WEB_HOST", "127.0.0.1");
    env.put("WEB_PORT", Integer.toString(port));
    return env;
  }

  @Test
  void aBadConfigurationListsEveryProblemAndExitsNonZero() throws Exception {
    Process p = launch(Map.of("WEB_PORT", "eighty"));

    assertThat(exitOf(p)).isEqualTo(2);
    assertThat(output())
        .contains("discord.token (env DISCORD_TOKEN) is missing")
        .contains("spotify.redirect-uri (env SPOTIFY_REDIRECT_URI) is missing")
        .contains("web.port (env WEB_PORT) is 'eighty'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/healthz", "/login/callback"})
  void aRedirectPathTheWebServerAnswersItselfIsAConfigurationErrorNotACrash(String path)
      throws Exception {
    int port = BotHarness.freePort();
    Map<String, String> env = env(discord.botToken(), null, port);
    env.put("SPOTIFY_REDIRECT_URI", "http://127.0.0.1:" + port + path);
    Process p = launch(env);

    assertThat(exitOf(p)).as(output()).isEqualTo(2);
    assertThat(output())
        .contains(
            "spotify.redirect-uri (env SPOTIFY_REDIRECT_URI) has the path "
                + path
                + ", which the bot's web server answers itself")
        .contains("use another path such as /callback")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
    assertThat(dir.resolve("likes-bot.db")).as("nothing was started").doesNotExist();
  }

  @Test
  void aNamedConfigFileThatIsMissingIsReported() throws Exception {
    Process p = launch(Map.of(), "missing.properties");

    assertThat(exitOf(p)).isEqualTo(2);
    assertThat(output()).contains("missing.properties does not exist");
  }

  @Test
  void checkPrintsAUtf8ChecklistEvenInThePosixLocaleAndExitsZeroWhenAllIsWell() throws Exception {
    int port = BotHarness.freePort();
    try (FakeSpotify spotify = spotify(port)) {
      Map<String, String> env = env(discord.botToken(), spotify, port);
      env.put("LC_ALL", "C");
      env.put("LANG", "C");
      Process p = launch(env, "--check");

      assertThat(exitOf(p)).as(output()).isZero();
      assertThat(output())
          .contains("✔ Discord (discord.token)")
          .contains("✔ Spotify app")
          .contains("All 7 checks passed.")
          .doesNotContain("jar-client-secret");
    }
  }

  @Test
  void checkExitsNonZeroOnAFailure() throws Exception {
    Map<String, String> env =
        env("wrong-token-that-must-not-be-printed", null, BotHarness.freePort());
    Process p = launch(env, "--check", "absent.properties");

    assertThat(exitOf(p)).isEqualTo(1);
    assertThat(output())
        .contains("✘ Configuration: configuration file")
        .contains("absent.properties does not exist");
  }

  @Test
  void aTokenDiscordRejectsEndsTheProcessWithoutPrintingIt() throws Exception {
    Process p = launch(env("wrong-token-that-must-not-be-printed", null, BotHarness.freePort()));

    assertThat(exitOf(p)).isEqualTo(3);
    assertThat(output())
        .contains("Discord rejected discord.token")
        .doesNotContain("wrong-token-that-must-not-be-printed");
  }

  @Test
  void aStoreThatCannotOpenEndsTheStartWithItsOwnMessageAndExitsThree() throws Exception {
    Files.writeString(dir.resolve("not-a-directory"), "", StandardCharsets.UTF_8);
    Map<String, String> env = env(discord.botToken(), null, BotHarness.freePort());
    env.put("STORE_URL", "jdbc:sqlite:not-a-directory/likes-bot.db");
    Process p = launch(env);

    assertThat(exitOf(p)).as(output()).isEqualTo(3);
    assertThat(output())
        .contains("Cannot start likes-bot: ")
        .contains("not-a-directory")
        .doesNotContain("CompletionException")
        .doesNotContain("Exception in thread");
  }

  @Test
  void theJarLinksAndCountsAgainstTheFakes() throws Exception {
    int port = BotHarness.freePort();
    try (FakeSpotify spotify = spotify(port)) {
      spotify.addUser("grace-spotify", "Grace Hopper", 42);
      Files.writeString(
          dir.resolve("bot.properties"), "store.url=jdbc:sqlite:jar.db\n", StandardCharsets.UTF_8);
      launch(env(discord.botToken(), spotify, port));
      FakeUser grace = linkGrace(spotify);

      Reply count = discord.slashCommand(grace, "likes", "count", Map.of()).awaitReply(TIMEOUT);
      assertThat(count.content()).isEqualTo("You have 42 liked songs.");
      assertThat(dir.resolve("jar.db")).exists();
      assertThat(output()).doesNotContain("jar-client-secret").doesNotContain(discord.botToken());
      // The packaged logging: readable lines, Jetty's and Flyway's INFO chatter left out.
      assertThat(output())
          .containsPattern(
              "(?m)^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  \\[main\\]"
                  + " dev\\.likesbot\\.App - likes-bot is running$")
          .doesNotContainPattern("(?m)^\\S+ \\S+ INFO  \\[[^]]+\\] o\\.(eclipse|flywaydb)\\.");
    }
  }

  @Test
  void sigtermFinishesTheCommandInFlightTurnsNewOnesAwayAndExitsZero() throws Exception {
    int port = BotHarness.freePort();
    try (FakeSpotify spotify = spotify(port)) {
      spotify.addUser("grace-spotify", "Grace Hopper", 42);
      Process p = launch(env(discord.botToken(), spotify, port));
      FakeUser grace = linkGrace(spotify);
      FakeUser alan = discord.user(320000000000000003L, "alan");
      spotify.setLatency(
          Duration.ofSeconds(2)); // in flight at the SIGTERM, well within the 5 s drain

      FakeInteraction slow = discord.slashCommand(grace, "likes", "count", Map.of());
      until(slow::acknowledged, TIMEOUT, "the slow command to be acknowledged");
      p.destroy(); // SIGTERM
      until(
          () -> output().contains("Stopping: finishing the commands in flight"),
          TIMEOUT,
          "the bot to start stopping");
      Reply turnedAway = discord.slashCommand(alan, "likes", "count", Map.of()).awaitReply(TIMEOUT);
      HttpResponse<String> ready =
          BotHarness.get(URI.create("http://127.0.0.1:" + port + "/readyz"));

      assertThat(ready.statusCode()).isEqualTo(503);
      assertThat(ready.body()).contains("shutting down");

      assertThat(turnedAway.content()).isEqualTo("The bot is restarting — try again in a moment.");
      assertThat(turnedAway.ephemeral()).isTrue();
      assertThat(slow.awaitReply(TIMEOUT).content()).isEqualTo("You have 42 liked songs.");
      assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("stopped within 10 s").isTrue();
      assertThat(p.exitValue()).isZero();
      assertThat(output()).contains("likes-bot stopped");
      assertThat(discord.failures()).isEmpty();
    }
  }

  @Test
  void logFormatJsonWritesOneJsonObjectPerLine() throws Exception {
    int port = BotHarness.freePort();
    try (FakeSpotify spotify = spotify(port)) {
      Map<String, String> env = env(discord.botToken(), spotify, port);
      env.put("LOG_FORMAT", "json");
      env.put("LOG_LEVELS", "dev.likesbot=DEBUG");
      launch(env);

      until(
          () -> output().contains("\"message\":\"likes-bot is running\""),
          TIMEOUT,
          "the JSON line saying the bot runs");

      ObjectMapper json = new ObjectMapper();
      List<String> lines = output().lines().filter(l -> !l.isBlank()).toList();
      assertThat(lines).isNotEmpty();
      for (String line : lines) {
        JsonNode event = json.readTree(line);
        assertThat(event.path("@timestamp").isTextual()).as(line).isTrue();
        assertThat(event.path("level").isTextual()).as(line).isTrue();
        assertThat(event.path("logger_name").isTextual()).as(line).isTrue();
      }
      assertThat(output()).doesNotContain(discord.botToken()).doesNotContain("jar-client-secret");
    }
  }

  interface Condition {
    boolean holds() throws Exception;
  }

  private static void until(Condition condition, Duration timeout, String what) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  /** Links grace-spotify through /link, the DM and the browser, once the jar is up. */
  private FakeUser linkGrace(FakeSpotify spotify) throws Exception {
    discord.awaitIdentified(TIMEOUT);
    discord.awaitCommandUpdates(1, TIMEOUT);
    FakeUser grace = discord.user(320000000000000002L, "grace");
    HttpResponse<String> page =
        BotHarness.get(BotHarness.loginThroughDm(discord, spotify, grace, "grace-spotify"));
    assertThat(page.statusCode()).isEqualTo(200);
    return grace;
  }

  @Test
  void helpPrintsTheUsageAndExitsZeroInsteadOfReadingAConfigFileNamedHelp() throws Exception {
    Process p = launch(new HashMap<>(), "--help");

    assertThat(p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output()).isZero();
    assertThat(output())
        .startsWith("Usage: java -jar likes-bot.jar [--check] [CONFIG]")
        .contains("BOT_CONFIG")
        .doesNotContain("--help does not exist");
  }

  @Test
  void anUnknownOptionExitsTwoNamingHelp() throws Exception {
    Process p = launch(new HashMap<>(), "--chek");

    assertThat(p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output()).isEqualTo(2);
    assertThat(output())
        .isEqualTo(
            "likes-bot: unknown option --chek: the options are --check and --help"
                + " (see java -jar likes-bot.jar --help)\n");
  }
}
