package dev.likesbot.fake.spotify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.neovisionaries.i18n.CountryCode;
import dev.likesbot.fake.spotify.FakeSpotify.Request;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.ParseException;
import org.apache.hc.core5.net.URIBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.michaelthelin.spotify.IHttpManager;
import se.michaelthelin.spotify.SpotifyApi;
import se.michaelthelin.spotify.SpotifyHttpManager;
import se.michaelthelin.spotify.exceptions.SpotifyWebApiException;
import se.michaelthelin.spotify.exceptions.detailed.BadRequestException;
import se.michaelthelin.spotify.exceptions.detailed.ForbiddenException;
import se.michaelthelin.spotify.exceptions.detailed.ServiceUnavailableException;
import se.michaelthelin.spotify.exceptions.detailed.TooManyRequestsException;
import se.michaelthelin.spotify.exceptions.detailed.UnauthorizedException;
import se.michaelthelin.spotify.model_objects.credentials.AuthorizationCodeCredentials;
import se.michaelthelin.spotify.model_objects.specification.ArtistSimplified;
import se.michaelthelin.spotify.model_objects.specification.Image;
import se.michaelthelin.spotify.model_objects.specification.Track;

/**
 * Drives the fake with the real spotify-web-api-java (Web API, token refresh) and plain
 * java.net.http (the browser side of /authorize, raw token and JSON checks).
 */
final class FakeSpotifyTest {

  private static final String CLIENT_ID = "5f1c0ffee0ddba11c0de5ca1ab1e0001";
  private static final String CLIENT_SECRET = "test-client-secret";
  private static final String REDIRECT_URI = "http://127.0.0.1:8080/spotify/callback";
  private static final String SCOPE = "user-library-read user-read-private";
  private static final int LIKED = 120;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final HttpClient http = HttpClient.newHttpClient();
  private PoolingHttpClientConnectionManager pool;
  private SpotifyHttpManager library;
  private FakeSpotify fake;

  @BeforeEach
  void startFake() {
    fake = FakeSpotify.start(CLIENT_ID, CLIENT_SECRET, REDIRECT_URI);
    fake.addUser("alice", "Alice", LIKED);
    // A pool per test: a pooled connection must never outlive the fake it was opened to. No
    // response cache: the library's keys entries by URL alone and, when two users fetch the same
    // URL at once, may answer one with the other's page (HttpClient prefers a stored entry with
    // a newer Date over its own backend response). Any multi-user client must do the same.
    pool = new PoolingHttpClientConnectionManager();
    library =
        new SpotifyHttpManager.Builder().setConnectionManager(pool).setCacheMaxEntries(0).build();
  }

  @AfterEach
  void stopFake() {
    pool.close();
    fake.close();
  }

