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
    refill();
    tokens -= 1;
    return untilFree(0);
  }

  /** Gives back a slot taken by {@link #reserve} that will not be used after all. */
  synchronized void release() {
    tokens = Math.min(burst, tokens + 1);
  }

  /**
   * How long until {@code more} slots beyond those reserved so far are free, if nobody reserved in
   * between: the pace of the budget alone (zero for none: when the last reserved one is).
   */
  synchronized Duration untilFree(long more) {
    refill();
    double missing = more - tokens;
    return missing <= 0 ? Duration.ZERO : Duration.ofNanos((long) (missing / perSecond * 1e9));
  }

  private void refill() {
    Instant now = clock.instant();
    if (now.isAfter(updated)) {
      double seconds = Duration.between(updated, now).toNanos() / 1e9;
      tokens = Math.min(burst, tokens + seconds * perSecond);
      updated = now;
    }
  }
}
