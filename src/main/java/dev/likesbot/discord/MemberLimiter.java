package dev.likesbot.discord;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A token bucket per member that shapes rather than refuses, so one member cannot spend the app's
 * Spotify quota while ordinary use never notices: {@code burst} uses go through at once, then one
 * more every {@code refillEvery}; a use beyond that is held (off the worker threads) until the
 * member's budget allows, and only one that would wait longer than {@code maxWait} is refused.
 *
 * <p>It is the generic cell rate algorithm: each member has a theoretical arrival time (TAT), the
 * instant their budget would be spent if every use admitted so far ran at the sustained rate. A use
 * reserves its slot when admitted, so a held use is never re-checked and the waits of several held
 * uses line up one {@code refillEvery} apart.
 */
public final class MemberLimiter implements AutoCloseable {

  /** What became of one use. */
  public sealed interface Admission {
    /** Go now. */
    record Now() implements Admission {}

    /** Go after {@code delay}; the use is already counted. */
    record Held(Duration delay) implements Admission {}

    /** Not counted; a use {@code retryAfter} from now goes at once. */
    record Refused(Duration retryAfter) implements Admission {}
  }

  private static final Admission NOW = new Admission.Now();

  private final long burst;
  private final long intervalNanos;
  private final long maxWaitNanos;
  private final Ticker ticker;
  private final Cache<String, Long> arrival;
  private final AtomicReference<ScheduledExecutorService> holder = new AtomicReference<>();

  /**
   * @param burst uses that go through at once from a full budget; 0 turns the limit off
   * @param refillEvery how often the budget grows by one use (the sustained rate)
   * @param maxWait the longest a use is held before it is refused instead
   */
  public MemberLimiter(int burst, Duration refillEvery, Duration maxWait, Ticker ticker) {
    if (burst < 0
        || (burst > 0 && (refillEvery.isZero() || refillEvery.isNegative()))
        || maxWait.isNegative()) {
      throw new IllegalArgumentException("burst >= 0, refillEvery > 0 and maxWait >= 0");
    }
    this.burst = burst;
    this.intervalNanos = refillEvery.toNanos();
    this.maxWaitNanos = maxWait.toNanos();
    this.ticker = ticker;
    // A TAT at or before now is a full budget, the same as no entry: after burst + maxWait
    // worth of time since its last change an entry says nothing, so it may go.
    this.arrival =
        Caffeine.newBuilder()
            .ticker(ticker)
            .expireAfterWrite(Duration.ofNanos(burst * intervalNanos + maxWaitNanos))
            .maximumSize(100_000)
            .build();
  }

  /** No limit at all. */
  public static MemberLimiter off() {
    return new MemberLimiter(0, Duration.ZERO, Duration.ZERO, Ticker.systemTicker());
  }

  public boolean enabled() {
    return burst > 0;
  }

  /** Counts one use by {@code memberId} now, unless it is refused. */
  public Admission admit(String memberId) {
    if (!enabled()) {
      return NOW;
    }
    long now = ticker.read();
    Admission[] result = new Admission[1];
    arrival
        .asMap()
        .compute(
            memberId,
            (id, tat) -> {
              long next = Math.max(tat == null ? now : tat, now) + intervalNanos;
              long wait = next - burst * intervalNanos - now;
              if (wait <= 0) {
                result[0] = NOW;
                return next;
              }
              if (wait > maxWaitNanos) {
                result[0] = new Admission.Refused(Duration.ofNanos(wait));
                return tat;
              }
              result[0] = new Admission.Held(Duration.ofNanos(wait));
              return next;
            });
    return result[0];
  }

  /**
   * Runs {@code release} after {@code delay} on the limiter's own timer thread, which only hands
   * work on: a held use occupies no worker.
   */
  void hold(Duration delay, Runnable release) {
    timer().schedule(release, delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  private ScheduledExecutorService timer() {
    ScheduledExecutorService timer = holder.get();
    if (timer == null) {
      ScheduledExecutorService created =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "likes-held-commands");
                t.setDaemon(true);
                return t;
              });
      if (holder.compareAndSet(null, created)) {
        return created;
      }
      created.shutdownNow();
      timer = holder.get();
    }
    return timer;
  }

  /** Drops the uses still held; the pipeline has answered them by then. */
  @Override
  public void close() {
    ScheduledExecutorService timer = holder.get();
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
