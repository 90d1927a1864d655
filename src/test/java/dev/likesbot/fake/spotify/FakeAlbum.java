package dev.likesbot.fake.spotify;

import java.util.List;
import java.util.Objects;

/**
 * An album as Spotify's SimplifiedAlbumObject carries it. Local files have a null id, type and
 * release date and no images, as Spotify serves them.
 */
public record FakeAlbum(
    String id,
    String name,
    String albumType,
    String releaseDate,
    String releaseDatePrecision,
    int totalTracks,
    List<FakeArtist> artists,
    List<Image> images) {

  /** Spotify's ImageObject; album covers come as 640, 300 and 64 px squares, widest first. */
  public record Image(String url, int width, int height) {
    public Image {
      Objects.requireNonNull(url, "url");
    }
  }

  public FakeAlbum {
    Objects.requireNonNull(name, "name");
    artists = List.copyOf(artists);
    images = List.copyOf(images);
  }

  /** A catalogue album with the usual three cover sizes derived from its id. */
  public static FakeAlbum of(
      String id, String name, FakeArtist artist, String releaseDate, int totalTracks) {
    Objects.requireNonNull(id, "id");
    return new FakeAlbum(
        id,
        name,
        "album",
        releaseDate,
        precisionOf(releaseDate),
        totalTracks,
        List.of(artist),
        FakeCatalog.coverArt(id));
  }

  public static FakeAlbum local(String name) {
    return new FakeAlbum(null, name, null, null, null, 0, List.of(), List.of());
  }

  public String uri() {
    return id == null ? null : "spotify:album:" + id;
  }

  private static String precisionOf(String releaseDate) {
    return switch (releaseDate.length()) {
      case 4 -> "year";
      case 7 -> "month";
      case 10 -> "day";
      default -> throw new IllegalArgumentException("release date must be YYYY[-MM[-DD]]");
    };
  }
}
