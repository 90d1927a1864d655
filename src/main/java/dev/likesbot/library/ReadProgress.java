package dev.likesbot.library;

import java.time.Duration;
import java.util.Optional;

/**
 * How far a read is: {@code read} of {@code total} songs ({@code -1} until page one answered);
 * {@code spotifyWait} when Spotify just asked the app to wait (a 429) and the read resumes after
 * it.
 */
public record ReadProgress(int read, int total, Optional<Duration> spotifyWait) {
  public static ReadProgress of(int read, int total) {
    return new ReadProgress(read, total, Optional.empty());
  }
}
