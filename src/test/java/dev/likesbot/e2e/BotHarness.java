package dev.likesbot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.likesbot.App;
import dev.likesbot.config.BotConfig;
import dev.likesbot.fake.discord.FakeDiscord;
import dev.likesbot.fake.discord.FakeUser;
import dev.likesbot.fake.discord.JdaWarnings;
import dev.likesbot.fake.discord.Reply;
import dev.likesbot.fake.spotify.FakeSpotify;
import dev.likesbot.testing.FakeTime;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** The bot as App wires it, on the two fakes, with helpers to act as members. */
final class BotHarness implements AutoCloseable {
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  final FakeTime time = new FakeTime(Instant.now());
  final FakeDiscord discord = FakeDiscord.start();
  final int webPort = TestEnv.freePort();
  final FakeSpotify spotify =
      FakeSpotify.start(TestEnv.CLIENT_ID, TestEnv.CLIENT_SECRET, TestEnv.redirectUri(webPort));
  final Map<String, String> env;
  final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  App app;

  BotHarness(Path dir) {
    env = TestEnv.env(discord, spotify, webPort, dir.resolve("likes-bot.db"));
    JdaWarnings.clear();
  }

  BotHarness with(String envName, String value) {
    env.put(envName, value);
    return this;
  }

  BotConfig config() {
    return BotConfig.load(Path.of("absent.properties"), false, env);
  }

  BotHarness start() {
    app = App.start(config(), time, time);
    // App.start queues the bulk command update; a command sent before it lands is "unregistered".
    discord.awaitCommandUpdates(1, TIMEOUT);
    return this;
  }

  /** Stops the bot and starts a new one on the same database, as after a restart. */
  void restart() {
    app.close();
    app = App.start(config(), time, time);
  }

  Reply run(FakeUser user, String command, String sub) {
    return discord.slashCommand(user, command, sub, Map.of()).awaitReply(TIMEOUT);
  }

  HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  static String firstButtonUrl(JsonNode message) {
    for (JsonNode row : message.path("components")) {
      for (JsonNode button : row.path("components")) {
        if (button.hasNonNull("url")) {
          return button.get("url").asText();
        }
      }
    }
    throw new AssertionError("no link button in " + message);
  }

  /** A new member, linked through /link, the DM, Spotify's login and the callback. */
  FakeUser linkedMember(long id, String spotifyId, int likedSongs) throws Exception {
    FakeUser user = discord.user(id, "member-" + id);
    spotify.addUser(spotifyId, "Name " + spotifyId, likedSongs);
    assertThat(get(TestEnv.loginThroughDm(discord, spotify, user, spotifyId)).statusCode())
        .isEqualTo(200);
    discord.awaitDm(user.id(), TIMEOUT, m -> m.path("content").asText().startsWith("Linked as"));
    return user;
  }

  /** Stops the bot and checks neither fake saw a protocol error and JDA warned of nothing. */
  @Override
  public void close() {
    if (app != null) {
      app.close();
    }
    try {
      assertThat(discord.failures()).as("fake Discord saw no bad calls").isEmpty();
      assertThat(spotify.failures()).as("fake Spotify saw no protocol errors").isEmpty();
      assertThat(JdaWarnings.drain()).as("JDA logged no warnings").isEmpty();
    } finally {
      discord.close();
      spotify.close();
    }
  }
}
