package dev.likesbot.spotify.webapi;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import dev.likesbot.config.BotConfig;
import dev.likesbot.metrics.Metrics;
import dev.likesbot.spotify.SavedTrack;
import dev.likesbot.spotify.SpotifyAuth;
import dev.likesbot.spotify.SpotifyException;
import dev.likesbot.spotify.SpotifyException.Reason;
import dev.likesbot.spotify.SpotifyLibrary;
import dev.likesbot.spotify.SpotifyProfile;
import dev.likesbot.spotify.SpotifyTokens;
import dev.likesbot.spotify.Track;
import dev.likesbot.spotify.TrackPage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.hc.core5.http.ParseException;
import se.michaelthelin.spotify.SpotifyApi;
import se.michaelthelin.spotify.exceptions.SpotifyWebApiException;
import se.michaelthelin.spotify.model_objects.credentials.AuthorizationCodeCredentials;
import se.michaelthelin.spotify.model_objects.specification.ArtistSimplified;
import se.michaelthelin.spotify.model_objects.specification.Image;
import se.michaelthelin.spotify.model_objects.specification.Paging;
import se.michaelthelin.spotify.model_objects.specification.User;
import se.michaelthelin.spotify.requests.IRequest;

/**
 * Spotify through spotify-web-api-java. Each call builds its own {@link SpotifyApi}: the library's
 * habit of one shared instance mutated with {@code setAccessToken} mixes members up under
 * concurrency.
 */
public final class WebApiSpotify implements SpotifyAuth, SpotifyLibrary {
  static final String SCOPE = "user-library-read";

  /**
   * Reads (GETs) are retried on 5xx, timeouts and connection errors with capped exponential backoff
   * and jitter, within a total budget that keeps a command's answer within seconds. Token requests
   * are never retried: a lost answer to a refresh may already have rotated the refresh token, and a
   * code works once.
   */
  static final RetryPolicy<Object> READ_RETRIES =
      RetryPolicy.builder()
          .handleIf(e -> e instanceof SpotifyException s && s.reason() == Reason.UNAVAILABLE)
          .withBackoff(Duration.ofMillis(250), Duration.ofSeconds(2))
          .withJitter(0.25)
          .withMaxRetries(4)
          .withMaxDuration(Duration.ofSeconds(5))
          .build();

  private final String clientId;
  private final String clientSecret;
  private final String basicAuth;
  private final URI redirectUri;
  private final RoutedHttpManager http;
  private final RateLimitGate gate;
  private final RetryPolicy<Object> readRetries;
  private final QuotaWarning quotaWarning;

