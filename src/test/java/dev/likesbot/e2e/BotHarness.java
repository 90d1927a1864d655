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
import dev.likesbot.fake.spotify.SavedTrack;
import dev.likesbot.testing.FakeTime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The bot as App wires it, on the fake Discord and the fake Spotify, configured by environment as
 * an operator would; helpers act as members, and {@link #close()} fails the test if a fake saw a
 * bad call or JDA warned. Suites that start the bot another way (the jar, two instances, {@code
 * --check}) use the static half: the environment, the ports and a member's login.
 */
public final class BotHarness implements AutoCloseable {
  public static final Duration TIMEOUT = Duration.ofSeconds(10);
  public static final String CLIENT_ID = "e2e-client-id";
  public static final String CLIENT_SECRET = "e2e-client-secret";
  private static final HttpClient BROWSER =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  final FakeTime time = new FakeTime(Instant.now());
  private Thread follower;
  final FakeDiscord discord;
  final int webPort = freePort();
  final FakeSpotify spotify = FakeSpotify.start(CLIENT_ID, CLIENT_SECRET, redirectUri(webPort));
  final Map<String, String> env;
  App app;

  /** The fakes, with the bot's commands registered globally; {@link #start()} starts the bot. */
  BotHarness(Path dir) {
    this(dir, FakeDiscord.start());
  }

  /** The fakes, with the bot in {@code guild} and its commands registered there. */
  BotHarness(Path dir, long guild) {
    this(dir, FakeDiscord.start(FakeDiscord.Options.defaults().withGuild(guild)));
    env.put("DISCORD_GUILD_ID", Long.toString(guild));
  }

  private BotHarness(Path dir, FakeDiscord discord) {
    this.discord = discord;
    discord.useClock(time); // interaction tokens age with the bot's clock
    this.env = env(discord, spotify, webPort, dir.resolve("likes-bot.db"));
    JdaWarnings.clear();
  }

  BotHarness with(String envName, String value) {
    env.put(envName, value);
    return this;
  }

  /** {@link #with} for each pair of {@code namesAndValues} (name, value, name, value, ...). */
  BotHarness with(String... namesAndValues) {
    for (int i = 0; i < namesAndValues.length; i += 2) {
      with(namesAndValues[i], namesAndValues[i + 1]);
    }
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
    int updates = discord.commandUpdateCount();
    app = App.start(config(), time, time);
    // Replies name /link by the id the registration answers; wait for it as start() does.
    discord.awaitCommandUpdates(updates + 1, TIMEOUT);
  }

  Reply run(FakeUser user, String command, String sub) {
    return discord.slashCommand(user, command, sub, Map.of()).awaitReply(TIMEOUT);
  }

  /** Ada: a member not linked yet, whose Spotify account ada-spotify has 1,234 liked songs. */
  FakeUser ada() {
    FakeUser ada = discord.user(310000000000000001L, "ada");
    spotify.addUser("ada-spotify", "Ada Lovelace", 1234);
    return ada;
  }

  /** A new member, linked through /link, the DM, Spotify's login and the callback. */
  FakeUser linkedMember(long id, String spotifyId, int likedSongs) throws Exception {
    FakeUser user = discord.user(id, "member-" + id);
    spotify.addUser(spotifyId, "Name " + spotifyId, likedSongs);
    link(user, spotifyId);
    return user;
  }

  /**
   * Links {@code member} as {@code spotifyId} through /link, the DM, the login and the callback.
   */
  void link(FakeUser member, String spotifyId) throws Exception {
    completeLink(member, loginThroughDm(discord, spotify, member, spotifyId));
  }

  /**
   * Links {@code member} to a new Spotify account {@code spotifyId} holding {@code songs}, with
   * /link run in {@code guild}'s channel: the login comes from the DM copy.
   */
  void linkInGuild(FakeUser member, long guild, String spotifyId, List<SavedTrack> songs)
      throws Exception {
    spotify.addUser(spotifyId, "Name " + spotifyId, songs);
    discord
        .slashCommandInGuild(member, guild, discord.guildChannelId(), "link", null, Map.of())
        .awaitReply(TIMEOUT);
    completeLink(member, loginFromDm(discord, spotify, member, spotifyId));
  }

  /** The member's browser lands on the callback; the link holds once the "Linked as" DM came. */
  void completeLink(FakeUser member, URI callback) throws Exception {
    assertThat(get(callback).statusCode()).isEqualTo(200);
    discord.awaitDm(member.id(), TIMEOUT, m -> m.path("content").asText().startsWith("Linked as"));
  }

  /** Stops the bot and checks neither fake saw a protocol error and JDA warned of nothing. */
  @Override
  public void close() {
    if (follower != null) {
      follower.interrupt();
    }
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

  /**
   * From now on the bot's clock follows the wall clock (a whole-library read is paced on it) and
   * stamps the fake Discord's messages, so the pace of edits is checked on the bot's own clock.
   */
  public BotHarness followingWallClock() {
    discord.useClock(time);
    follower =
        new Thread(
            () -> {
              long last = System.nanoTime();
              while (!Thread.currentThread().isInterrupted()) {
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  return;
                }
                long now = System.nanoTime();
                time.advance(Duration.ofNanos(now - last));
                last = now;
              }
            },
            "fake-time-follower");
    follower.setDaemon(true);
    follower.start();
    return this;
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String redirectUri(int webPort) {
    return "http://127.0.0.1:" + webPort + "/callback";
  }

  /** The environment variables that point the bot at the fakes, as an operator would set them. */
  public static Map<String, String> env(
      FakeDiscord discord, FakeSpotify spotify, int webPort, Path database) {
    Map<String, String> env = new HashMap<>();
    env.put("DISCORD_TOKEN", discord.botToken());
    env.put("DISCORD_API_BASE_URL", discord.apiBaseUrl());
    env.put("DISCORD_GATEWAY_URL", discord.gatewayUrl());
    env.put("SPOTIFY_CLIENT_ID", CLIENT_ID);
    env.put("SPOTIFY_CLIENT_SECRET", CLIENT_SECRET);
    env.put("SPOTIFY_REDIRECT_URI", redirectUri(webPort));
    env.put("SPOTIFY_ACCOUNTS_BASE_URL", spotify.accountsBaseUrl());
    env.put("SPOTIFY_API_BASE_URL", spotify.apiBaseUrl());
    env.put("WEB_HOST", "127.0.0.1");
    env.put("WEB_PORT", Integer.toString(webPort));
    env.put("STORE_URL", "jdbc:sqlite:" + database);
    // Tests run commands back to back on a clock that stands still, so the member's budget would
    // never refill; the limit has its own tests (MemberLimitIT).
    env.put("LIKES_LIMIT_BURST", "0");
    return env;
  }

  /**
   * A member runs /link in their DM with the bot, opens the login button of its answer (there, the
   * lasting message itself) and logs in at Spotify as {@code spotifyId}: returns the callback URL
   * Spotify redirects the browser to (not yet visited).
   */
  public static URI loginThroughDm(
      FakeDiscord discord, FakeSpotify spotify, FakeUser member, String spotifyId) {
    Reply reply = discord.slashCommand(member, "link", null, Map.of()).awaitReply(TIMEOUT);
    assertThat(reply.buttons())
        .first()
        .satisfies(b -> assertThat(b.path("label").asText()).isEqualTo("Log in with Spotify"));
    return loginFrom(spotify, reply.raw(), spotifyId);
  }

  /**
   * The member opens the login button of {@code message} (an answer's {@link Reply#raw()} or a DM)
   * and logs in at Spotify as {@code spotifyId}; returns the callback URL (not yet visited).
   */
  public static URI loginFrom(FakeSpotify spotify, JsonNode message, String spotifyId) {
    spotify.nextLogin(spotifyId);
    return spotify.authorize(URI.create(firstButtonUrl(message)));
  }

  /**
   * After /link outside the DM: the member opens the button of the copy the bot DMed them and logs
   * in at Spotify as {@code spotifyId}; returns the callback URL (not yet visited).
   */
  public static URI loginFromDm(
      FakeDiscord discord, FakeSpotify spotify, FakeUser member, String spotifyId) {
    JsonNode dm = discord.awaitDm(member.id(), TIMEOUT, m -> m.path("components").size() > 0);
    return loginFrom(spotify, dm, spotifyId);
  }

  /** The URL of the first link button in a message. */
  public static String firstButtonUrl(JsonNode message) {
    for (JsonNode row : message.path("components")) {
      for (JsonNode button : row.path("components")) {
        if (button.hasNonNull("url")) {
          return button.get("url").asText();
        }
      }
    }
    throw new AssertionError("no link button in " + message);
  }

  /** A plain GET, as the member's browser would send it (no redirects followed). */
  public static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    return BROWSER.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }
}
