package dev.likesbot.fake.spotify;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * A track as Spotify's TrackObject carries it. Local files ({@code local == true}) have no id,
 * href, ISRC or album art and a {@code spotify:local:...} URI, as Spotify serves them.
 */
public record FakeTrack(
    String id,
    String name,
    List<FakeArtist> artists,
    FakeAlbum album,
    int durationMs,
    boolean explicit,
    int popularity,
    int trackNumber,
    int discNumber,
    String isrc,
    boolean playable,
    boolean local) {

  public FakeTrack {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(album, "album");
    artists = List.copyOf(artists);
    if (local != (id == null)) {
      throw new IllegalArgumentException("a local file has no id, and only a local file lacks one");
    }
  }

  /** A playable, non-explicit catalogue track with average popularity. */
  public static FakeTrack of(
      String id, String name, FakeArtist artist, FakeAlbum album, int durationMs) {
    return new FakeTrack(
        Objects.requireNonNull(id, "id"),
        name,
        List.of(artist),
        album,
        durationMs,
        false,
        50,
        1,
        1,
        null,
        true,
        false);
  }

  /** A local file a user added to their library from their own disk. */
  public static FakeTrack local(String name, String artistName, String albumName, int durationMs) {
    return new FakeTrack(
        null,
        name,
        List.of(FakeArtist.local(artistName)),
        FakeAlbum.local(albumName),
        durationMs,
        false,
        0,
        0,
        0,
        null,
        false,
        true);
  }

  public FakeTrack withPlayable(boolean isPlayable) {
    return new FakeTrack(
        id,
        name,
        artists,
        album,
        durationMs,
        explicit,
        popularity,
        trackNumber,
        discNumber,
        isrc,
        isPlayable,
        local);
  }

  /** Spotify's URI; local files encode artist, album, title and seconds like a form value. */
  public String uri() {
    if (!local) {
      return "spotify:track:" + id;
    }
    String artist = artists.isEmpty() ? "" : artists.get(0).name();
    return String.join(
        ":",
        "spotify:local",
        encode(artist),
        encode(album.name()),
        encode(name),
        Integer.toString(durationMs / 1000));
  }

  private static String encode(String part) {
    return URLEncoder.encode(part, StandardCharsets.UTF_8);
  }
}
