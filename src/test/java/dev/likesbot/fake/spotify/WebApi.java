package dev.likesbot.fake.spotify;

import io.javalin.http.Context;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** The Web API endpoints the bot uses: GET /v1/me and GET /v1/me/tracks, with bearer auth. */
final class WebApi {

  private static final Pattern MARKET = Pattern.compile("[A-Z]{2}");

  /**
   * Spotify's answer to a development-mode app acting for a user not among its users: 403 with this
   * plain text, not the usual JSON error (client libraries report it as undecodable).
   */
  static final String NOT_REGISTERED = "User not registered in the Developer Dashboard";

  /** Users left off the app's allowlist (development mode: the dashboard's User Management). */
  private final Set<String> notAllowed = ConcurrentHashMap.newKeySet();

  private final Map<String, FakeSpotifyUser> users;
  private final TokenRegistry tokens;
  private final Journal journal;

  WebApi(Map<String, FakeSpotifyUser> users, TokenRegistry tokens, Journal journal) {
    this.users = users;
    this.tokens = tokens;
    this.journal = journal;
  }

  void allow(String spotifyId, boolean allowed) {
    if (allowed) {
      notAllowed.remove(spotifyId);
    } else {
      notAllowed.add(spotifyId);
    }
  }

  void me(Context ctx) {
    TokenRegistry.AccessToken token = authenticateUser(ctx);
    if (token != null) {
      Replies.json(ctx, 200, SpotifyJson.privateUser(users.get(token.userId()), token.scopes()));
    }
  }

  void savedTracks(Context ctx) {
    TokenRegistry.AccessToken token = authenticateUser(ctx);
    if (token == null) {
      return;
    }
    if (!token.scopes().contains("user-library-read")) {
      journal.violation("GET /v1/me/tracks with a token lacking the user-library-read scope");
      Replies.apiError(ctx, 403, "Insufficient client scope");
      return;
    }
    Integer limit = integer(ctx.queryParam("limit"), 20);
    if (limit == null || limit < 1 || limit > 50) {
      journal.violation("GET /v1/me/tracks with limit " + ctx.queryParam("limit"));
      Replies.apiError(ctx, 400, "Invalid limit");
      return;
    }
    Integer offset = integer(ctx.queryParam("offset"), 0);
    if (offset == null || offset < 0) {
      journal.violation("GET /v1/me/tracks with offset " + ctx.queryParam("offset"));
      Replies.apiError(ctx, 400, "Invalid offset");
      return;
    }
    String market = ctx.queryParam("market");
    if (market != null && !market.equals("from_token") && !MARKET.matcher(market).matches()) {
      journal.violation("GET /v1/me/tracks with market " + market);
      Replies.apiError(ctx, 400, "Invalid market code");
      return;
    }
    FakeSpotifyUser user = users.get(token.userId());
    Replies.json(
        ctx,
        200,
        SpotifyJson.savedTracksPage(
            user.tracks(), new SpotifyJson.PageRequest(offset, limit, market)));
  }

  /** Checks the bearer token as Spotify does; null when the error answer is already written. */
  private TokenRegistry.AccessToken authenticateUser(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null) {
      journal.violation(ctx.method() + " " + ctx.path() + " without an access token");
      Replies.apiError(ctx, 401, "No token provided");
      return null;
    }
    String bearer = bearerToken(header);
    if (bearer == null) {
      journal.violation(ctx.method() + " " + ctx.path() + " with a non-bearer Authorization");
      Replies.apiError(ctx, 400, "Only valid bearer authentication supported");
      return null;
    }
    TokenRegistry.AccessCheck check = tokens.check(bearer);
    if (check.token() != null) {
      Replies.actingFor(ctx, check.token().userId());
    }
    switch (check.outcome()) {
      case UNKNOWN -> {
        journal.violation(ctx.method() + " " + ctx.path() + " with an access token never issued");
        Replies.apiError(ctx, 401, "Invalid access token");
        return null;
      }
      case REVOKED -> {
        Replies.apiError(ctx, 401, "Invalid access token");
        return null;
      }
      case EXPIRED -> {
        Replies.apiError(ctx, 401, "The access token expired");
        return null;
      }
      default -> {
        // fall through to the user check below
      }
    }
    if (check.token().userId() == null) {
      journal.violation(
          ctx.method() + " " + ctx.path() + " with an app (client credentials) token");
      Replies.apiError(ctx, 401, "Unauthorized.");
      return null;
    }
    if (notAllowed.contains(check.token().userId())) {
      ctx.status(403).contentType("text/plain; charset=utf-8").result(NOT_REGISTERED);
      return null;
    }
    return check.token();
  }

  /** The token of an {@code Authorization: Bearer ...} header; null for any other header. */
  static String bearerToken(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return authorization.substring(7).trim();
  }

  private static Integer integer(String value, int fallback) {
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.valueOf(value);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
