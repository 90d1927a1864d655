package dev.likesbot.fake.spotify;

import java.util.List;
import java.util.Objects;

/**
 * A Spotify account known to the fake. {@code tracks} are the Liked Songs, newest added first (the
 * order GET /v1/me/tracks pages through); {@code displayName} may be null, as on Spotify.
 */
public record FakeSpotifyUser(String id, String displayName, List<SavedTrack> tracks) {

  public FakeSpotifyUser {
    Objects.requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("spotify id must not be blank");
    }
    tracks = List.copyOf(tracks);
  }

  public int likedSongs() {
    return tracks.size();
  }

  /** The entry GET /v1/me/tracks returns at this offset. */
  public SavedTrack track(int offset) {
    return tracks.get(offset);
  }

  /** The immutable id the spec recommends for account linking, derived from {@link #id()}. */
  public String accountId() {
    return FakeCatalog.spotifyId("account:" + id).substring(0, 10);
  }

  /** Only sent with the user-read-email scope. */
  public String email() {
    return id + "@users.likes-bot.invalid";
  }

  /** Only sent with the user-read-private scope; also the market for {@code market=from_token}. */
  public String country() {
    return "SE";
  }

  public String product() {
    return "premium";
  }
}
