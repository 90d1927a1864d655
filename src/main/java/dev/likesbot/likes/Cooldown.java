package dev.likesbot.likes;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;

/** At most one use per member per period, so one member cannot spend the app's Spotify quota. */
public final class Cooldown {
  private final Duration period;
  private final InstantSource clock;
  private final Cache<String, Instant> lastUse;

  public Cooldown(Duration period, InstantSource clock, Ticker ticker) {
    this.period = period;
    this.clock = clock;
    this.lastUse =
        Caffeine.newBuilder().ticker(ticker).expireAfterWrite(period).maximumSize(100_000).build();
  }

  /** Records a use now; empty when allowed, else how long the member must still wait. */
  public Optional<Duration> tryUse(String memberId) {
    if (period.isZero()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Instant previous = lastUse.asMap().putIfAbsent(memberId, now);
    if (previous == null) {
      return Optional.empty();
    }
    Duration left = period.minus(Duration.between(previous, now));
    return Optional.of(left.isNegative() ? Duration.ZERO : left);
  }
}
