package dev.likesbot.spotify;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the bot shows of a track. {@code url} is its open.spotify.com page; local files have none.
 * {@code playable} is false when Spotify says the track cannot be played (e.g. withdrawn).
 */
public record Track(
    String name,
    List<String> artists,
    String album,
    Optional<String> imageUrl,
    Optional<String> url,
    Duration duration,
    boolean local,
    boolean playable) {
  public Track {
    artists = List.copyOf(artists);
  }

  /** Whether a member could open it: not a local file, playable, with a Spotify page. */
  public boolean showable() {
    return !local && playable && url.isPresent();
  }
}
