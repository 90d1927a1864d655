package dev.likesbot.library;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * The app-wide budget of page requests for whole-library reads, a token bucket shared by every
 * read: {@code burst} requests at once, then {@code perSecond}. A request reserves its slot and
 * learns how long to wait for it, so concurrent reads queue in the order they asked and none waits
 * holding a lock.
 */
final class ReadBudget {
  private final InstantSource clock;
  private final double perSecond;
  private final double burst;
  private double tokens;
  private Instant updated;

  ReadBudget(int perSecond, int burst, InstantSource clock) {
    if (perSecond < 1 || burst < 0) {
      throw new IllegalArgumentException("perSecond >= 1 and burst >= 0");
    }
    this.clock = clock;
    this.perSecond = perSecond;
    this.burst = Math.max(1, burst);
    this.tokens = this.burst;
    this.updated = clock.instant();
  }

  /** Takes the next request's slot; how long to wait before sending it (zero: now). */
  synchronized Duration reserve() {
    Instant now = clock.instant();
    if (now.isAfter(updated)) {
      double seconds = Duration.between(updated, now).toNanos() / 1e9;
      tokens = Math.min(burst, tokens + seconds * perSecond);
      updated = now;
    }
    tokens -= 1;
    return tokens >= 0 ? Duration.ZERO : Duration.ofNanos((long) (-tokens / perSecond * 1e9));
  }
}