  @Test
  void linksWithPkceThenPagesThroughLikedSongsWithTheLibrary() throws Exception {
    Pkce pkce = Pkce.create();
    fake.nextLogin("alice");

    URI callback = fake.authorize(authorizeUrl(pkce, "state-123", SCOPE));

    assertThat(callback.toString()).startsWith(REDIRECT_URI + "?code=");
    Map<String, String> params = query(callback);
    assertThat(params).containsEntry("state", "state-123");
    JsonNode token = exchange(params.get("code"), pkce.verifier(), REDIRECT_URI);
    assertThat(token.get("token_type").asText()).isEqualTo("Bearer");
    assertThat(token.get("expires_in").asInt()).isEqualTo(3600);
    assertThat(token.get("scope").asText()).isEqualTo(SCOPE);
    assertThat(token.get("access_token").asText()).matches("BQ[A-Za-z0-9_-]{150,}");
    assertThat(token.get("refresh_token").asText()).matches("AQ[A-Za-z0-9_-]{100,}");

    SpotifyApi api = webApi(token.get("access_token").asText());
    var me = api.getCurrentUsersProfile().build().execute();
    assertThat(me.getDisplayName()).isEqualTo("Alice");
    assertThat(me.getId()).isEqualTo("alice");
    assertThat(me.getCountry()).isEqualTo(CountryCode.SE);

    var first = api.getUsersSavedTracks().limit(1).build().execute();
    assertThat(first.getTotal()).isEqualTo(LIKED);
    assertThat(first.getOffset()).isZero();
    assertThat(first.getNext()).isEqualTo(SpotifyJson.API_BASE + "/me/tracks?offset=1&limit=1");
    assertThat(first.getPrevious()).isNull();
    assertThat(first.getItems()).hasSize(1);
    var newest = first.getItems()[0];
    assertThat(newest.getAddedAt()).isEqualTo(Date.from(FakeCatalog.NEWEST_LIKE));
    FakeTrack song1 = FakeCatalog.song(1);
    Track track = newest.getTrack();
    assertThat(track.getName()).isEqualTo("Song 1");
    assertThat(track.getId()).isEqualTo(song1.id()).hasSize(22);
    assertThat(track.getUri()).isEqualTo("spotify:track:" + song1.id());
    assertThat(track.getExternalUrls().get("spotify"))
        .isEqualTo("https://open.spotify.com/track/" + song1.id());
    assertThat(track.getDurationMs()).isEqualTo(song1.durationMs());
    assertThat(track.getIsPlayable()).isTrue();
    assertThat(track.getArtists())
        .extracting(ArtistSimplified::getName, ArtistSimplified::getUri)
        .containsExactly(tuple("Artist 1", song1.artists().get(0).uri()));
    assertThat(track.getAlbum().getName()).isEqualTo("Album 1");
    assertThat(track.getAlbum().getImages())
        .extracting(Image::getWidth, Image::getHeight)
        .containsExactly(tuple(640, 640), tuple(300, 300), tuple(64, 64));
    assertThat(track.getAlbum().getImages()[0].getUrl()).startsWith("https://i.scdn.co/image/");

    var oldest = api.getUsersSavedTracks().limit(1).offset(first.getTotal() - 1).build().execute();
    assertThat(oldest.getItems()[0].getTrack().getName()).isEqualTo("Song " + LIKED);
    assertThat(oldest.getItems()[0].getAddedAt())
        .isEqualTo(Date.from(FakeCatalog.likedAt(LIKED)))
        .isBefore(newest.getAddedAt());
    assertThat(oldest.getNext()).isNull();
    assertThat(oldest.getPrevious())
        .isEqualTo(SpotifyJson.API_BASE + "/me/tracks?offset=" + (LIKED - 2) + "&limit=1");

    var beyond = api.getUsersSavedTracks().limit(50).offset(LIKED + 10).build().execute();
    assertThat(beyond.getItems()).isEmpty();
    assertThat(beyond.getTotal()).isEqualTo(LIKED);
    assertThat(beyond.getNext()).isNull();

    var defaults = api.getUsersSavedTracks().build().execute();
    assertThat(defaults.getLimit()).isEqualTo(20);
    assertThat(defaults.getItems()).hasSize(20);

    assertThat(fake.codeExchanges("alice")).isEqualTo(1);
    assertThat(fake.tokenRefreshes("alice")).isZero();
    assertThat(fake.count("GET", "/v1/me/tracks")).isEqualTo(4);
    assertThat(fake.requests())
        .extracting(Request::method, Request::path, Request::spotifyUserIdOrNull, Request::status)
        .containsExactly(
            tuple("GET", "/authorize", "alice", 302),
            tuple("POST", "/api/token", "alice", 200),
            tuple("GET", "/v1/me", "alice", 200),
            tuple("GET", "/v1/me/tracks", "alice", 200),
            tuple("GET", "/v1/me/tracks", "alice", 200),
            tuple("GET", "/v1/me/tracks", "alice", 200),
            tuple("GET", "/v1/me/tracks", "alice", 200));
    assertThat(fake.requests().get(0).query())
        .containsEntry("client_id", CLIENT_ID)
        .containsEntry("code_challenge_method", "S256")
        .containsEntry("code_challenge", pkce.challenge());
    assertThat(fake.requests().get(4).query())
        .containsEntry("limit", "1")
        .containsEntry("offset", String.valueOf(LIKED - 1));
    assertThat(fake.failures()).isEmpty();
  }

  @Test
  void refreshKeepsTheRefreshTokenUnlessRotationIsOn() throws Exception {
    JsonNode linked = link("alice");
    String refreshToken = linked.get("refresh_token").asText();

    AuthorizationCodeCredentials kept =
        accountsApi(refreshToken).authorizationCodePKCERefresh().build().execute();

    assertThat(kept.getAccessToken()).isNotEqualTo(linked.get("access_token").asText());
    assertThat(kept.getRefreshToken()).as("Spotify omits an unchanged refresh token").isNull();
    assertThat(kept.getExpiresIn()).isEqualTo(3600);
    assertThat(kept.getScope()).isEqualTo(SCOPE);
    assertThat(webApi(kept.getAccessToken()).getCurrentUsersProfile().build().execute().getId())
        .isEqualTo("alice");

    fake.setRotateRefreshTokens(true);
    AuthorizationCodeCredentials rotated =
        accountsApi(refreshToken).authorizationCodeRefresh().build().execute();

    assertThat(rotated.getRefreshToken()).isNotNull().isNotEqualTo(refreshToken);
    assertThatThrownBy(
            () -> accountsApi(refreshToken).authorizationCodePKCERefresh().build().execute())
        .isInstanceOf(BadRequestException.class)
        .hasMessage("Refresh token revoked");
    assertThat(
            accountsApi(rotated.getRefreshToken())
                .authorizationCodePKCERefresh()
                .build()
                .execute()
                .getAccessToken())
        .isNotBlank();
    assertThat(fake.tokenRefreshes("alice")).isEqualTo(3);
    assertThat(fake.failures()).containsExactly("refresh token used again after it was rotated");
  }

