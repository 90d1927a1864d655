package dev.likesbot.web;

import dev.likesbot.config.BotConfig;
import dev.likesbot.fake.spotify.FakeSpotify;
import dev.likesbot.link.LinkService;
import dev.likesbot.logging.ErrorIds;
import dev.likesbot.metrics.Metrics;
import dev.likesbot.spotify.webapi.SpotifyWire;
import dev.likesbot.spotify.webapi.WebApiSpotify;
import dev.likesbot.testing.FakeTime;
import dev.likesbot.testing.InMemoryStore;
import dev.likesbot.tokens.MemberTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The callback server on a real {@link LinkService}, which logs members in through the real Spotify
 * adapter and the wire fake; started before each test and closed after it. Register it per test
 * next to a static {@link SpotifyWire}: {@code @RegisterExtension final CallbackFixture web =
 * CallbackFixture.loopback(wire, "/callback");}.
 */
final class CallbackFixture implements BeforeEachCallback, AfterEachCallback {
  /** The Spotify user who approves every login. */
  static final String SPOTIFY_USER = "ada";

  final FakeTime time = new FakeTime();
  final InMemoryStore store = new InMemoryStore();

  /** What /readyz reports; a test adds to it. */
  final List<String> problems = new CopyOnWriteArrayList<>();

  final FakeSpotify fake;
  final LinkService links;
  final CallbackServer server;

  /** How the server sees Spotify: where Continue leads and where members come back to. */
  private final BotConfig.Spotify spotifyConfig;

  private final HttpClient http = HttpClient.newHttpClient();

  private CallbackFixture(SpotifyWire wire, String callbackPath, Optional<URI> publicRedirect) {
    WebApiSpotify spotify = wire.connect(time);
    fake = wire.fake();
    fake.addUser(SPOTIFY_USER, "Ada", 0);
    links =
        new LinkService(
            store,
            new MemberTokens(store, spotify, time, time, Metrics.NONE),
            spotify,
            spotify,
            linked -> {},
            member -> {},
            member -> {},
            () -> false,
            new SecureRandom(),
            time,
            publicRedirect.flatMap(CallbackServer::loginPages));
    spotifyConfig = spotify(publicRedirect.orElse(URI.create("http://127.0.0.1:9" + callbackPath)));
    server =
        server(new BotConfig.Web("127.0.0.1", 0, callbackPath, true, Optional.empty()), () -> "");
  }

  /** Another server on this fixture's links and /readyz problems, not started. */
  CallbackServer server(BotConfig.Web web, Supplier<String> metrics) {
    return new CallbackServer(
        web,
        spotifyConfig,
        links,
        () -> problems,
        metrics,
        Optional::empty,
        new ErrorIds(new SecureRandom(), id -> {}));
  }

  /** A bot whose redirect URI is on this machine: /link leads straight to Spotify. */
  static CallbackFixture loopback(SpotifyWire wire, String callbackPath) {
    return new CallbackFixture(wire, callbackPath, Optional.empty());
  }

  /** A public deployment at {@code redirect}: /link leads to the login page first. */
  static CallbackFixture publicAt(SpotifyWire wire, URI redirect) {
    return new CallbackFixture(wire, redirect.getPath(), Optional.of(redirect));
  }

  /**
   * How the bot reaches the fake, with the {@code redirect} members come back to. A loopback bot
   * has no login page, so its pages' form-action names Spotify's real accounts service.
   */
  private BotConfig.Spotify spotify(URI redirect) {
    BotConfig.Spotify wired = SpotifyWire.config(fake);
    return new BotConfig.Spotify(
        wired.clientId(),
        wired.clientSecret(),
        redirect,
        CallbackServer.loginPages(redirect).isPresent()
            ? wired.accountsBaseUrl()
            : URI.create("https://accounts.spotify.com"),
        wired.apiBaseUrl(),
        wired.requestTimeout());
  }

  /** What /link gives member 42, named {@code discordName}. */
  URI start(String discordName) {
    return links.start("42", discordName, "");
  }

  /**
   * {@value #SPOTIFY_USER} approves at Spotify's {@code authorizeUri}: the query ("code=…&state=…")
   * Spotify sends the browser back with.
   */
  String approve(URI authorizeUri) {
    fake.nextLogin(SPOTIFY_USER);
    return fake.authorize(authorizeUri).getRawQuery();
  }

  HttpRequest.Builder at(String pathAndQuery) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + pathAndQuery));
  }

  HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
    return send(at(pathAndQuery));
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    server.start();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    server.close();
  }
}
