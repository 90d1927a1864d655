package dev.likesbot.store;

import java.time.Instant;
import java.util.List;

/** Which links got their expiry reminder. Implementations are thread-safe. */
public interface ReminderStore {

  /** A link and when the member consented, which is when its refresh token's life began. */
  record LinkAge(String discordUserId, Instant linkedAt) {}

  /** Links made at or before {@code cutoff} whose current link has had no reminder yet. */
  List<LinkAge> unremindedLinkedBefore(Instant cutoff);

  /**
   * Claims the reminder for the link the member made at {@code linkedAt}. True for exactly one
   * caller across instances; false when it was claimed already or the member has relinked since.
   */
  boolean claimReminder(String discordUserId, Instant linkedAt);

  /** Gives back a claim whose DM could not be sent, so a later sweep tries again. */
  void releaseReminder(String discordUserId, Instant linkedAt);
}
