package dev.likesbot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likesbot.config.BotConfig;
import dev.likesbot.fake.discord.FakeDiscord;
import dev.likesbot.fake.discord.FakeUser;
import dev.likesbot.fake.spotify.FakeSpotify;
import dev.likesbot.store.Database;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar and its store as an operator meets them: killed with SIGKILL, what it answered
 * before is still there; started with the wrong key, it stops and says how to fix it.
 */
class JarCrashIT {
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  @TempDir Path dir;
  private final FakeDiscord discord = FakeDiscord.start();
  private final List<Process> processes = new ArrayList<>();

  @AfterEach
  void stop() throws InterruptedException {
    for (Process p : processes) {
      if (p.isAlive()) {
        p.destroy();
        p.waitFor(15, TimeUnit.SECONDS);
      }
    }
    try {
      assertThat(discord.failures()).as("fake Discord saw no bad calls").isEmpty();
    } finally {
      discord.close();
    }
  }

  private Process launch(Map<String, String> env, String log) throws Exception {
    Process p = JarProcess.start(dir, dir.resolve(log), env);
    processes.add(p);
    return p;
  }

  private void awaitIdentifies(int count) throws InterruptedException {
    Instant deadline = Instant.now().plus(TIMEOUT);
    while (discord.identifyCount() < count) {
      assertThat(Instant.now()).as("the bot connects to Discord").isBefore(deadline);
      Thread.sleep(50);
    }
  }

  @Test
  void aLinkAnsweredRightBeforeASigkillIsThereAfterTheRestart() throws Exception {
    int port = BotHarness.freePort();
    try (FakeSpotify spotify =
        FakeSpotify.start(
            BotHarness.CLIENT_ID, BotHarness.CLIENT_SECRET, BotHarness.redirectUri(port))) {
      spotify.addUser("grace-spotify", "Grace Hopper", 42);
      Map<String, String> env = BotHarness.env(discord, spotify, port, dir.resolve("crash.db"));
      Process first = launch(env, "first.log");
      awaitIdentifies(1);
      discord.awaitCommandUpdates(1, TIMEOUT); // the jar queues it after READY
      FakeUser grace = discord.user(320000000000000002L, "grace");
      HttpResponse<String> page =
          BotHarness.get(BotHarness.loginThroughDm(discord, spotify, grace, "grace-spotify"));
      first.destroyForcibly(); // SIGKILL: no shutdown hook, no checkpoint, no clean close
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(first.waitFor(15, TimeUnit.SECONDS)).isTrue();
      assertThat(first.exitValue()).as("killed by signal 9").isEqualTo(137);

      launch(env, "second.log");
      awaitIdentifies(2);
      discord.awaitCommandUpdates(2, TIMEOUT);
      String count =
          discord
              .slashCommand(grace, "likes", "count", Map.of())
              .awaitReply(TIMEOUT, r -> !r.content().isEmpty())
              .content();

      assertThat(count).isEqualTo("You have 42 liked songs.");
      assertThat(spotify.codeExchanges("grace-spotify")).isEqualTo(1);
      assertThat(Files.readString(dir.resolve("second.log"), StandardCharsets.UTF_8))
          .doesNotContain("Generated a new encryption key")
          .doesNotContain(BotHarness.CLIENT_SECRET);
    }
  }

  @Test
  void aWrongKeyStopsTheJarWithTheFixAndLeavesTheDatabaseAlone() throws Exception {
    Path db = dir.resolve("keyed.db");
    BotConfig.Store store =
        new BotConfig.Store(
            "jdbc:sqlite:" + db, "", Optional.empty(), Optional.empty(), dir.resolve("k.key"));
    try (Database database = Database.open(store, new SecureRandom())) {
      assertThat(dir.resolve("k.key")).exists();
    }
    byte[] before = Files.readAllBytes(db);
    String wrongKey = Base64.getEncoder().encodeToString(new byte[32]);
    int port = BotHarness.freePort();
    Map<String, String> env = new HashMap<>();
    env.put("DISCORD_TOKEN", discord.botToken());
    env.put("DISCORD_API_BASE_URL", discord.apiBaseUrl());
    env.put("DISCORD_GATEWAY_URL", discord.gatewayUrl());
    env.put("SPOTIFY_CLIENT_ID", BotHarness.CLIENT_ID);
    env.put("SPOTIFY_CLIENT_SECRET", BotHarness.CLIENT_SECRET);
    env.put("SPOTIFY_REDIRECT_URI", BotHarness.redirectUri(port));
    env.put("WEB_HOST", "127.0.0.1");
    env.put("WEB_PORT", Integer.toString(port));
    env.put("STORE_URL", "jdbc:sqlite:" + db);
    env.put("STORE_ENCRYPTION_KEY", wrongKey);

    Process p = launch(env, "wrong-key.log");

    assertThat(p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(3);
    assertThat(Files.readString(dir.resolve("wrong-key.log"), StandardCharsets.UTF_8))
        .contains("were encrypted with another key than store.encryption-key")
        .contains("STORE_ENCRYPTION_KEY")
        .doesNotContain(wrongKey);
    assertThat(Files.readAllBytes(db)).isEqualTo(before);
    assertThat(discord.identifyCount()).as("stopped before logging in to Discord").isZero();
  }
}
