package dev.likesbot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likesbot.e2e.BotHarness;
import dev.likesbot.fake.discord.FakeDiscord;
import dev.likesbot.fake.spotify.FakeSpotify;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --check} against the fakes: a clean setup passes, each mistake gets its own ✘. */
class SetupCheckIT {
  @TempDir Path dir;
  private FakeDiscord discord;
  private FakeSpotify spotify;
  private Map<String, String> env;
  private int webPort;

  @BeforeEach
  void start() {
    webPort = BotHarness.freePort();
    discord = FakeDiscord.start();
    spotify =
        FakeSpotify.start(
            BotHarness.CLIENT_ID, BotHarness.CLIENT_SECRET, BotHarness.redirectUri(webPort));
    env = new java.util.HashMap<>(BotHarness.env(discord, spotify, webPort, dir.resolve("bot.db")));
  }

  @AfterEach
  void stop() {
    discord.close();
    spotify.close();
  }

  private record Result(int exit, String output) {
    List<String> failures() {
      return output.lines().filter(l -> l.startsWith("✘")).toList();
    }

    /** The one ✘ line of a check that must fail on exactly one point. */
    String onlyFailure() {
      assertThat(failures()).hasSize(1);
      return failures().get(0);
    }
  }

  private Result check() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int exit =
        SetupCheck.run(
            dir.resolve("absent.properties"),
            false,
            env,
            new PrintStream(bytes, true, StandardCharsets.UTF_8),
            InstantSource.system());
    return new Result(exit, bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aGoodSetupPassesEveryCheckAndExitsZero() {
    Result result = check();

    assertThat(result.exit()).as(result.output()).isZero();
    assertThat(result.failures()).isEmpty();
    assertThat(result.output())
        .contains("✔ Configuration")
        .contains("✔ Store (store.url)")
        .contains("✔ Discord (discord.token): Discord accepted the token of bot likes-bot")
        .contains("✔ Discord application (discord.application-id)")
        .contains("✔ Spotify app")
        .contains("✔ Redirect URI")
        .contains("✔ Web server")
        .contains("All 7 checks passed.")
        .doesNotContain(discord.botToken())
        .doesNotContain(BotHarness.CLIENT_SECRET);
    assertThat(dir.resolve("bot.db")).exists();
    assertThat(discord.failures()).isEmpty();
    assertThat(spotify.failures()).isEmpty();
  }

  @Test
  void aBadConfigurationListsEachProblemAndStopsThere() {
    env.remove("DISCORD_TOKEN");
    env.put("WEB_PORT", "eighty");

    Result result = check();

    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.failures())
        .hasSize(2)
        .anySatisfy(l -> assertThat(l).contains("discord.token (env DISCORD_TOKEN) is missing"))
        .anySatisfy(l -> assertThat(l).contains("web.port (env WEB_PORT) is 'eighty'"));
    assertThat(result.output()).contains("Fix the configuration first");
  }