  WebApiSpotify(
      BotConfig.Spotify config,
      RoutedHttpManager http,
      InstantSource clock,
      RetryPolicy<Object> readRetries) {
    this.clientId = config.clientId();
    this.clientSecret = config.clientSecret().reveal();
    this.basicAuth =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    (config.clientId() + ":" + config.clientSecret().reveal())
                        .getBytes(StandardCharsets.UTF_8));
    this.redirectUri = config.redirectUri();
    this.http = http;
    this.gate = new RateLimitGate(clock);
    this.readRetries = readRetries;
    this.quotaWarning = new QuotaWarning(clock);
  }

  /**
   * The adapter on the JDK's HTTP client, which has no per-host connection cap, counting every
   * request.
   */
  public static WebApiSpotify create(
      BotConfig.Spotify config, InstantSource clock, Metrics metrics) {
    return create(config, clock, metrics, READ_RETRIES);
  }

  static WebApiSpotify create(
      BotConfig.Spotify config,
      InstantSource clock,
      Metrics metrics,
      RetryPolicy<Object> readRetries) {
    return new WebApiSpotify(config, httpManager(config, clock, metrics), clock, readRetries);
  }

  static RoutedHttpManager httpManager(
      BotConfig.Spotify config, InstantSource clock, Metrics metrics) {
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(config.requestTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    return new RoutedHttpManager(
        config.accountsBaseUrl(),
        config.apiBaseUrl(),
        config.requestTimeout(),
        client,
        clock,
        metrics);
  }

  private SpotifyApi api(String accessToken) {
    return SpotifyApi.builder().setHttpManager(http).setAccessToken(accessToken).build();
  }

  @Override
  public URI authorizeUri(String state, String codeChallenge) {
    URI uri =
        SpotifyApi.builder()
            .setHttpManager(http)
            .setClientId(clientId)
            .setRedirectUri(redirectUri)
            .build()
            .authorizationCodePKCEUri(codeChallenge)
            .state(state)
            .scope(SCOPE)
            // Spotify then always shows which of its accounts is being linked, even to someone
            // who approved the app before and would otherwise pass through without a page.
            .show_dialog(true)
            .build()
            .execute();
    return http.route(uri);
  }

  @Override
  public SpotifyTokens exchange(String code, String codeVerifier) {
    // PKCE and the client secret together: a confidential client that also proves the code is its.
    AuthorizationCodeCredentials credentials =
        call(
            "exchange the login code",
            SpotifyApi.builder()
                .setHttpManager(http)
                .build()
                .authorizationCodePKCE(clientId, code, codeVerifier, redirectUri)
                .setHeader("Authorization", basicAuth)
                .build());
    if (credentials.getRefreshToken() == null) {
      throw new SpotifyException(
          Reason.REJECTED, "Spotify answered the login without a refresh token");
    }
    return tokens(credentials);
  }

  @Override
  public SpotifyTokens refresh(String refreshToken) {
    return tokens(
        call(
            "refresh the access token",
            SpotifyApi.builder()
                .setHttpManager(http)
                .build()
                .authorizationCodeRefresh(clientId, clientSecret, refreshToken)
                .build()));
  }

  private static SpotifyTokens tokens(AuthorizationCodeCredentials credentials) {
    if (credentials.getAccessToken() == null || credentials.getExpiresIn() == null) {
      throw new SpotifyException(Reason.REJECTED, "Spotify's token answer had no access token");
    }
    return new SpotifyTokens(
        credentials.getAccessToken(),
        Optional.ofNullable(credentials.getRefreshToken()).filter(t -> !t.isBlank()),
        Duration.ofSeconds(credentials.getExpiresIn()));
  }

  @Override
  public SpotifyProfile profile(String accessToken) {
    User user = read("read the profile", api(accessToken).getCurrentUsersProfile().build());
    String name = user.getDisplayName();
    return new SpotifyProfile(user.getId(), name == null || name.isBlank() ? user.getId() : name);
  }

  @Override
  public TrackPage savedTracks(String accessToken, int offset, int limit) {
    Paging<se.michaelthelin.spotify.model_objects.specification.SavedTrack> page =
        read(
            "read Liked Songs",
            api(accessToken).getUsersSavedTracks().offset(offset).limit(limit).build());
    if (page.getTotal() == null) {
      throw new SpotifyException(Reason.REJECTED, "Spotify's Liked Songs page had no total");
    }
    List<SavedTrack> items =
        page.getItems() == null
            ? List.of()
            : Arrays.stream(page.getItems())
                .filter(Objects::nonNull)
                .map(WebApiSpotify::saved)
                .toList();
    return new TrackPage(
        page.getTotal(), Objects.requireNonNullElse(page.getOffset(), offset), items);
  }

  private static SavedTrack saved(
      se.michaelthelin.spotify.model_objects.specification.SavedTrack s) {
    return new SavedTrack(
        Optional.ofNullable(s.getTrack()).map(WebApiSpotify::track),
        Optional.ofNullable(s.getAddedAt()).map(java.util.Date::toInstant));
  }

  private static Track track(se.michaelthelin.spotify.model_objects.specification.Track t) {
    List<String> artists =
        t.getArtists() == null
            ? List.of()
            : Arrays.stream(t.getArtists())
                .filter(Objects::nonNull)
                .map(ArtistSimplified::getName)
                .filter(Objects::nonNull)
                .toList();
    Optional<String> image =
        Optional.ofNullable(t.getAlbum())
            .map(a -> a.getImages())
            .flatMap(
                images ->
                    Arrays.stream(images)
                        .filter(i -> i != null && i.getUrl() != null)
                        .max(
                            Comparator.comparing(
                                (Image i) -> Objects.requireNonNullElse(i.getWidth(), 0)))
                        .map(Image::getUrl));
    Optional<String> url =
        Optional.ofNullable(t.getExternalUrls())
            .map(u -> u.get("spotify"))
            .filter(u -> !u.isBlank());
    // The library has no is_local; a local file has no id and a spotify:local: URI.
    boolean local =
        t.getId() == null || (t.getUri() != null && t.getUri().startsWith("spotify:local:"));
    return new Track(
        Objects.requireNonNullElse(t.getName(), "Unknown track"),
        artists,
        t.getAlbum() == null ? "" : Objects.requireNonNullElse(t.getAlbum().getName(), ""),
        image,
        url,
        Duration.ofMillis(Objects.requireNonNullElse(t.getDurationMs(), 0)),
        local,
        // Spotify sends is_playable only with a market; absent means nothing said it cannot play.
        !Boolean.FALSE.equals(t.getIsPlayable()),
        Boolean.TRUE.equals(t.getIsExplicit()),
        Optional.ofNullable(t.getExternalIds())
            .map(ids -> ids.getExternalIds())
            .map(ids -> ids.get("isrc"))
            .filter(isrc -> !isrc.isBlank()),
        Optional.ofNullable(t.getAlbum())
            .map(a -> a.getReleaseDate())
            .filter(date -> !date.isBlank()));
  }

  private <T> T read(String what, IRequest<T> request) {
    return Failsafe.with(readRetries).get(() -> call(what, request));
  }

  /** One request through the app-wide rate-limit gate; failures translated once, here. */
  private <T> T call(String what, IRequest<T> request) {
    gate.check();
    try {
      return request.execute();
    } catch (SpotifyHttpError e) {
      SpotifyException translated = translate(what, e);
      if (translated.reason() == Reason.RATE_LIMITED
          || translated.reason() == Reason.QUOTA_EXCEEDED) {
        gate.close(translated.retryAfter());
      }
      if (translated.reason() == Reason.QUOTA_EXCEEDED) {
        quotaWarning.log();
      }
      throw translated;
    } catch (IOException e) {
      throw new SpotifyException(
          Reason.UNAVAILABLE,
          "could not " + what + ": " + e.getClass().getSimpleName(),
          Duration.ZERO,
          e);
    } catch (SpotifyWebApiException | ParseException | RuntimeException e) {
      throw new SpotifyException(
          Reason.REJECTED, "could not " + what + ": unreadable answer", Duration.ZERO, e);
    }
  }

  static SpotifyException translate(String what, SpotifyHttpError e) {
    int status = e.status();
    String detail = "could not " + what + ": HTTP " + status + " " + e.getMessage();
    Reason reason;
    if (status == 400 && e.code().equals("invalid_grant")) {
      reason = Reason.REVOKED;
    } else if (status == 401) {
      reason = Reason.UNAUTHORIZED;
    } else if (status == 403) {
      reason = Reason.FORBIDDEN;
    } else if (status == 429) {
      // Development-mode apps have a request quota; its 429 says so only in the body.
      reason = e.code().equals("QUOTA_EXCEEDED") ? Reason.QUOTA_EXCEEDED : Reason.RATE_LIMITED;
    } else if (status >= 500) {
      reason = Reason.UNAVAILABLE;
    } else {
      reason = Reason.REJECTED;
    }
    return new SpotifyException(reason, detail, e.retryAfter(), e);
  }
}
