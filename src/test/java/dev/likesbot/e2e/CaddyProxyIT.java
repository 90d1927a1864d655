package dev.likesbot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.likesbot.fake.discord.FakeUser;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's Caddyfile, run by a real Caddy (Debian's {@code caddy}) in plain-http mode in
 * front of the running bot: the callback and the login pages reach the bot, its own endpoints do
 * not. Compose's caddy profile runs the same file with a domain, where Caddy adds HTTPS.
 */
class CaddyProxyIT {
  private static final Path CADDY = Path.of("/usr/bin/caddy");
  private static final Duration START_WAIT = Duration.ofSeconds(15);

  @TempDir Path dir;
  private BotHarness bot;
  private Process caddy;
  private int caddyPort;

  @BeforeEach
  void botBehindCaddy() throws Exception {
    requireCaddy();
    bot = new BotHarness(dir).start();
    caddyPort = BotHarness.freePort();
    caddy = startCaddy(caddyPort, bot.webPort);
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (caddy != null) {
      caddy.destroy();
      caddy.waitFor();
    }
    if (bot != null) {
      bot.close();
    }
  }

  /** Like the browser test: in CI ({@code CI=true}) a missing Caddy fails, elsewhere it skips. */
  private static void requireCaddy() {
    if (Files.isExecutable(CADDY)) {
      return;
    }
    String why = CADDY + " is missing: sudo apt-get install caddy (.ci/run does)";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError("CI must run the Caddy test: " + why);
    }
    Assumptions.assumeTrue(false, why);
  }

  /**
   * Adapts the Caddyfile as Compose would run it, with the domain as a plain-http address (no
   * certificates) and the bot on this machine, turns Caddy's admin endpoint off (a fixed port other
   * test runs may hold) and runs it.
   */
  private Process startCaddy(int port, int webPort) throws Exception {
    Path caddyfile = Path.of("Caddyfile").toAbsolutePath();
    Map<String, String> env =
        Map.of(
            "BOT_DOMAIN", "http://127.0.0.1:" + port,
            "BOT_UPSTREAM", "127.0.0.1:" + webPort);
    Process adapt =
        caddyProcess(env, "adapt", "--config", caddyfile.toString(), "--adapter", "caddyfile");
    byte[] json = adapt.getInputStream().readAllBytes();
    assertThat(adapt.waitFor()).as("caddy adapt: " + caddyLog("adapt")).isZero();
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode config = (ObjectNode) mapper.readTree(json);
    config.putObject("admin").put("disabled", true);
    Path adapted = dir.resolve("caddy.json");
    mapper.writeValue(adapted.toFile(), config);

    Process run = caddyProcess(env, "run", "--config", adapted.toString());
    long deadline = System.nanoTime() + START_WAIT.toNanos();
    while (!listening(port)) {
      assertThat(run.isAlive()).as("caddy run exited: " + caddyLog("run")).isTrue();
      assertThat(System.nanoTime()).as("caddy did not listen on " + port).isLessThan(deadline);
      Thread.sleep(50);
    }
    return run;
  }

  private Process caddyProcess(Map<String, String> env, String... args) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(Stream.concat(Stream.of(CADDY.toString()), Stream.of(args)).toList());
    builder.environment().putAll(env);
    // Caddy keeps its state under the XDG directories: inside the test's directory.
    builder.environment().put("XDG_DATA_HOME", dir.resolve("caddy-data").toString());
    builder.environment().put("XDG_CONFIG_HOME", dir.resolve("caddy-config").toString());
    builder.environment().put("HOME", dir.toString());
    builder.redirectError(dir.resolve("caddy-" + args[0] + ".log").toFile());
    return builder.start();
  }

  /** What Caddy wrote to standard error, for a failure's message. */
  private String caddyLog(String command) {
    try {
      return Files.readString(dir.resolve("caddy-" + command + ".log"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return e.toString();
    }
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private URI throughCaddy(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + caddyPort + pathAndQuery);
  }

  private URI direct(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + bot.webPort + pathAndQuery);
  }

  @Test
  void aMemberLinksThroughCaddyWithTheWholeCallbackQueryForwarded() throws Exception {
    FakeUser member = bot.discord.user(330000000000000021L, "caddy-member");
    bot.spotify.addUser("caddy-spotify", "Caddy Member", 3);
    URI callback = BotHarness.loginThroughDm(bot.discord, bot.spotify, member, "caddy-spotify");
    assertThat(callback.getPort()).isEqualTo(bot.webPort);

    HttpResponse<String> page =
        BotHarness.get(throughCaddy(callback.getRawPath() + "?" + callback.getRawQuery()));

    assertThat(page.statusCode()).isEqualTo(200);
    bot.discord.awaitDm(
        member.id(),
        BotHarness.TIMEOUT,
        m -> m.path("content").asText().startsWith("Linked as Caddy Member"));
  }

  @Test
  void theCallbackAndTheLoginPagesAnswerThroughCaddyExactlyAsTheBotDoes() throws Exception {
    for (String path :
        List.of("/callback?state=unknown-state&code=some-code", "/login/unknown-state")) {
      HttpResponse<String> proxied = BotHarness.get(throughCaddy(path));
      HttpResponse<String> own = BotHarness.get(direct(path));

      assertThat(proxied.statusCode()).as(path).isEqualTo(own.statusCode());
      assertThat(proxied.body()).as(path).isEqualTo(own.body()).isNotEmpty();
      assertThat(proxied.headers().firstValue("Content-Security-Policy"))
          .as(path)
          .isEqualTo(own.headers().firstValue("Content-Security-Policy"))
          .isPresent();
    }
  }

  @Test
  void metricsHealthAndEverythingElseAre404FromOutside() throws Exception {
    for (String path : List.of("/metrics", "/healthz", "/readyz")) {
      assertThat(BotHarness.get(direct(path)).statusCode()).as("bot " + path).isEqualTo(200);
    }

    for (String path :
        List.of("/metrics", "/healthz", "/readyz", "/", "/callbacks", "/login", "/x/callback")) {
      HttpResponse<String> proxied = BotHarness.get(throughCaddy(path));

      assertThat(proxied.statusCode()).as(path).isEqualTo(404);
      assertThat(proxied.body()).as(path).isEmpty();
      assertThat(proxied.headers().firstValue("Content-Security-Policy")).as(path).isEmpty();
    }
  }
}
