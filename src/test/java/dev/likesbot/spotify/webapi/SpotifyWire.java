package dev.likesbot.spotify.webapi;

import dev.failsafe.RetryPolicy;
import dev.likesbot.config.BotConfig;
import dev.likesbot.config.Secret;
import dev.likesbot.fake.spotify.FakeSpotify;
import dev.likesbot.metrics.Metrics;
import dev.likesbot.spotify.SpotifyTokens;
import dev.likesbot.store.Sha256;
import dev.likesbot.store.StoredLink;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The bot's real Spotify adapter against the wire fake, for unit tests: one {@link FakeSpotify} per
 * test class ({@code @RegisterExtension static final SpotifyWire wire = new SpotifyWire();}),
 * emptied by {@link #connect} at the start of each test. Reads are not retried here (the retry
 * policy has its own tests in {@code WebApiSpotifyTest}), so a 5xx answers at once.
 */
public final class SpotifyWire implements AfterAllCallback {
  public static final String CLIENT_ID = "unit-client-id";
  public static final String CLIENT_SECRET = "unit-client-secret";
  public static final String REDIRECT_URI = "http://127.0.0.1:9/callback";
  private static final RetryPolicy<Object> NO_RETRIES =
      RetryPolicy.builder().withMaxRetries(0).build();
  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

  private final AtomicReference<InstantSource> clock =
      new AtomicReference<>(InstantSource.system());
  private final FakeSpotify fake =
      FakeSpotify.start(CLIENT_ID, CLIENT_SECRET, REDIRECT_URI, () -> clock.get().instant());
  private volatile WebApiSpotify spotify;

  /**
   * Empties the fake and returns the adapter (it is both SpotifyAuth and SpotifyLibrary); the fake
   * and the adapter tell time by {@code time}, the test's clock.
   */
  public WebApiSpotify connect(InstantSource time) {
    clock.set(time);
    fake.reset();
    spotify = WebApiSpotify.create(config(fake), time, Metrics.NONE, NO_RETRIES);
    return spotify;
  }

  /** The fake, to add users, inject trouble and read what the adapter sent. */
  public FakeSpotify fake() {
    return fake;
  }

  /** How the bot is configured to reach the fake. */
  public static BotConfig.Spotify config(FakeSpotify fake) {
    return new BotConfig.Spotify(
        CLIENT_ID,
        new Secret(CLIENT_SECRET),
        URI.create(REDIRECT_URI),
        URI.create(fake.accountsBaseUrl()),
        URI.create(fake.apiBaseUrl()),
        Duration.ofSeconds(5));
  }

  /**
   * {@code spotifyId} (a user of the fake) logs in through the adapter's authorize URL and the code
   * is exchanged: the tokens a finished /link holds, the access token living {@code lifetime}.
   */
  public SpotifyTokens login(String spotifyId, Duration lifetime) {
    String verifier = URL.encodeToString(Sha256.of(UUID.randomUUID().toString()));
    String challenge = URL.encodeToString(Sha256.of(verifier));
    fake.setAccessTokenLifetime(lifetime);
    try {
      fake.nextLogin(spotifyId);
      URI callback = fake.authorize(spotify.authorizeUri("state", challenge));
      return spotify.exchange(param(callback, "code"), verifier);
    } finally {
      fake.setAccessTokenLifetime(Duration.ofHours(1));
    }
  }

  /**
   * Discord member {@code discordUserId} linked to {@code spotifyId} (added to the fake with no
   * songs unless it is there), as the store keeps it, the access token expiring in {@code lifetime}
   * on {@code time}.
   */
  public StoredLink link(
      String discordUserId, String spotifyId, Duration lifetime, InstantSource time) {
    if (fake.user(spotifyId).isEmpty()) {
      fake.addUser(spotifyId, "Name " + spotifyId, 0);
    }
    SpotifyTokens tokens = login(spotifyId, lifetime);
    return new StoredLink(
        discordUserId,
        spotifyId,
        fake.user(spotifyId).orElseThrow().displayName(),
        tokens.accessToken(),
        tokens.refreshToken().orElseThrow(),
        time.instant().plus(lifetime),
        time.instant());
  }

  /** A query parameter of a URL, as a browser would hand it on. */
  public static String param(URI uri, String name) {
    Matcher m = Pattern.compile("(?:^|&)" + name + "=([^&]+)").matcher(uri.getRawQuery());
    if (!m.find()) {
      throw new AssertionError("no " + name + " in " + uri);
    }
    return java.net.URLDecoder.decode(m.group(1), java.nio.charset.StandardCharsets.UTF_8);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    // Registered on the outer class, this also runs after each @Nested class: close only once.
    if (!context.getRequiredTestClass().isAnnotationPresent(Nested.class)) {
      close();
    }
  }

  /**
   * Stops the fake; for jqwik properties, whose container Jupiter's {@link #afterAll} never sees
   * (call it from an {@code @AfterContainer}).
   */
  public void close() {
    fake.close();
  }
}
