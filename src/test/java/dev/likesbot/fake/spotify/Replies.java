package dev.likesbot.fake.spotify;

import io.javalin.http.Context;

/** Writes the fake's responses with the headers Spotify sends alongside them. */
final class Replies {

  /** Request attribute naming the Spotify user a request acted for, for the request log. */
  static final String USER = "fake-spotify.user";

  private Replies() {}

  static void json(Context ctx, int status, String body) {
    // Cacheable but immediately stale, as Spotify's API answers are. spotify-web-api-java's default
    // manager stores them keyed by URL alone, so a client serving several users must turn its
    // cache off (see FakeSpotifyTest): the fake does not hide that hazard.
    ctx.status(status)
        .contentType(SpotifyJson.CONTENT_TYPE)
        .header("Cache-Control", "private, max-age=0")
        .result(body);
  }

  static void apiError(Context ctx, int status, String message) {
    if (status == 401) {
      ctx.header(
          "WWW-Authenticate",
          "Bearer realm=\"spotify\", error=\"invalid_token\", error_description=\""
              + message
              + "\"");
    }
    json(ctx, status, SpotifyJson.apiError(status, message));
  }

  static void oauthError(Context ctx, int status, String error, String description) {
    ctx.status(status)
        .contentType(SpotifyJson.CONTENT_TYPE)
        .header("Cache-Control", "no-store")
        .result(SpotifyJson.oauthError(error, description));
  }

  /** The accounts service answers a request it cannot redirect with a plain error page. */
  static void page(Context ctx, int status, String text) {
    ctx.status(status).contentType("text/plain; charset=utf-8").result(text);
  }

  static void actingFor(Context ctx, String spotifyId) {
    ctx.attribute(USER, spotifyId);
  }
}
