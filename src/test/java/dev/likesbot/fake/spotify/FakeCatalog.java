package dev.likesbot.fake.spotify;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Deterministic catalogue behind {@link FakeSpotify#addUser(String, String, int)}, so tests can
 * predict every field: song {@code n} (1-based) is named "Song n" and sits at offset {@code n - 1}
 * of the Liked Songs, newest first, so "Song 1" is the newest and "Song N" the oldest like. Ids
 * depend only on {@code n}, so two users liking "Song 5" like the same track, as on Spotify.
 */
public final class FakeCatalog {

  /** When "Song 1" was liked; each older song was liked 3 h 17 min before the next. */
  public static final Instant NEWEST_LIKE = Instant.parse("2025-06-01T12:00:00Z");

  private static final Duration LIKE_INTERVAL = Duration.ofMinutes(3 * 60 + 17);
  private static final String BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final BigInteger SIXTY_TWO = BigInteger.valueOf(62);
  private static final int TRACKS_PER_ALBUM = 3;
  private static final int ARTISTS = 7;

  private FakeCatalog() {}

  /** {@code count} liked songs, newest first: "Song 1" .. "Song count". */
  public static List<SavedTrack> likedSongs(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0");
    }
    List<SavedTrack> tracks = new ArrayList<>(count);
    for (int n = 1; n <= count; n++) {
      tracks.add(SavedTrack.of(likedAt(n), song(n)));
    }
    return tracks;
  }

  /**
   * A playable catalogue track named {@code name}, by "Artist" on "Album", 3:00 long, with ids
   * derived from the name, for tests that pick their own titles.
   */
  public static FakeTrack song(String name) {
    FakeArtist artist = FakeArtist.of(spotifyId("artist:Artist"), "Artist");
    FakeAlbum album = FakeAlbum.of(spotifyId("album:Album"), "Album", artist, "2020-01-01", 1);
    return FakeTrack.of(spotifyId("track:" + name), name, artist, album, 180_000);
  }

  /** A file from the user's own disk: no id, no Spotify page. */
  public static FakeTrack localFile(String name) {
    return FakeTrack.local(name, "Me", "My files", 180_000);
  }

  public static Instant likedAt(int number) {
    return NEWEST_LIKE.minus(LIKE_INTERVAL.multipliedBy(number - 1L));
  }

  /** Song {@code number}: three songs per album, albums spread over seven artists. */
  public static FakeTrack song(int number) {
    if (number < 1) {
      throw new IllegalArgumentException("songs are numbered from 1");
    }
    int albumNumber = (number - 1) / TRACKS_PER_ALBUM + 1;
    int artistNumber = (albumNumber - 1) % ARTISTS + 1;
    FakeArtist artist =
        FakeArtist.of(spotifyId("artist:" + artistNumber), "Artist " + artistNumber);
    String releaseDate =
        String.format(
            "%04d-%02d-%02d", 1980 + albumNumber % 45, albumNumber % 12 + 1, albumNumber % 28 + 1);
    FakeAlbum album =
        FakeAlbum.of(
            spotifyId("album:" + albumNumber),
            "Album " + albumNumber,
            artist,
            releaseDate,
            TRACKS_PER_ALBUM);
    return new FakeTrack(
        spotifyId("track:" + number),
        "Song " + number,
        List.of(artist),
        album,
        150_000 + (number * 7919) % 150_000,
        number % 5 == 0,
        (number * 37) % 101,
        (number - 1) % TRACKS_PER_ALBUM + 1,
        1,
        String.format("QZFAK%02d%05d", 25, number % 100_000),
        true,
        false);
  }

  /** A 22-character base-62 id like Spotify's, stable for the same seed. */
  public static String spotifyId(String seed) {
    BigInteger value = new BigInteger(1, sha256(seed));
    StringBuilder id = new StringBuilder(22);
    for (int i = 0; i < 22; i++) {
      BigInteger[] divRem = value.divideAndRemainder(SIXTY_TWO);
      id.append(BASE62.charAt(divRem[1].intValue()));
      value = divRem[0];
    }
    return id.toString();
  }

  /** The 640/300/64 px covers Spotify serves for an album, with i.scdn.co-shaped URLs. */
  static List<FakeAlbum.Image> coverArt(String albumId) {
    String hash = HexFormat.of().formatHex(sha256("cover:" + albumId)).substring(0, 24);
    return List.of(
        new FakeAlbum.Image("https://i.scdn.co/image/ab67616d0000b273" + hash, 640, 640),
        new FakeAlbum.Image("https://i.scdn.co/image/ab67616d00001e02" + hash, 300, 300),
        new FakeAlbum.Image("https://i.scdn.co/image/ab67616d00004851" + hash, 64, 64));
  }

  static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM ships SHA-256", e);
    }
  }
}
