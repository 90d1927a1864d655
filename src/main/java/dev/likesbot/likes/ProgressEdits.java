package dev.likesbot.likes;

import dev.likesbot.discord.Reply;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Shows the latest progress in a deferred reply, at most once every {@link #EVERY}: counted from
 * when Discord accepted the previous edit, so edits also arrive at least that far apart. What comes
 * in between is folded into the next edit, which a timer sends when none follows.
 */
final class ProgressEdits {
  static final Duration EVERY = Duration.ofSeconds(1);

  /** Runs a task after a delay; the timer behind it may refuse once the bot stops. */
  @FunctionalInterface
  interface Later {
    void run(Runnable task, Duration delay);

    static Later on(ScheduledExecutorService timer) {
      return (task, delay) -> timer.schedule(task, delay.toMillis() + 1, TimeUnit.MILLISECONDS);
    }
  }

  private final Function<Reply, CompletableFuture<Void>> edit;
  private final InstantSource clock;
  private final Later later;
  private Reply latest;
  private boolean inFlight;
  private boolean scheduled;
  private boolean closed;
  private Instant lastDone = Instant.MIN;

  ProgressEdits(Function<Reply, CompletableFuture<Void>> edit, InstantSource clock, Later later) {
    this.edit = edit;
    this.clock = clock;
    this.later = later;
  }

  synchronized void show(Reply progress) {
    latest = progress;
    trySend();
  }

  /** No edit after this; the answer follows. */
  synchronized void close() {
    closed = true;
    latest = null;
  }

  private synchronized void trySend() {
    if (closed || inFlight || latest == null) {
      return;
    }
    Instant now = clock.instant();
    Instant next = lastDone.equals(Instant.MIN) ? now : lastDone.plus(EVERY);
    if (now.isBefore(next)) {
      if (!scheduled) {
        scheduled = true;
        try {
          later.run(this::timerFired, Duration.between(now, next));
        } catch (RejectedExecutionException e) {
          scheduled = false; // stopping: the answer follows anyway
        }
      }
      return;
    }
    Reply sending = latest;
    latest = null;
    inFlight = true;
    edit.apply(sending).whenComplete((ok, e) -> sent());
  }

  private synchronized void timerFired() {
    scheduled = false;
    trySend();
  }

  private synchronized void sent() {
    inFlight = false;
    lastDone = clock.instant();
    trySend();
  }
}
