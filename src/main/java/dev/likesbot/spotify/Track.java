package dev.likesbot.spotify;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the bot shows of a track. {@code url} is its open.spotify.com page; local files have none.
 */
public record Track(
    String name,
    List<String> artists,
    String album,
    Optional<String> imageUrl,
    Optional<String> url,
    Duration duration,
    boolean local) {
  public Track {
    artists = List.copyOf(artists);
  }
}