  @Test
  void anActionBeforeTheNextRefreshRunsOnceBeforeItIsAnswered() throws Exception {
    String refreshToken = link("alice").get("refresh_token").asText();
    fake.setRotateRefreshTokens(true);
    List<String> rotatedMeanwhile = new ArrayList<>();
    fake.beforeNextRefresh(
        () -> {
          try {
            rotatedMeanwhile.add(
                accountsApi(refreshToken)
                    .authorizationCodePKCERefresh()
                    .build()
                    .execute()
                    .getRefreshToken());
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        });

    assertThatThrownBy(
            () -> accountsApi(refreshToken).authorizationCodePKCERefresh().build().execute())
        .isInstanceOf(BadRequestException.class)
        .hasMessage("Refresh token revoked");
    assertThat(rotatedMeanwhile).singleElement().isNotNull();
    assertThat(
            accountsApi(rotatedMeanwhile.get(0))
                .authorizationCodePKCERefresh()
                .build()
                .execute()
                .getAccessToken())
        .as("the action ran only once")
        .isNotBlank();
    assertThat(fake.tokenRefreshes("alice")).isEqualTo(2);
  }

  @Test
  void heldRefreshesAreAnsweredOnlyOnceAllHaveArrived() throws Exception {
    JsonNode linked = link("alice");
    String refreshToken = linked.get("refresh_token").asText();
    fake.setRotateRefreshTokens(true);
    fake.holdRefreshes(2);
    ExecutorService clients = Executors.newFixedThreadPool(2);
    try {
      Future<String> first = clients.submit(() -> refreshedAccessToken(refreshToken));

      String me =
          webApi(linked.get("access_token").asText())
              .getCurrentUsersProfile()
              .build()
              .execute()
              .getId();
      assertThat(me).as("only refreshes are held").isEqualTo("alice");
      assertThat(first).as("held for the second").isNotDone();
      Future<String> second = clients.submit(() -> refreshedAccessToken(refreshToken));

      List<String> answers = List.of(outcome(first), outcome(second));
      assertThat(answers)
          .as("both sent the same refresh token before either was answered: one wins")
          .containsOnlyOnce("Refresh token revoked")
          .anyMatch(answer -> answer.startsWith("BQ"));
    } finally {
      clients.shutdownNow();
    }
    assertThat(fake.tokenRefreshes("alice")).isOne();
    assertThat(fake.failures()).containsExactly("refresh token used again after it was rotated");
  }

  @Test
  void aHeldRefreshIsAnsweredAnywayWhenTheOthersNeverCome() throws Exception {
    String refreshToken = link("alice").get("refresh_token").asText();
    fake.holdRefreshes(2, Duration.ofMillis(100));

    assertThat(refreshedAccessToken(refreshToken)).startsWith("BQ");
    assertThat(fake.tokenRefreshes("alice")).isOne();
  }

  private String refreshedAccessToken(String refreshToken) throws Exception {
    return accountsApi(refreshToken)
        .authorizationCodePKCERefresh()
        .build()
        .execute()
        .getAccessToken();
  }

  /** The access token a refresh got, or the message Spotify refused it with. */
  private static String outcome(Future<String> refresh) throws Exception {
    try {
      return refresh.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(BadRequestException.class);
      return e.getCause().getMessage();
    }
  }

  @Test
  void resetForgetsUsersTokensFaultsAndTheJournal() throws Exception {
    JsonNode linked = link("alice");
    fake.setRotateRefreshTokens(true);
    fake.setAccessTokenLifetime(Duration.ofMinutes(5));
    fake.failNext(503, 5, "/v1/");
    fake.registerRedirectUri("http://127.0.0.1:9/elsewhere");

    fake.reset();

    assertThat(fake.user("alice")).isEmpty();
    assertThat(fake.requests()).isEmpty();
    assertThat(fake.failures()).isEmpty();
    assertThat(fake.issuedSecrets()).isEmpty();
    assertThat(fake.tokenRefreshes("alice")).isZero();
    assertThatThrownBy(
            () ->
                webApi(linked.get("access_token").asText())
                    .getCurrentUsersProfile()
                    .build()
                    .execute())
        .isInstanceOf(UnauthorizedException.class);
    fake.addUser("alice", "Alice", LIKED);
    JsonNode again = link("alice");
    assertThat(again.get("expires_in").asInt()).isEqualTo(3600);
    AuthorizationCodeCredentials refreshed =
        accountsApi(again.get("refresh_token").asText())
            .authorizationCodePKCERefresh()
            .build()
            .execute();
    assertThat(refreshed.getRefreshToken()).as("no rotation after a reset").isNull();
    assertThat(fake.failures()).containsExactly("GET /v1/me with an access token never issued");
  }

  @Test
  void issuedTokensListsEveryAccessAndRefreshTokenOfTheUser() throws Exception {
    JsonNode linked = link("alice");
    fake.setRotateRefreshTokens(true);
    AuthorizationCodeCredentials rotated =
        accountsApi(linked.get("refresh_token").asText())
            .authorizationCodePKCERefresh()
            .build()
            .execute();

    assertThat(fake.issuedTokens("alice"))
        .containsExactlyInAnyOrder(
            linked.get("access_token").asText(),
            linked.get("refresh_token").asText(),
            rotated.getAccessToken(),
            rotated.getRefreshToken());
    assertThat(fake.issuedTokens("nobody")).isEmpty();
  }

  @Test
  void revokedAccessGivesInvalidGrantOnRefreshAnd401OnTheApi() throws Exception {
    JsonNode linked = link("alice");
    String refreshToken = linked.get("refresh_token").asText();

    fake.revoke("alice");

    assertThatThrownBy(
            () -> accountsApi(refreshToken).authorizationCodePKCERefresh().build().execute())
        .isInstanceOf(BadRequestException.class)
        .hasMessage("Refresh token revoked");
    HttpResponse<String> raw =
        postToken(
            form("grant_type", "refresh_token", "refresh_token", refreshToken),
            basicAuth(CLIENT_SECRET));
    assertThat(raw.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(raw.body()))
        .isEqualTo(
            JSON.readTree(
                "{\"error\":\"invalid_grant\",\"error_description\":\"Refresh token revoked\"}"));
    SpotifyApi api = webApi(linked.get("access_token").asText());
    assertThatThrownBy(() -> api.getCurrentUsersProfile().build().execute())
        .isInstanceOf(UnauthorizedException.class)
        .hasMessage("Invalid access token");
    assertThat(fake.tokenRefreshes("alice")).isZero();
    assertThat(fake.failures()).as("a revocation is not the client's fault").isEmpty();

    JsonNode relinked = link("alice");
    assertThat(
            webApi(relinked.get("access_token").asText())
                .getCurrentUsersProfile()
                .build()
                .execute()
                .getId())
        .isEqualTo("alice");
    assertThat(fake.codeExchanges("alice")).isEqualTo(2);
  }

  @Test
  void expiredAccessTokensAnswer401UntilRefreshed() throws Exception {
    JsonNode linked = link("alice");
    SpotifyApi api = webApi(linked.get("access_token").asText());

    fake.expireAccessTokens("alice");

    assertThatThrownBy(() -> api.getUsersSavedTracks().build().execute())
        .isInstanceOf(UnauthorizedException.class)
        .hasMessage("The access token expired");
    String fresh =
        accountsApi(linked.get("refresh_token").asText())
            .authorizationCodePKCERefresh()
            .build()
            .execute()
            .getAccessToken();
    assertThat(webApi(fresh).getUsersSavedTracks().build().execute().getTotal()).isEqualTo(LIKED);
    assertThat(fake.failures()).isEmpty();
  }

  @Test
  void tokenAndCodeLifetimesFollowTheInjectedClock() throws Exception {
    AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2025-01-01T00:00:00Z"));
    InstantSource clock = now::get;
    fake.close();
    fake = FakeSpotify.start(CLIENT_ID, CLIENT_SECRET, REDIRECT_URI, clock);
    fake.addUser("alice", "Alice", 3);
    fake.setAccessTokenLifetime(Duration.ofMinutes(5));

    JsonNode linked = link("alice");
    assertThat(linked.get("expires_in").asInt()).isEqualTo(300);
    SpotifyApi api = webApi(linked.get("access_token").asText());
    assertThat(api.getUsersSavedTracks().build().execute().getTotal()).isEqualTo(3);
    now.set(now.get().plus(Duration.ofMinutes(5)));
    assertThatThrownBy(() -> api.getUsersSavedTracks().build().execute())
        .isInstanceOf(UnauthorizedException.class)
        .hasMessage("The access token expired");

    Pkce pkce = Pkce.create();
    fake.nextLogin("alice");
    String code = query(fake.authorize(authorizeUrl(pkce, "late", SCOPE))).get("code");
    now.set(now.get().plus(Duration.ofMinutes(10)));
    HttpResponse<String> late = postToken(pkceExchange(code, pkce.verifier(), REDIRECT_URI), null);
    assertThat(late.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(late.body()).get("error_description").asText())
        .isEqualTo("Authorization code expired");
  }

  @Test
  void rejectsAReusedCodeAWrongVerifierAndAnotherRedirectUri() throws Exception {
    Pkce pkce = Pkce.create();
    String code = authorizeCode("alice", pkce);
    assertThat(postToken(pkceExchange(code, pkce.verifier(), REDIRECT_URI), null).statusCode())
        .isEqualTo(200);

    assertThatThrownBy(
            () -> accountsApi(null).authorizationCodePKCE(code, pkce.verifier()).build().execute())
        .isInstanceOf(BadRequestException.class)
        .hasMessage("Invalid authorization code");

    Pkce second = Pkce.create();
    HttpResponse<String> wrongVerifier =
        postToken(
            pkceExchange(authorizeCode("alice", second), Pkce.create().verifier(), REDIRECT_URI),
            null);
    assertThat(wrongVerifier.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(wrongVerifier.body()))
        .isEqualTo(
            JSON.readTree(
                "{\"error\":\"invalid_grant\",\"error_description\":\"code_verifier was incorrect\"}"));

    Pkce third = Pkce.create();
    HttpResponse<String> wrongRedirect =
        postToken(
            pkceExchange(
                authorizeCode("alice", third), third.verifier(), "http://127.0.0.1:8080/other"),
            null);
    assertThat(wrongRedirect.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(wrongRedirect.body()).get("error_description").asText())
        .isEqualTo("Invalid redirect URI");

    assertThat(fake.codeExchanges("alice")).isEqualTo(1);
    assertThat(fake.failures())
        .containsExactly(
            "authorization code used twice",
            "code_verifier does not match the S256 code_challenge",
            "code exchanged with redirect_uri http://127.0.0.1:8080/other but issued for "
                + REDIRECT_URI);
  }

  @Test
  void checksTheClientSecretAndIssuesAppTokensWithoutRefreshToken() throws Exception {
    HttpResponse<String> badSecret =
        postToken(form("grant_type", "client_credentials"), basicAuth("not-the-secret"));
    assertThat(badSecret.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(badSecret.body()))
        .isEqualTo(
            JSON.readTree(
                "{\"error\":\"invalid_client\",\"error_description\":\"Invalid client secret\"}"));

    HttpResponse<String> app =
        postToken(form("grant_type", "client_credentials"), basicAuth(CLIENT_SECRET));
    assertThat(app.statusCode()).isEqualTo(200);
    JsonNode appToken = JSON.readTree(app.body());
    assertThat(appToken.get("token_type").asText()).isEqualTo("Bearer");
    assertThat(appToken.has("refresh_token")).isFalse();
    assertThatThrownBy(
            () ->
                webApi(appToken.get("access_token").asText())
                    .getCurrentUsersProfile()
                    .build()
                    .execute())
        .isInstanceOf(UnauthorizedException.class);

    assertThat(fake.failures())
        .containsExactly(
            "/api/token with a wrong client secret",
            "GET /v1/me with an app (client credentials) token");
  }

  @Test
  void authorizeRedirectsADenialAndShowsAPageForWhatItCannotRedirect() {
    Pkce pkce = Pkce.create();
    fake.denyNextLogin();

    URI denied = fake.authorize(authorizeUrl(pkce, "s-1", SCOPE));

    assertThat(denied.toString()).startsWith(REDIRECT_URI + "?");
    assertThat(query(denied))
        .containsExactly(Map.entry("error", "access_denied"), Map.entry("state", "s-1"));

    assertThatThrownBy(() -> fake.authorize(authorizeUrl(pkce, "s-2", SCOPE)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("400")
        .hasMessageContaining("nextLogin");

    fake.nextLogin("alice");
    URI elsewhere =
        SpotifyApi.builder()
            .setClientId(CLIENT_ID)
            .setRedirectUri(URI.create("https://attacker.invalid/callback"))
            .build()
            .authorizationCodePKCEUri(pkce.challenge())
            .state("s-3")
            .build()
            .execute();
    assertThatThrownBy(() -> fake.authorize(elsewhere))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("INVALID_CLIENT: Invalid redirect URI");

    assertThat(fake.requests())
        .extracting(Request::path, Request::status)
        .containsExactly(
            tuple("/authorize", 302), tuple("/authorize", 400), tuple("/authorize", 400));
    assertThat(fake.failures()).hasSize(2);
  }

  @Test
  void injectedFailuresSurfaceAsTheLibrarysExceptions() throws Exception {
    SpotifyApi api = webApi(link("alice").get("access_token").asText());
    fake.clearRequests();

    // The library retries a 503 once, after about a second, so two failures reach the caller.
    fake.failNext(503, 2, "/v1/me/tracks");
    assertThatThrownBy(() -> api.getUsersSavedTracks().build().execute())
        .isInstanceOf(ServiceUnavailableException.class)
        .hasMessage("Service unavailable");

    fake.failNext(429, 1, "/v1/");
    assertThatThrownBy(() -> api.getCurrentUsersProfile().build().execute())
        .isInstanceOfSatisfying(
            TooManyRequestsException.class,
            e -> {
              assertThat(e.getRetryAfter()).isEqualTo(1);
              assertThat(e.getMessage()).isEqualTo("API rate limit exceeded");
            });

    assertThat(api.getUsersSavedTracks().build().execute().getTotal()).isEqualTo(LIKED);
    assertThat(fake.requests())
        .extracting(Request::path, Request::spotifyUserIdOrNull, Request::status)
        .containsExactly(
            tuple("/v1/me/tracks", "alice", 503),
            tuple("/v1/me/tracks", "alice", 503),
            tuple("/v1/me", "alice", 429),
            tuple("/v1/me/tracks", "alice", 200));

    fake.failNext(429, 1, "/v1/me");
    HttpResponse<String> raw = get("/v1/me", null);
    assertThat(raw.statusCode()).isEqualTo(429);
    assertThat(raw.headers().firstValue("Retry-After")).hasValue("1");
    assertThat(JSON.readTree(raw.body()))
        .isEqualTo(
            JSON.readTree("{\"error\":{\"status\":429,\"message\":\"API rate limit exceeded\"}}"));
  }

  @Test
  void webApiRejectsBadRequestsAsSpotifyDoes() throws Exception {
    JsonNode linked = link("alice");
    String token = linked.get("access_token").asText();

    for (String limit : List.of("0", "51", "many")) {
      HttpResponse<String> response = get("/v1/me/tracks?limit=" + limit, token);
      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(JSON.readTree(response.body()))
          .isEqualTo(JSON.readTree("{\"error\":{\"status\":400,\"message\":\"Invalid limit\"}}"));
    }
    assertThat(get("/v1/me/tracks?limit=50", token).statusCode()).isEqualTo(200);

    HttpResponse<String> noToken = get("/v1/me/tracks", null);
    assertThat(noToken.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(noToken.body()).at("/error/message").asText())
        .isEqualTo("No token provided");
    assertThat(get("/v1/me", "BQnot-a-token").statusCode()).isEqualTo(401);
    assertThat(get("/v1/no/such/thing", token).body()).contains("Service not found");

    Pkce pkce = Pkce.create();
    fake.nextLogin("alice");
    String code =
        query(fake.authorize(authorizeUrl(pkce, "narrow", "user-read-email"))).get("code");
    JsonNode narrow = exchange(code, pkce.verifier(), REDIRECT_URI);
    SpotifyApi narrowApi = webApi(narrow.get("access_token").asText());
    assertThat(narrowApi.getCurrentUsersProfile().build().execute().getEmail())
        .isEqualTo("alice@users.likes-bot.invalid");
    assertThatThrownBy(() -> narrowApi.getUsersSavedTracks().build().execute())
        .isInstanceOf(ForbiddenException.class)
        .hasMessage("Insufficient client scope");

    assertThat(fake.failures())
        .containsExactly(
            "GET /v1/me/tracks with limit 0",
            "GET /v1/me/tracks with limit 51",
            "GET /v1/me/tracks with limit many",
            "GET /v1/me/tracks without an access token",
            "GET /v1/me with an access token never issued",
            "GET /v1/me/tracks with a token lacking the user-library-read scope");
  }

  @Test
  void localFilesAndUnavailableTracksComeThroughTheLibrary() throws Exception {
    Instant base = Instant.parse("2024-03-01T10:00:00Z");
    fake.addUser(
        "bob",
        null,
        List.of(
            SavedTrack.of(base, FakeTrack.local("Demo Tape", "Me & My Band", "Basement", 201_000)),
            SavedTrack.unavailable(base.minusSeconds(60)),
            SavedTrack.of(base.minusSeconds(120), FakeCatalog.song(7).withPlayable(false))));
    JsonNode linked = link("bob");
    SpotifyApi api = webApi(linked.get("access_token").asText());

    assertThat(api.getCurrentUsersProfile().build().execute().getDisplayName()).isNull();
    var page = api.getUsersSavedTracks().build().execute();

    assertThat(page.getTotal()).isEqualTo(3);
    Track local = page.getItems()[0].getTrack();
    assertThat(local.getId()).isNull();
    assertThat(local.getName()).isEqualTo("Demo Tape");
    assertThat(local.getUri()).isEqualTo("spotify:local:Me+%26+My+Band:Basement:Demo+Tape:201");
    assertThat(local.getArtists()[0].getName()).isEqualTo("Me & My Band");
    assertThat(local.getArtists()[0].getId()).isNull();
    assertThat(local.getAlbum().getImages()).isEmpty();
    assertThat(local.getExternalUrls().getExternalUrls()).isEmpty();
    assertThat(page.getItems()[1].getTrack()).isNull();
    assertThat(page.getItems()[1].getAddedAt()).isEqualTo(Date.from(base.minusSeconds(60)));

    JsonNode raw =
        JSON.readTree(
            get("/v1/me/tracks?market=from_token", linked.get("access_token").asText()).body());
    assertThat(raw.at("/items/0/track/is_local").asBoolean()).isTrue();
    assertThat(raw.at("/items/1/track").isNull()).isTrue();
    JsonNode unplayable = raw.at("/items/2/track");
    assertThat(unplayable.get("is_playable").asBoolean()).isFalse();
    assertThat(unplayable.at("/restrictions/reason").asText()).isEqualTo("market");
    assertThat(unplayable.has("available_markets")).as("relinked tracks omit markets").isFalse();
    assertThat(raw.get("href").asText())
        .isEqualTo(SpotifyJson.API_BASE + "/me/tracks?offset=0&limit=20&market=from_token");
  }

  @Test
  void replacedLikedSongsShowOnTheNextPage() throws Exception {
    SpotifyApi api = webApi(link("alice").get("access_token").asText());

    fake.setLikedSongs("alice", FakeCatalog.likedSongs(5));

    var page = api.getUsersSavedTracks().build().execute();
    assertThat(page.getTotal()).isEqualTo(5);
    assertThat(page.getItems()).hasSize(5);
    assertThat(fake.user("alice").orElseThrow().likedSongs()).isEqualTo(5);
  }

  @Test
  void jsonCarriesTheFieldsClientsRead() throws Exception {
    String token = link("alice").get("access_token").asText();
    JsonNode page = JSON.readTree(get("/v1/me/tracks?limit=2&offset=1", token).body());

    assertThat(fieldNames(page))
        .containsExactly("href", "items", "limit", "next", "offset", "previous", "total");
    assertThat(page.get("previous").asText())
        .isEqualTo(SpotifyJson.API_BASE + "/me/tracks?offset=0&limit=2");
    JsonNode saved = page.at("/items/0");
    assertThat(fieldNames(saved)).containsExactly("added_at", "track");
    assertThat(saved.get("added_at").asText())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    JsonNode track = saved.get("track");
    assertThat(fieldNames(track))
        .contains(
            "album",
            "artists",
            "duration_ms",
            "explicit",
            "external_ids",
            "external_urls",
            "href",
            "id",
            "is_local",
            "is_playable",
            "name",
            "popularity",
            "type",
            "uri");
    assertThat(track.at("/external_urls/spotify").asText())
        .startsWith("https://open.spotify.com/track/");
    assertThat(track.get("is_local").asBoolean()).isFalse();
    assertThat(track.at("/album/images")).hasSize(3);
    assertThat(fieldNames(track.at("/album/images/0")))
        .containsExactlyInAnyOrder("url", "height", "width");
  }

  @Test
  void jsonUsesOnlyKeysTheOpenApiSpecDeclaresAndAllThatItRequires() throws Exception {
    OpenApiSpec spec = OpenApiSpec.load();
    Pkce pkce = Pkce.create();
    fake.nextLogin("alice");
    String code =
        query(fake.authorize(authorizeUrl(pkce, "all", SCOPE + " user-read-email"))).get("code");
    String token = exchange(code, pkce.verifier(), REDIRECT_URI).get("access_token").asText();

    JsonNode page = JSON.readTree(get("/v1/me/tracks?limit=2", token).body());
    JsonNode user = JSON.readTree(get("/v1/me", token).body());
    JsonNode error = JSON.readTree(get("/v1/me", "BQexpired").body());

    assertKeys(page, spec, "PagingObject", "PagingSavedTrackObject");
    JsonNode saved = page.at("/items/0");
    assertKeys(saved, spec, "SavedTrackObject");
    assertKeys(saved.get("track"), spec, "TrackObject");
    assertKeys(saved.at("/track/album"), spec, "AlbumBase", "SimplifiedAlbumObject");
    assertKeys(saved.at("/track/album/images/0"), spec, "ImageObject");
    assertKeys(saved.at("/track/artists/0"), spec, "SimplifiedArtistObject");
    assertThat(fieldNames(saved.at("/track/artists/0")))
        .containsAll(spec.properties("SimplifiedArtistObject"));
    assertKeys(user, spec, "PrivateUserObject");
    assertKeys(user.at("/images/0"), spec, "ImageObject");
    assertKeys(user.get("explicit_content"), spec, "ExplicitContentSettingsObject");
    assertThat(fieldNames(error)).containsExactly("error");
    assertKeys(error.get("error"), spec, "ErrorObject");
  }

  @Test
  void servesConcurrentClientsAndLogsEveryRequest() throws Exception {
    fake.addUser("bob", "Bob", 30);
    String alice = link("alice").get("access_token").asText();
    String bob = link("bob").get("access_token").asText();
    fake.clearRequests();
    ExecutorService clients = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> totals = new ArrayList<>();
      for (int i = 0; i < 80; i++) {
        SpotifyApi api = webApi(i % 2 == 0 ? alice : bob);
        totals.add(
            clients.submit(() -> api.getUsersSavedTracks().limit(1).build().execute().getTotal()));
      }
      for (int i = 0; i < totals.size(); i++) {
        assertThat(totals.get(i).get(30, TimeUnit.SECONDS)).isEqualTo(i % 2 == 0 ? LIKED : 30);
      }
    } finally {
      clients.shutdownNow();
    }
    assertThat(fake.count("GET", "/v1/me/tracks")).isEqualTo(80);
    assertThat(fake.requests())
        .filteredOn(r -> "bob".equals(r.spotifyUserIdOrNull()))
        .hasSize(40)
        .allMatch(r -> r.status() == 200);
    assertThat(fake.failures()).isEmpty();
  }

  @Test
  void latencyDelaysEveryAnswer() throws Exception {
    String token = link("alice").get("access_token").asText();
    fake.setLatency(Duration.ofMillis(150));

    long started = System.nanoTime();
    assertThat(webApi(token).getUsersSavedTracks().build().execute().getTotal()).isEqualTo(LIKED);

    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(Duration.ofMillis(150));
    assertThat(fake.requests().get(fake.requests().size() - 1).status()).isEqualTo(200);
  }

  private static void assertKeys(JsonNode node, OpenApiSpec spec, String... schemas) {
    Set<String> declared = new HashSet<>();
    Set<String> required = new HashSet<>();
    for (String schema : schemas) {
      declared.addAll(spec.properties(schema));
      required.addAll(spec.required(schema));
    }
    assertThat(declared).as("properties of %s", List.of(schemas)).isNotEmpty();
    assertThat(fieldNames(node)).as("keys of %s", List.of(schemas)).containsAll(required);
    assertThat(declared).as("keys of %s", List.of(schemas)).containsAll(fieldNames(node));
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void showDialogShowsAConsentPageNamingTheAccountEvenAfterAnEarlierApproval() throws Exception {
    Pkce pkce = Pkce.create();
    authorizeCode("alice", Pkce.create()); // approved before: no page without show_dialog
    fake.nextLogin("alice");
    URI withDialog =
        URI.create(
            fake.baseUrl()
                + authorizeUrl(pkce, "state-dialog", SCOPE).getRawPath()
                + "?"
                + authorizeUrl(pkce, "state-dialog", SCOPE).getRawQuery()
                + "&show_dialog=true");

    HttpResponse<String> page =
        http.send(HttpRequest.newBuilder(withDialog).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("You are logged in as <strong>Alice</strong>", ">Agree<");
    fake.nextLogin("alice");
    Map<String, String> params = query(FakeSpotify.followAuthorize(withDialog));
    assertThat(params).containsEntry("state", "state-dialog").containsKey("code");
    assertThat(fake.failures()).isEmpty();
  }

  /** The authorize URL exactly as the library builds it for accounts.spotify.com. */
  private static URI authorizeUrl(Pkce pkce, String state, String scope) {
    return SpotifyApi.builder()
        .setClientId(CLIENT_ID)
        .setRedirectUri(URI.create(REDIRECT_URI))
        .build()
        .authorizationCodePKCEUri(pkce.challenge())
        .state(state)
        .scope(scope)
        .build()
        .execute();
  }

  private String authorizeCode(String spotifyId, Pkce pkce) {
    fake.nextLogin(spotifyId);
    return query(fake.authorize(authorizeUrl(pkce, "state-" + spotifyId, SCOPE))).get("code");
  }

  /** The whole linking dance for a user; the token endpoint's JSON. */
  private JsonNode link(String spotifyId) throws IOException, InterruptedException {
    Pkce pkce = Pkce.create();
    return exchange(authorizeCode(spotifyId, pkce), pkce.verifier(), REDIRECT_URI);
  }

  private JsonNode exchange(String code, String verifier, String redirectUri)
      throws IOException, InterruptedException {
    HttpResponse<String> response = postToken(pkceExchange(code, verifier, redirectUri), null);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static Map<String, String> pkceExchange(
      String code, String verifier, String redirectUri) {
    return form(
        "grant_type", "authorization_code",
        "code", code,
        "redirect_uri", redirectUri,
        "client_id", CLIENT_ID,
        "code_verifier", verifier);
  }

  private HttpResponse<String> postToken(Map<String, String> form, String authorization)
      throws IOException, InterruptedException {
    String body =
        String.join(
            "&",
            form.entrySet().stream()
                .map(
                    e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .toList());
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(fake.accountsBaseUrl() + "/api/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String pathAndQuery, String accessToken)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(fake.apiBaseUrl() + pathAndQuery));
    if (accessToken != null) {
      request.header("Authorization", "Bearer " + accessToken);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String basicAuth(String secret) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((CLIENT_ID + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, String> form(String... keysAndValues) {
    Map<String, String> form = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      form.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return form;
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> params = new LinkedHashMap<>();
    for (String pair : uri.getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      params.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return params;
  }

  /** Web API calls go straight to the fake, as the brief's builder settings allow. */
  private SpotifyApi webApi(String accessToken) {
    return SpotifyApi.builder()
        .setAccessToken(accessToken)
        .setHttpManager(library)
        .setScheme("http")
        .setHost("127.0.0.1")
        .setPort(fake.port())
        .build();
  }

  /**
   * Token requests are hard-wired to accounts.spotify.com, so they go through a rewriting manager.
   */
  private SpotifyApi accountsApi(String refreshToken) {
    SpotifyApi.Builder builder =
        SpotifyApi.builder()
            .setClientId(CLIENT_ID)
            .setClientSecret(CLIENT_SECRET)
            .setRedirectUri(URI.create(REDIRECT_URI))
            .setHttpManager(new RewritingHttpManager(library, fake.port()));
    if (refreshToken != null) {
      builder.setRefreshToken(refreshToken);
    }
    return builder.build();
  }

  /** A PKCE pair: a 43-character verifier and its S256 challenge, computed independently. */
  private record Pkce(String verifier, String challenge) {
    static Pkce create() {
      byte[] random = new byte[32];
      RANDOM.nextBytes(random);
      Base64.Encoder base64url = Base64.getUrlEncoder().withoutPadding();
      String verifier = base64url.encodeToString(random);
      try {
        byte[] digest =
            MessageDigest.getInstance("SHA-256")
                .digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return new Pkce(verifier, base64url.encodeToString(digest));
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /**
   * Sends every request to the fake, whatever host the library chose, as the bot's manager will.
   */
  private static final class RewritingHttpManager implements IHttpManager {
    private final IHttpManager delegate;
    private final int port;

    RewritingHttpManager(IHttpManager delegate, int port) {
      this.delegate = delegate;
      this.port = port;
    }

    @Override
    public String get(URI uri, Header[] headers)
        throws IOException, SpotifyWebApiException, ParseException {
      return delegate.get(rewrite(uri), headers);
    }

    @Override
    public String post(URI uri, Header[] headers, HttpEntity body)
        throws IOException, SpotifyWebApiException, ParseException {
      return delegate.post(rewrite(uri), headers, body);
    }

    @Override
    public String put(URI uri, Header[] headers, HttpEntity body)
        throws IOException, SpotifyWebApiException, ParseException {
      return delegate.put(rewrite(uri), headers, body);
    }

    @Override
    public String delete(URI uri, Header[] headers, HttpEntity body)
        throws IOException, SpotifyWebApiException, ParseException {
      return delegate.delete(rewrite(uri), headers, body);
    }

    private URI rewrite(URI uri) throws IOException {
      try {
        return new URIBuilder(uri).setScheme("http").setHost("127.0.0.1").setPort(port).build();
      } catch (URISyntaxException e) {
        throw new IOException(e);
      }
    }
  }
}
