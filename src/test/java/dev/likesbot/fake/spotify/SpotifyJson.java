package dev.likesbot.fake.spotify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

/**
 * Every JSON body the fake sends, in one place so the shapes stay those of Spotify's OpenAPI
 * schemas (PrivateUserObject, PagingSavedTrackObject, TrackObject, SimplifiedAlbumObject,
 * SimplifiedArtistObject, ImageObject, the Web API error object) and of the accounts service's
 * OAuth answers. Links point at the real hosts, as Spotify's do; clients reach the fake through an
 * IHttpManager that rewrites the host.
 */
final class SpotifyJson {

  static final String API_BASE = "https://api.spotify.com/v1";
  static final String OPEN_BASE = "https://open.spotify.com";

  /** Content type Spotify sends with JSON. */
  static final String CONTENT_TYPE = "application/json; charset=utf-8";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /**
   * Spotify lists every market a track and its album play in: about 185 country codes each for a
   * song available nearly everywhere, as most are. The payload's size and the library's work on it
   * are part of what the bot pays for a page.
   */
  private static final List<String> MARKETS =
      java.util.Arrays.stream(java.util.Locale.getISOCountries()).limit(185).toList();

  private SpotifyJson() {}

  /** Which page of the Liked Songs was asked for; {@code market} as given, or null. */
  record PageRequest(int offset, int limit, String market) {}

  /**
   * GET /v1/me: country, product and explicit_content need user-read-private, email needs -email.
   */
  static String privateUser(FakeSpotifyUser user, Set<String> scopes) {
    ObjectNode json = MAPPER.createObjectNode();
    json.put("account_id", user.accountId());
    if (scopes.contains("user-read-private")) {
      json.put("country", user.country());
    }
    json.put("display_name", user.displayName());
    if (scopes.contains("user-read-email")) {
      json.put("email", user.email());
    }
    if (scopes.contains("user-read-private")) {
      ObjectNode explicit = json.putObject("explicit_content");
      explicit.put("filter_enabled", false);
      explicit.put("filter_locked", false);
    }
    json.set("external_urls", externalUrls(OPEN_BASE + "/user/" + user.id()));
    ObjectNode followers = json.putObject("followers");
    followers.putNull("href");
    followers.put("total", 0);
    json.put("href", API_BASE + "/users/" + user.id());
    json.put("id", user.id());
    ArrayNode images = json.putArray("images");
    String hash = FakeCatalog.spotifyId("avatar:" + user.id());
    images.add(image("https://i.scdn.co/image/ab6775700000ee85" + hash, 300, 300));
    images.add(image("https://i.scdn.co/image/ab67757000003b82" + hash, 64, 64));
    if (scopes.contains("user-read-private")) {
      json.put("product", user.product());
    }
    json.put("type", "user");
    json.put("uri", "spotify:user:" + user.id());
    return write(json);
  }

  /**
   * GET /v1/me/tracks. An offset past the end gives an empty page with the real total. With a
   * market Spotify applies track relinking: available_markets disappear and unplayable tracks get a
   * restriction.
   */
  static String savedTracksPage(List<SavedTrack> library, PageRequest page) {
    int total = library.size();
    int from = Math.min(page.offset(), total);
    int to = Math.min(from + page.limit(), total);
    ObjectNode json = MAPPER.createObjectNode();
    json.put("href", pageUrl(page.offset(), page.limit(), page.market()));
    ArrayNode items = json.putArray("items");
    for (SavedTrack saved : library.subList(from, to)) {
      items.add(savedTrack(saved, page.market() != null));
    }
    json.put("limit", page.limit());
    if (page.offset() + page.limit() < total) {
      json.put("next", pageUrl(page.offset() + page.limit(), page.limit(), page.market()));
    } else {
      json.putNull("next");
    }
    json.put("offset", page.offset());
    if (page.offset() > 0) {
      json.put(
          "previous",
          pageUrl(Math.max(0, page.offset() - page.limit()), page.limit(), page.market()));
    } else {
      json.putNull("previous");
    }
    json.put("total", total);
    return write(json);
  }

  static ObjectNode savedTrack(SavedTrack saved, boolean relinked) {
    ObjectNode json = MAPPER.createObjectNode();
    json.put("added_at", timestamp(saved.addedAt()));
    if (saved.track() == null) {
      json.putNull("track");
    } else {
      json.set("track", track(saved.track(), relinked));
    }
    return json;
  }

