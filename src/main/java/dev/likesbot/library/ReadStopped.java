package dev.likesbot.library;

import java.time.Instant;
import java.util.Objects;

/** A whole-library read ended without the library; {@code tryAgainAt} is when it can work. */
public final class ReadStopped extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why. */
  public enum Reason {
    /** The member started as many reads this hour as the bot allows. */
    HOURLY_LIMIT,
    /** Spotify asked the app to wait past Discord's window for an answer. */
    SPOTIFY_WAIT,
    /** Spotify says the app's quota is used up. */
    QUOTA,
    /** The bot is stopping. */
    STOPPING,
    /**
     * Another command is reading the member's library, too large to keep for a late command to hear
     * from the start: try again when that one has answered.
     */
    BUSY,
    /**
     * At the pace the app-wide budget allows with the other reads in flight, the read would not end
     * within Discord's window: try again when they are done.
     */
    CROWDED,
    /**
     * The member's link was dropped or replaced during the read (unlink, relink): the pages still
     * to come would be nobody's or another account's.
     */
    LINK_CHANGED
  }

  private final Reason reason;
  private final transient Instant tryAgainAt;

  public ReadStopped(Reason reason, Instant tryAgainAt) {
    super(reason + " until " + tryAgainAt, null, false, false);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.tryAgainAt = Objects.requireNonNull(tryAgainAt, "tryAgainAt");
  }

  public Reason reason() {
    return reason;
  }

  public Instant tryAgainAt() {
    return tryAgainAt;
  }
}
