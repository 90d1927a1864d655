package dev.likesbot.link;

import dev.likesbot.discord.DirectMessenger;
import dev.likesbot.discord.Reply;
import dev.likesbot.store.ReminderStore;
import dev.likesbot.store.ReminderStore.LinkAge;
import dev.likesbot.text.MemberLocales;
import dev.likesbot.text.Texts;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.Period;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns members before Spotify ends their grant: a refresh token lives 6 months from the member's
 * consent and refreshing does not extend it. The reminder is claimed in the store before the DM
 * goes out, so each link gets at most one however many instances sweep; a DM that Discord fails to
 * deliver gives the claim back, so the next daily sweep tries again. The DM is in the member's
 * language as their last interaction reported it.
 */
public final class ExpiryReminders {
  private static final Logger log = LoggerFactory.getLogger(ExpiryReminders.class);
  static final Period GRANT_LIFE = Period.ofMonths(6);
  static final Duration NOTICE = Duration.ofDays(14);

  /** Six months are at least 181 days: links younger than this cannot be due yet. */
  private static final Duration YOUNGEST_DUE = Duration.ofDays(181).minus(NOTICE);

  private final ReminderStore store;
  private final DirectMessenger messenger;
  private final InstantSource clock;
  private final MemberLocales locales;

  public ExpiryReminders(
      ReminderStore store, DirectMessenger messenger, InstantSource clock, MemberLocales locales) {
    this.store = store;
    this.messenger = messenger;
    this.clock = clock;
    this.locales = locales;
  }

  /** When Spotify ends the grant of a link made at {@code linkedAt}. */
  public static Instant expiresAround(Instant linkedAt) {
    return linkedAt.atOffset(ZoneOffset.UTC).plus(GRANT_LIFE).toInstant();
  }

  /**
   * DMs every member whose link expires within two weeks and was not reminded; returns how many.
   */
  public int sweep() {
    Instant now = clock.instant();
    int sent = 0;
    for (LinkAge link : store.unremindedLinkedBefore(now.minus(YOUNGEST_DUE))) {
      Instant expires = expiresAround(link.linkedAt());
      // Past its end the link is dead anyway; the next command asks the member to /link again.
      if (now.isBefore(expires.minus(NOTICE)) || !now.isBefore(expires)) {
        continue;
      }
      if (store.claimReminder(link.discordUserId(), link.linkedAt())) {
        remind(link, expires);
        sent++;
      }
    }
    return sent;
  }

  private void remind(LinkAge link, Instant expires) {
    String discordUserId = link.discordUserId();
    Texts texts = locales.texts(discordUserId);
    // The timestamp as digits, not a number the language would group (1.764.000.000).
    Reply dm =
        Reply.privately(texts.get("link.reminder", Long.toString(expires.getEpochSecond())))
            .withButton(LinkCommand.relink(texts, discordUserId));
    messenger
        .send(discordUserId, dm)
        .whenComplete(
            (delivery, e) -> {
              if (e != null) {
                // Discord failed, not the member: give the claim back for tomorrow's sweep.
                log.warn(
                    "Could not DM user {} their expiry reminder, trying again tomorrow: {}",
                    discordUserId,
                    e.toString());
                store.releaseReminder(discordUserId, link.linkedAt());
              } else if (delivery == DirectMessenger.Delivery.DMS_CLOSED) {
                log.info("User {} does not accept DMs; no expiry reminder", discordUserId);
              } else {
                log.info("Reminded user {} that their Spotify link expires soon", discordUserId);
              }
            });
  }
}
