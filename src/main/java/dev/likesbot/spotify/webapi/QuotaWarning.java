package dev.likesbot.spotify.webapi;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tells the operator, once an hour at most, that the app ran out of Spotify quota. */
final class QuotaWarning {
  private static final Logger log = LoggerFactory.getLogger(QuotaWarning.class);
  private static final Duration EVERY = Duration.ofHours(1);

  private final InstantSource clock;
  private final AtomicReference<Instant> last = new AtomicReference<>(Instant.MIN);

  QuotaWarning(InstantSource clock) {
    this.clock = clock;
  }

  void log() {
    Instant now = clock.instant();
    Instant previous = last.get();
    if (Duration.between(previous, now).compareTo(EVERY) >= 0
        && last.compareAndSet(previous, now)) {
      log.warn(
          "Spotify answered 429 QUOTA_EXCEEDED: this app used up its development-mode request"
              + " quota. Commands answer 'quota reached' until Spotify lifts it; to raise it, apply"
              + " for extended quota mode in the Spotify developer dashboard (your app → Settings →"
              + " Quota extension), or run fewer instances on one Spotify app.");
    }
  }
}
