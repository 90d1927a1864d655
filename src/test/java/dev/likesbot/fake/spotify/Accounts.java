package dev.likesbot.fake.spotify;

import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.owasp.encoder.Encode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The accounts service: GET /authorize (playing the user's browser login) and POST /api/token
 * (authorization code with or without PKCE, refresh token, client credentials), with Spotify's
 * error answers. Client mistakes are also written to the journal as protocol violations.
 *
 * <p>Who is logged in at Spotify in the browser is what the test queued ({@link #nextLogin}), taken
 * by the next /authorize. Like Spotify, a user who approved the app before passes straight back to
 * the redirect URI, unless the client asks {@code show_dialog=true}: then a consent page names the
 * logged-in Spotify account, and its Agree (POST /authorize/accept) redirects.
 */
final class Accounts {
  /** Header naming a consent page's id, so a test's plain HTTP client can press Agree. */
  static final String CONSENT_HEADER = "X-Fake-Consent";

  /** Scopes Spotify knows; an unknown one makes /authorize redirect with invalid_scope. */
  private static final Set<String> KNOWN_SCOPES =
      Set.of(
          "app-remote-control",
          "playlist-read-private",
          "playlist-read-collaborative",
          "playlist-modify-public",
          "playlist-modify-private",
          "user-library-read",
          "user-library-modify",
          "user-read-private",
          "user-read-email",
          "user-follow-read",
          "user-follow-modify",
          "user-top-read",
          "user-read-playback-position",
          "user-read-playback-state",
          "user-read-recently-played",
          "user-read-currently-playing",
          "user-modify-playback-state",
          "ugc-image-upload",
          "streaming",
          "user-personalized");

  private static final Logger LOG = LoggerFactory.getLogger(Accounts.class);

  private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");
  private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

  /** One queued browser login: a user who approves, or (null) one who clicks "Cancel". */
  private record Login(String spotifyIdOrNull) {}

  /** A consent page waiting for Agree: what /authorize would redirect with. */
  private record Consent(
      String spotifyId, String redirectUri, String challenge, String scope, String state) {}

  /** The next refresh grants, held until all of them have arrived or {@code atMost} has passed. */
  private static final class Hold {
    final AtomicInteger slots;
    final CountDownLatch arrived;
    final Duration atMost;

    Hold(int n, Duration atMost) {
      this.slots = new AtomicInteger(n);
      this.arrived = new CountDownLatch(n);
      this.atMost = atMost;
    }

    /** Waits for the others when this grant is one of those held; passes at once otherwise. */
    void await() throws InterruptedException {
      if (slots.getAndDecrement() <= 0) {
        return;
      }
      arrived.countDown();
      if (!arrived.await(atMost.toNanos(), TimeUnit.NANOSECONDS)) {
        LOG.warn(
            "Held refresh answered after {} with {} still missing", atMost, arrived.getCount());
      }
    }

    /** Lets every waiting grant through, as when the fake is reset for the next test. */
    void release() {
      slots.set(0);
      while (arrived.getCount() > 0) {
        arrived.countDown();
      }
    }
  }

  /** Who the client said it is on /api/token; {@code confidential} once its secret checked out. */
  private record Client(boolean confidential) {}

  private final String clientId;
  private final String clientSecret;
  private final Set<String> redirectUris = new CopyOnWriteArraySet<>();
  private final Queue<Login> logins = new ConcurrentLinkedQueue<>();

  /** Consent pages shown and not yet answered, by their id. */
  private final Map<String, Consent> consents = new ConcurrentHashMap<>();

  private final Function<String, String> displayNames;
  private final String firstRedirectUri;
  private final AtomicReference<Runnable> beforeNextRefresh = new AtomicReference<>();
  private final AtomicReference<Hold> hold = new AtomicReference<>();
  private final TokenRegistry tokens;
  private final Journal journal;

  Accounts(
      String clientId,
      String clientSecret,
      String redirectUri,
      TokenRegistry tokens,
      Journal journal,
      Function<String, String> displayNames) {
    this.displayNames = displayNames;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.firstRedirectUri = redirectUri;
    this.redirectUris.add(redirectUri);
    this.tokens = tokens;
    this.journal = journal;
  }

  void registerRedirectUri(String redirectUri) {
    redirectUris.add(redirectUri);
  }

  /** Back to the app as registered: no queued logins, consent pages or extra redirect URIs. */
  void reset() {
    logins.clear();
    consents.clear();
    redirectUris.retainAll(Set.of(firstRedirectUri));
    beforeNextRefresh.set(null);
    Hold held = hold.getAndSet(null);
    if (held != null) {
      held.release();
    }
  }

  void beforeNextRefresh(Runnable action) {
    beforeNextRefresh.set(action);
  }

  void holdRefreshes(int n, Duration atMost) {
    Hold previous = hold.getAndSet(new Hold(n, atMost));
    if (previous != null) {
      previous.release();
    }
  }

  void nextLogin(String spotifyId) {
    logins.add(new Login(spotifyId));
  }

  void denyNextLogin() {
    logins.add(new Login(null));
  }

  void authorize(Context ctx) {
    if (!clientId.equals(ctx.queryParam("client_id"))) {
      journal.violation("/authorize with unknown client_id " + ctx.queryParam("client_id"));
      Replies.page(ctx, 400, "INVALID_CLIENT: Invalid client");
      return;
    }
    String redirectUri = ctx.queryParam("redirect_uri");
    if (redirectUri == null || !redirectUris.contains(redirectUri)) {
      journal.violation("/authorize with unregistered redirect_uri " + redirectUri);
      Replies.page(ctx, 400, "INVALID_CLIENT: Invalid redirect URI");
      return;
    }
    String state = ctx.queryParam("state");
    if (state == null || state.isEmpty()) {
      // Spotify does not insist, but without state the callback cannot be tied to one /link.
      journal.violation("/authorize without state");
    }
    if (!"code".equals(ctx.queryParam("response_type"))) {
      journal.violation("/authorize with response_type " + ctx.queryParam("response_type"));
      redirectError(ctx, redirectUri, "unsupported_response_type", state);
      return;
    }
    String method = ctx.queryParam("code_challenge_method");
    String challenge = ctx.queryParam("code_challenge");
    if ((method != null || challenge != null)
        && (!"S256".equals(method)
            || challenge == null
            || !CHALLENGE.matcher(challenge).matches())) {
      journal.violation(
          "/authorize with code_challenge_method " + method + " and code_challenge " + challenge);
      redirectError(ctx, redirectUri, "invalid_request", state);
      return;
    }
    Set<String> scopes = TokenRegistry.scopes(ctx.queryParam("scope"));
    if (!KNOWN_SCOPES.containsAll(scopes)) {
      journal.violation("/authorize with unknown scope in " + scopes);
      redirectError(ctx, redirectUri, "invalid_scope", state);
      return;
    }
    Login login = logins.poll();
    if (login == null) {
      journal.violation("/authorize but the test queued no login (nextLogin/denyNextLogin)");
      Replies.page(
          ctx, 400, "No Spotify user is logging in: queue one with FakeSpotify.nextLogin(id)");
      return;
    }
    if (login.spotifyIdOrNull() == null) {
      redirectError(ctx, redirectUri, "access_denied", state);
      return;
    }
    Replies.actingFor(ctx, login.spotifyIdOrNull());
    Consent consent =
        new Consent(
            login.spotifyIdOrNull(), redirectUri, challenge, String.join(" ", scopes), state);
    String showDialog = ctx.queryParam("show_dialog");
    if (showDialog != null && !showDialog.equals("true") && !showDialog.equals("false")) {
      journal.violation("/authorize with show_dialog " + showDialog);
    }
    if ("true".equals(showDialog)) {
      String id = UUID.randomUUID().toString();
      consents.put(id, consent);
      consentPage(ctx, id, login.spotifyIdOrNull());
      return;
    }
    approve(ctx, consent);
  }

  /** POST /authorize/accept: the user pressed Agree (or Cancel) on the consent page. */
  void accept(Context ctx) {
    Consent consent = consents.remove(String.valueOf(ctx.formParam("consent")));
    if (consent == null) {
      Replies.page(ctx, 400, "This page has expired. Go back to the app and try again.");
      return;
    }
    Replies.actingFor(ctx, consent.spotifyId());
    if ("cancel".equals(ctx.formParam("decision"))) {
      redirectError(ctx, consent.redirectUri(), "access_denied", consent.state());
      return;
    }
    approve(ctx, consent);
  }

  private void approve(Context ctx, Consent consent) {
    String code =
        tokens.issueCode(
            consent.spotifyId(), consent.redirectUri(), consent.challenge(), consent.scope());
    Map<String, String> params = new LinkedHashMap<>();
    params.put("code", code);
    params.put("state", consent.state());
    redirect(ctx, consent.redirectUri(), params);
  }

  /** Spotify's consent page, cut down: the app, the logged-in account, Agree and Cancel. */
  private void consentPage(Context ctx, String id, String spotifyId) {
    String name = displayNames.apply(spotifyId);
    ctx.status(200)
        .contentType("text/html; charset=utf-8")
        .header(CONSENT_HEADER, id)
        .header("Cache-Control", "no-store")
        .result(
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>Spotify – Authorize</title></head><body>"
                + "<h1>Connect likes-bot to your Spotify account</h1>"
                + "<p id=\"account\">You are logged in as <strong>"
                + Encode.forHtml(name)
                + "</strong>. Not you?</p>"
                + "<form method=\"post\" action=\"/authorize/accept\">"
                + "<input type=\"hidden\" name=\"consent\" value=\""
                + Encode.forHtmlAttribute(id)
                + "\"><button id=\"agree\" name=\"decision\" value=\"agree\">Agree</button> "
                + "<button id=\"cancel\" name=\"decision\" value=\"cancel\">Cancel</button>"
                + "</form></body></html>");
  }

  void token(Context ctx) throws InterruptedException {
    String contentType = ctx.contentType();
    if (contentType == null || !contentType.startsWith("application/x-www-form-urlencoded")) {
      journal.violation("/api/token with Content-Type " + contentType);
      Replies.oauthError(ctx, 400, "invalid_request", "Unsupported content type");
      return;
    }
    Map<String, String> form = firstValues(ctx.formParamMap());
    Client client = authenticate(ctx, form);
    if (client == null) {
      return;
    }
    String grantType = form.get("grant_type");
    if (grantType == null) {
      journal.violation("/api/token without grant_type");
      Replies.oauthError(ctx, 400, "unsupported_grant_type", "grant_type parameter is missing");
      return;
    }
    switch (grantType) {
      case "authorization_code" -> exchangeCode(ctx, form, client);
      case "refresh_token" -> refresh(ctx, form, client);
      case "client_credentials" -> appToken(ctx, client);
      default -> {
        journal.violation("/api/token with grant_type " + grantType);
        Replies.oauthError(
            ctx,
            400,
            "unsupported_grant_type",
            "grant_type must be client_credentials, authorization_code or refresh_token");
      }
    }
  }

  /** Basic header or form fields; a missing secret makes a public (PKCE) client. Null: answered. */
  private Client authenticate(Context ctx, Map<String, String> form) {
    String id = form.get("client_id");
    String secret = form.get("client_secret");
    String header = ctx.header("Authorization");
    if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
      String decoded;
      try {
        decoded =
            new String(
                Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        decoded = "";
      }
      int colon = decoded.indexOf(':');
      if (colon < 0 || (id != null && !id.equals(decoded.substring(0, colon)))) {
        journal.violation("/api/token with a malformed Basic Authorization header");
        Replies.oauthError(ctx, 400, "invalid_client", "Invalid client");
        return null;
      }
      id = decoded.substring(0, colon);
      secret = decoded.substring(colon + 1);
    }
    if (id == null) {
      journal.violation("/api/token without client authentication");
      Replies.oauthError(ctx, 400, "invalid_client", "Invalid client");
      return null;
    }
    if (!clientId.equals(id)) {
      journal.violation("/api/token with unknown client_id " + id);
      Replies.oauthError(ctx, 400, "invalid_client", "Invalid client");
      return null;
    }
    if (secret != null && !clientSecret.equals(secret)) {
      journal.violation("/api/token with a wrong client secret");
      Replies.oauthError(ctx, 400, "invalid_client", "Invalid client secret");
      return null;
    }
    return new Client(secret != null);
  }

  private void exchangeCode(Context ctx, Map<String, String> form, Client client) {
    String code = form.get("code");
    // Consumed on any attempt, even one that fails below: a code is good for one try only.
    TokenRegistry.IssuedCode issued = code == null ? null : tokens.consumeCode(code);
    if (issued == null) {
      journal.violation(
          code != null && tokens.wasUsed(code)
              ? "authorization code used twice"
              : "unknown authorization code");
      Replies.oauthError(ctx, 400, "invalid_grant", "Invalid authorization code");
      return;
    }
    Replies.actingFor(ctx, issued.userId());
    if (!tokens.now().isBefore(issued.expiresAt())) {
      journal.violation("authorization code exchanged after it expired");
      Replies.oauthError(ctx, 400, "invalid_grant", "Authorization code expired");
      return;
    }
    if (!issued.redirectUri().equals(form.get("redirect_uri"))) {
      journal.violation(
          "code exchanged with redirect_uri "
              + form.get("redirect_uri")
              + " but issued for "
              + issued.redirectUri());
      Replies.oauthError(ctx, 400, "invalid_grant", "Invalid redirect URI");
      return;
    }
    boolean pkce = issued.challenge() != null;
    if (!pkce && !client.confidential()) {
      journal.violation("code issued without PKCE exchanged without the client secret");
      Replies.oauthError(ctx, 400, "invalid_client", "Invalid client");
      return;
    }
    if (pkce) {
      String verifier = form.get("code_verifier");
      if (verifier == null) {
        journal.violation("PKCE code exchanged without code_verifier");
        Replies.oauthError(ctx, 400, "invalid_request", "code_verifier required");
        return;
      }
      if (!VERIFIER.matcher(verifier).matches()
          || !TokenRegistry.s256(verifier).equals(issued.challenge())) {
        journal.violation("code_verifier does not match the S256 code_challenge");
        Replies.oauthError(ctx, 400, "invalid_grant", "code_verifier was incorrect");
        return;
      }
    }
    String accessToken = tokens.issueAccessToken(issued.userId(), issued.scope());
    String refreshToken = tokens.issueRefreshToken(issued.userId(), issued.scope(), pkce);
    tokens.countExchange(issued.userId());
    Replies.json(
        ctx,
        200,
        SpotifyJson.token(accessToken, tokens.expiresInSeconds(), refreshToken, issued.scope()));
  }

  private void refresh(Context ctx, Map<String, String> form, Client client)
      throws InterruptedException {
    Runnable before = beforeNextRefresh.getAndSet(null);
    if (before != null) {
      before.run();
    }
    Hold held = hold.get();
    if (held != null) {
      held.await();
    }
    String token = form.get("refresh_token");
    if (token == null) {
      journal.violation("refresh_token grant without refresh_token");
      Replies.oauthError(ctx, 400, "invalid_request", "refresh_token must be supplied");
      return;
    }
    TokenRegistry.RefreshToken refresh = tokens.refreshToken(token);
    if (refresh == null) {
      journal.violation("refresh with a refresh token the fake never issued");
      Replies.oauthError(ctx, 400, "invalid_grant", "Invalid refresh token");
      return;
    }
    Replies.actingFor(ctx, refresh.userId());
    if (!refresh.pkce() && !client.confidential()) {
      journal.violation("refresh of a confidential client's token without the client secret");
      Replies.oauthError(ctx, 400, "invalid_client", "Invalid client");
      return;
    }
    String rotated = null;
    if (tokens.rotatesRefreshTokens()) {
      if (!refresh.state().compareAndSet(TokenRegistry.State.ACTIVE, TokenRegistry.State.ROTATED)) {
        refused(ctx, refresh);
        return;
      }
      rotated = tokens.issueRefreshToken(refresh.userId(), refresh.scope(), refresh.pkce());
    } else if (refresh.state().get() != TokenRegistry.State.ACTIVE) {
      refused(ctx, refresh);
      return;
    }
    String accessToken = tokens.issueAccessToken(refresh.userId(), refresh.scope());
    tokens.countRefresh(refresh.userId());
    Replies.json(
        ctx,
        200,
        SpotifyJson.token(accessToken, tokens.expiresInSeconds(), rotated, refresh.scope()));
  }

  private void refused(Context ctx, TokenRegistry.RefreshToken refresh) {
    if (refresh.state().get() == TokenRegistry.State.ROTATED) {
      journal.violation("refresh token used again after it was rotated");
    }
    Replies.oauthError(ctx, 400, "invalid_grant", "Refresh token revoked");
  }

  private void appToken(Context ctx, Client client) {
    if (!client.confidential()) {
      journal.violation("client_credentials grant without the client secret");
      Replies.oauthError(ctx, 400, "invalid_client", "Invalid client");
      return;
    }
    String accessToken = tokens.issueAccessToken(null, "");
    Replies.json(ctx, 200, SpotifyJson.token(accessToken, tokens.expiresInSeconds(), null, null));
  }

  private static void redirectError(Context ctx, String redirectUri, String error, String state) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("error", error);
    params.put("state", state);
    redirect(ctx, redirectUri, params);
  }

  private static void redirect(Context ctx, String redirectUri, Map<String, String> params) {
    String query =
        params.entrySet().stream()
            .filter(e -> e.getValue() != null)
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    String separator = redirectUri.contains("?") ? "&" : "?";
    ctx.status(302).header("Location", redirectUri + separator + query).result("");
  }

  /** The first value of each parameter; Spotify ignores repeats. */
  static Map<String, String> firstValues(Map<String, List<String>> multi) {
    return multi.entrySet().stream()
        .filter(e -> !e.getValue().isEmpty())
        .collect(
            Collectors.toMap(
                Map.Entry::getKey, e -> e.getValue().get(0), (a, b) -> a, LinkedHashMap::new));
  }
}
