package dev.likesbot.link;

import dev.likesbot.store.PendingLinkStore;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Once a day (and a minute after start, so a bot restarted often still sweeps): expiry reminders
 * and expired login states. Times come from the injected clock, so tests call {@link #run}.
 */
public final class DailySweep implements Runnable, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DailySweep.class);

  private final ExpiryReminders reminders;
  private final PendingLinkStore pending;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "likes-daily-sweep");
            t.setDaemon(true);
            return t;
          });

  public DailySweep(ExpiryReminders reminders, PendingLinkStore pending) {
    this.reminders = reminders;
    this.pending = pending;
  }

  public void start() {
    scheduler.scheduleAtFixedRate(this, 1, TimeUnit.DAYS.toMinutes(1), TimeUnit.MINUTES);
  }

  /** One sweep; a failure is logged and the next day's sweep still runs. */
  @Override
  public void run() {
    try {
      int reminded = reminders.sweep();
      int states = pending.sweepExpired();
      log.info(
          "Daily sweep: {} expiry reminders sent, {} expired login links removed",
          reminded,
          states);
    } catch (RuntimeException e) {
      log.error("The daily sweep failed; it runs again tomorrow", e);
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
