package dev.likesbot.fake.discord;

import java.util.concurrent.TimeUnit;

/** Monitor waits with a deadline; callers loop on their condition. */
final class Waits {
  private Waits() {}

  /** Waits on {@code monitor} (whose lock the caller holds) for at most {@code nanos}. */
  static void waitNanos(Object monitor, long nanos) {
    try {
      TimeUnit.NANOSECONDS.timedWait(monitor, nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting", e);
    }
  }
}
