package dev.likesbot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.likesbot.fake.discord.FakeDiscord;
import dev.likesbot.fake.discord.FakeUser;
import dev.likesbot.fake.discord.Reply;
import dev.likesbot.fake.spotify.FakeSpotify;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** The environment variables that point the bot at the fakes, as an operator would set them. */
public final class TestEnv {
  static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final HttpClient BROWSER =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  public static final String CLIENT_ID = "e2e-client-id";
  public static final String CLIENT_SECRET = "e2e-client-secret";

  private TestEnv() {}

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
   * A member runs /link, opens the button the bot DMed them and logs in at Spotify as {@code
   * spotifyId}: returns the callback URL Spotify redirects the browser to (not yet visited).
   */
  public static URI loginThroughDm(
      FakeDiscord discord, FakeSpotify spotify, FakeUser member, String spotifyId) {
    Reply reply = discord.slashCommand(member, "link", null, Map.of()).awaitReply(TIMEOUT);
    assertThat(reply.content()).contains("Check your DMs");
    JsonNode dm = discord.awaitDm(member.id(), TIMEOUT, m -> m.path("components").size() > 0);
    spotify.nextLogin(spotifyId);
    return spotify.authorize(URI.create(BotHarness.firstButtonUrl(dm)));
  }

  /** A plain GET, as the member's browser would send it (no redirects followed). */
  public static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    return BROWSER.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }
}
