package dev.likesbot.testing;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

/** One clock for logic ({@link InstantSource}) and caches ({@link Ticker}), moved by hand. */
public final class FakeTime implements InstantSource, Ticker {
  private final AtomicLong nanos;

  public FakeTime(Instant start) {
    this.nanos = new AtomicLong(start.getEpochSecond() * 1_000_000_000L + start.getNano());
  }

  public FakeTime() {
    this(Instant.parse("2026-11-28T12:00:00Z"));
  }

  public void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
  }

  @Override
  public Instant instant() {
    long n = nanos.get();
    return Instant.ofEpochSecond(
        Math.floorDiv(n, 1_000_000_000L), Math.floorMod(n, 1_000_000_000L));
  }

  @Override
  public long read() {
    return nanos.get();
  }
}
