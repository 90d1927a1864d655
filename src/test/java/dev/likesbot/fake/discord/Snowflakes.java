package dev.likesbot.fake.discord;

import java.util.concurrent.atomic.AtomicLong;

/** Time-based snowflakes: JDA derives creation time (and interaction expiry) from ids. */
final class Snowflakes {
  static final long DISCORD_EPOCH = 1420070400000L;
  private static final AtomicLong LAST = new AtomicLong();

  private Snowflakes() {}

  static long next() {
    long now = (System.currentTimeMillis() - DISCORD_EPOCH) << 22;
    return LAST.updateAndGet(last -> Math.max(last + 1, now));
  }
}
