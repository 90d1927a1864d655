package dev.likesbot.library;

import dev.likesbot.spotify.SavedTrack;
import dev.likesbot.spotify.Track;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One liked song in the compact form a snapshot keeps: only what stats and an export need, strings
 * empty where Spotify sent nothing, no JSON tree.
 *
 * @param addedAt when the member liked it; {@code null} when Spotify did not say
 * @param releaseDate the album's, as Spotify gives it ({@code 1999}, {@code 1999-03}, {@code
 *     1999-03-05}) or empty
 */
public record LikedSong(
    Instant addedAt,
    String title,
    List<String> artists,
    String album,
    String releaseDate,
    int durationMs,
    boolean explicit,
    String isrc,
    String url) {
  /** A catalogue entry Spotify returned without its track (removed from the catalogue). */
  static final String GONE = "Unavailable song";

  public LikedSong {
    Objects.requireNonNull(title, "title");
    artists = List.copyOf(artists);
    Objects.requireNonNull(album, "album");
    Objects.requireNonNull(releaseDate, "releaseDate");
    Objects.requireNonNull(isrc, "isrc");
    Objects.requireNonNull(url, "url");
  }

  static LikedSong of(SavedTrack saved) {
    Instant added = saved.addedAt().orElse(null);
    Optional<Track> track = saved.track();
    if (track.isEmpty()) {
      return new LikedSong(added, GONE, List.of(), "", "", 0, false, "", "");
    }
    Track t = track.get();
    return new LikedSong(
        added,
        t.name(),
        t.artists(),
        t.album(),
        t.releaseDate().orElse(""),
        (int) Math.min(Integer.MAX_VALUE, t.duration().toMillis()),
        t.explicit(),
        t.isrc().orElse(""),
        t.url().orElse(""));
  }

  /** The release year, when the date starts with one. */
  Optional<Integer> releaseYear() {
    if (releaseDate.length() < 4) {
      return Optional.empty();
    }
    try {
      int year = Integer.parseInt(releaseDate.substring(0, 4));
      return year > 0 ? Optional.of(year) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * Whether two reads saw the same like: the same song liked at the same moment. Spotify lists the
   * newest first, so the newest like of a snapshot found again says what came since.
   */
  boolean sameLike(LikedSong other) {
    return Objects.equals(addedAt, other.addedAt)
        && url.equals(other.url)
        && title.equals(other.title);
  }

  /** Roughly what this costs on the heap: the object, its references and its strings' bytes. */
  long estimatedBytes() {
    long bytes = 96 + text(title) + text(album) + text(releaseDate) + text(isrc) + text(url);
    for (String artist : artists) {
      bytes += 8 + text(artist);
    }
    return bytes;
  }

  private static long text(String s) {
    return 48 + 2L * s.length();
  }
}
