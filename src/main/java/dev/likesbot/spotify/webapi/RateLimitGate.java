package dev.likesbot.spotify.webapi;

import dev.likesbot.spotify.SpotifyException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One gate for the whole app: Spotify rate-limits per app, so after a 429 no request goes out until
 * its Retry-After has passed, and callers learn at once how long to wait.
 */
final class RateLimitGate {
  /** Spotify sometimes sends no Retry-After; waiting a moment is still right. */
  private static final Duration MINIMUM = Duration.ofSeconds(1);

  private final InstantSource clock;
  private final AtomicReference<Instant> closedUntil = new AtomicReference<>(Instant.MIN);

  RateLimitGate(InstantSource clock) {
    this.clock = clock;
  }

  /** Throws RATE_LIMITED, without a request, while the gate is closed. */
  void check() {
    Duration left = Duration.between(clock.instant(), closedUntil.get());
    if (left.compareTo(Duration.ZERO) > 0) {
      throw new SpotifyException(
          SpotifyException.Reason.RATE_LIMITED, "rate-limited by Spotify", left, null);
    }
  }

  /** Closes the gate for {@code retryAfter}, never shortening a longer closure. */
  void close(Duration retryAfter) {
    Instant until = clock.instant().plus(retryAfter.compareTo(MINIMUM) < 0 ? MINIMUM : retryAfter);
    closedUntil.accumulateAndGet(until, (a, b) -> a.isAfter(b) ? a : b);
  }
}