  static ObjectNode track(FakeTrack track, boolean relinked) {
    ObjectNode json = MAPPER.createObjectNode();
    json.set("album", album(track.album(), relinked));
    ArrayNode artists = json.putArray("artists");
    track.artists().forEach(artist -> artists.add(artist(artist)));
    if (!relinked) {
      markets(json, track.local());
    }
    json.put("disc_number", track.discNumber());
    json.put("duration_ms", track.durationMs());
    json.put("explicit", track.explicit());
    ObjectNode externalIds = json.putObject("external_ids");
    if (track.isrc() != null) {
      externalIds.put("isrc", track.isrc());
    }
    json.set("external_urls", externalUrls(spotifyUrl("track", track.id())));
    json.put("href", apiUrl("tracks", track.id()));
    json.put("id", track.id());
    json.put("is_local", track.local());
    json.put("is_playable", track.playable());
    if (relinked && !track.playable() && !track.local()) {
      json.putObject("restrictions").put("reason", "market");
    }
    json.put("name", track.name());
    json.put("popularity", track.popularity());
    json.putNull("preview_url");
    json.put("track_number", track.trackNumber());
    json.put("type", "track");
    json.put("uri", track.uri());
    return json;
  }

  static ObjectNode album(FakeAlbum album, boolean relinked) {
    ObjectNode json = MAPPER.createObjectNode();
    json.put("album_type", album.albumType());
    ArrayNode artists = json.putArray("artists");
    album.artists().forEach(artist -> artists.add(artist(artist)));
    if (!relinked) {
      markets(json, album.id() == null);
    }
    json.set("external_urls", externalUrls(spotifyUrl("album", album.id())));
    json.put("href", apiUrl("albums", album.id()));
    json.put("id", album.id());
    ArrayNode images = json.putArray("images");
    album.images().forEach(img -> images.add(image(img.url(), img.width(), img.height())));
    json.put("name", album.name());
    json.put("release_date", album.releaseDate());
    json.put("release_date_precision", album.releaseDatePrecision());
    json.put("total_tracks", album.totalTracks());
    json.put("type", "album");
    json.put("uri", album.uri());
    return json;
  }

  static ObjectNode artist(FakeArtist artist) {
    ObjectNode json = MAPPER.createObjectNode();
    json.set("external_urls", externalUrls(spotifyUrl("artist", artist.id())));
    json.put("href", apiUrl("artists", artist.id()));
    json.put("id", artist.id());
    json.put("name", artist.name());
    json.put("type", "artist");
    json.put("uri", artist.uri());
    return json;
  }

  static ObjectNode image(String url, int width, int height) {
    ObjectNode json = MAPPER.createObjectNode();
    json.put("height", height);
    json.put("url", url);
    json.put("width", width);
    return json;
  }

  /** The Web API's error object: {"error":{"status":401,"message":"..."}}. */
  static String apiError(int status, String message) {
    return apiError(status, message, null);
  }

  /** The Web API's error object; {@code reason} (nullable) as in a quota 429. */
  static String apiError(int status, String message, String reason) {
    ObjectNode json = MAPPER.createObjectNode();
    ObjectNode error = json.putObject("error");
    error.put("status", status);
    error.put("message", message);
    if (reason != null) {
      error.put("reason", reason);
    }
    return write(json);
  }

  /** The accounts service's OAuth error: {"error":"invalid_grant","error_description":"..."}. */
  static String oauthError(String error, String description) {
    ObjectNode json = MAPPER.createObjectNode();
    json.put("error", error);
    json.put("error_description", description);
    return write(json);
  }

  /** POST /api/token success; refresh token and scope are left out when null, as Spotify does. */
  static String token(String accessToken, long expiresIn, String refreshToken, String scope) {
    ObjectNode json = MAPPER.createObjectNode();
    json.put("access_token", accessToken);
    json.put("token_type", "Bearer");
    json.put("expires_in", expiresIn);
    if (refreshToken != null) {
      json.put("refresh_token", refreshToken);
    }
    if (scope != null) {
      json.put("scope", scope);
    }
    return write(json);
  }

  /** ISO-8601 UTC to the second, as Spotify's added_at ("2025-06-01T12:00:00Z"). */
  static String timestamp(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static void markets(ObjectNode json, boolean local) {
    ArrayNode markets = json.putArray("available_markets");
    if (!local) {
      MARKETS.forEach(markets::add);
    }
  }

  private static ObjectNode externalUrls(String spotifyUrl) {
    ObjectNode json = MAPPER.createObjectNode();
    if (spotifyUrl != null) {
      json.put("spotify", spotifyUrl);
    }
    return json;
  }

  private static String spotifyUrl(String type, String id) {
    return id == null ? null : OPEN_BASE + "/" + type + "/" + id;
  }

  private static String apiUrl(String collection, String id) {
    return id == null ? null : API_BASE + "/" + collection + "/" + id;
  }

  private static String pageUrl(int offset, int limit, String market) {
    String url = API_BASE + "/me/tracks?offset=" + offset + "&limit=" + limit;
    return market == null ? url : url + "&market=" + market;
  }

  private static String write(ObjectNode json) {
    try {
      return MAPPER.writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of plain nodes always serialises", e);
    }
  }
}
