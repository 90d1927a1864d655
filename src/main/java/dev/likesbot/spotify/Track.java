package dev.likesbot.spotify;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the bot shows of a track. {@code url} is its open.spotify.com page; local files have none.
 * {@code playable} is false when Spotify says the track cannot be played (e.g. withdrawn). {@code
 * isrc} and {@code releaseDate} (the album's, as Spotify gives it: {@code 1999}, {@code 1999-03} or
 * {@code 1999-03-05}) are empty when Spotify sent none.
 */
public record Track(
    String name,
    List<String> artists,
    String album,
    Optional<String> imageUrl,
    Optional<String> url,
    Duration duration,
    boolean local,
    boolean playable,
    boolean explicit,
    Optional<String> isrc,
    Optional<String> releaseDate) {
  public Track {
    artists = List.copyOf(artists);
    Objects.requireNonNull(isrc, "isrc");
    Objects.requireNonNull(releaseDate, "releaseDate");
  }

  /** A track whose explicit flag, ISRC and release date nobody asked for. */
  public Track(
      String name,
      List<String> artists,
      String album,
      Optional<String> imageUrl,
      Optional<String> url,
      Duration duration,
      boolean local,
      boolean playable) {
    this(
        name,
        artists,
        album,
        imageUrl,
        url,
        duration,
        local,
        playable,
        false,
        Optional.empty(),
        Optional.empty());
  }

  /** Whether a member could open it: not a local file, playable, with a Spotify page. */
  public boolean showable() {
    return !local && playable && url.isPresent();
  }
}