  @Test
  void aStoreInAMissingDirectoryFailsWithItsFix() {
    env.put("STORE_URL", "jdbc:sqlite:" + dir.resolve("no/such/dir/bot.db"));

    Result result = check();

    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.onlyFailure()).startsWith("✘ Store (store.url): cannot open the store");
    assertThat(result.output()).contains("fix: the database's directory must exist");
  }

  @Test
  void aTokenDiscordRejectsFailsWithoutPrintingIt() {
    env.put("DISCORD_TOKEN", "wrong-token-never-printed");

    Result result = check();

    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.onlyFailure()).contains("Discord rejected the bot token");
    assertThat(result.output()).contains("Reset Token").doesNotContain("wrong-token-never-printed");
  }

  @Test
  void aTokenOfAnotherApplicationFailsTheApplicationCheck() {
    env.put("DISCORD_APPLICATION_ID", "123456789012345678");

    Result result = check();

    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.onlyFailure())
        .startsWith("✘ Discord application")
        .contains("id " + discord.applicationId())
        .contains("not to discord.application-id=123456789012345678");
  }

  @Test
  void theMatchingApplicationIdPasses() {
    env.put("DISCORD_APPLICATION_ID", Long.toString(discord.applicationId()));

    Result result = check();

    assertThat(result.exit()).as(result.output()).isZero();
  }

  @Test
  void aServerTheBotIsNotInFailsTheServerCheck() {
    env.put("DISCORD_GUILD_ID", "123456789012345678");

    Result result = check();

    assertThat(result.onlyFailure())
        .startsWith("✘ Discord server (discord.guild-id)")
        .contains("not in the server discord.guild-id=123456789012345678");
  }

  @Test
  void theServerTheBotIsInPasses() {
    long guild = 400000000000000004L;
    discord.close();
    discord = FakeDiscord.start(FakeDiscord.Options.defaults().withGuild(guild));
    env.putAll(BotHarness.env(discord, spotify, webPort, dir.resolve("bot.db")));
    env.put("DISCORD_GUILD_ID", Long.toString(guild));

    Result result = check();

    assertThat(result.exit()).as(result.output()).isZero();
    assertThat(result.output())
        .contains("✔ Discord server (discord.guild-id): the bot is in server");
    assertThat(discord.failures()).isEmpty();
  }

  @Test
  void anUnreachableDiscordSaysWhichUrlItTried() {
    env.put("DISCORD_API_BASE_URL", "http://127.0.0.1:" + BotHarness.freePort() + "/api/v10/");

    Result result = check();

    assertThat(result.onlyFailure()).contains("cannot reach Discord at discord.api-base-url=");
  }

  @Test
  void aSpotifySecretSpotifyRejectsFailsWithoutPrintingIt() {
    env.put("SPOTIFY_CLIENT_SECRET", "wrong-secret-never-printed");

    Result result = check();

    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.onlyFailure()).contains("Spotify rejected the client id or secret");
    assertThat(result.output()).doesNotContain("wrong-secret-never-printed");
    assertThat(spotify.failures()).singleElement().asString().contains("wrong client secret");
  }

  @Test
  void aRedirectUriOnAnotherPortThanTheWebServerFails() {
    env.put("SPOTIFY_REDIRECT_URI", "http://127.0.0.1:" + (webPort + 1) + "/callback");

    Result result = check();

    assertThat(result.onlyFailure())
        .startsWith("✘ Redirect URI")
        .contains("but the web server listens on web.port=" + webPort);
  }

  @Test
  void aLocalhostRedirectUriFailsBecauseSpotifyRefusesIt() {
    env.put("SPOTIFY_REDIRECT_URI", "http://localhost:" + webPort + "/callback");

    Result result = check();

    assertThat(result.onlyFailure()).contains("Spotify does not accept localhost");
  }

  @Test
  void aPlainHttpRedirectUriToAPublicHostFails() {
    env.put("SPOTIFY_REDIRECT_URI", "http://likes.example.org/callback");

    Result result = check();

    assertThat(result.onlyFailure()).contains("plain http only for 127.0.0.1");
  }

  @Test
  void anHttpsRedirectUriIsTakenToGoThroughAProxy() {
    env.put("SPOTIFY_REDIRECT_URI", "https://likes.example.org/callback");

    Result result = check();

    assertThat(result.exit()).as(result.output()).isZero();
    assertThat(result.output())
        .contains(
            "reverse proxy must forward it and the login pages under /login/ to web.port="
                + webPort);
  }

  @Test
  void aRedirectPathTheServerUsesItselfIsAConfigurationProblem() {
    env.put("SPOTIFY_REDIRECT_URI", "http://127.0.0.1:" + webPort + "/healthz");

    Result result = check();

    assertThat(result.exit()).isEqualTo(SetupCheck.EXIT_FAILED);
    assertThat(result.onlyFailure())
        .startsWith("✘ Configuration: spotify.redirect-uri")
        .contains("which the bot's web server answers itself");
  }

  @Test
  void aPortInUseFails() throws Exception {
    try (ServerSocket taken = new ServerSocket(webPort, 1, InetAddress.getByName("127.0.0.1"))) {
      Result result = check();

      assertThat(taken.isBound()).isTrue();
      assertThat(result.onlyFailure()).startsWith("✘ Web server").contains("127.0.0.1:" + webPort);
    }
  }
}
