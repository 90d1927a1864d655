package dev.likesbot.discord;

import dev.likesbot.text.MemberLocales;
import dev.likesbot.text.Texts;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DMs the bot's {@link Owner} gets about what only they can fix: a member Spotify refused (the
 * app's allowlist), the app's Spotify quota, and repeated failures. Each cause at most once a day,
 * so a refused member trying again, or an outage, does not flood the owner; a refused member is a
 * cause of their own, as each needs their own entry in the dashboard.
 *
 * <p>The DMs are in the owner's language as their last interaction with the bot reported it;
 * English when they have not used it.
 *
 * <p>What was sent when lives in memory: a restart forgets it, which costs at most one more DM per
 * cause, and each instance on a shared database DMs on its own; neither is worth a table.
 */
public final class OwnerAlerts {
  private static final Logger log = LoggerFactory.getLogger(OwnerAlerts.class);

  /** At most one DM per cause within this time. */
  static final Duration ONCE_PER = Duration.ofDays(1);

  /**
   * Repeated failures: this many "something went wrong" within {@link #FAILURE_WINDOW}. One failure
   * is a member's bad luck that a retry fixes; five in ten minutes is a pattern someone should look
   * at, while a single member retrying one broken command a few times does not reach it.
   */
  static final int FAILURES = 5;

  static final Duration FAILURE_WINDOW = Duration.ofMinutes(10);

  /** How a cause's DM went, for replies that say whether the owner has been told. */
  private enum Delivery {
    SENDING,
    SENT,
    FAILED
  }

  private record Sent(Instant at, Delivery delivery) {}

  private record Failure(Instant at, String errorId) {}

  private final Owner owner;
  private final DirectMessenger messenger;
  private final InstantSource clock;
  private final MemberLocales locales;
  private final Map<String, Sent> sent = new HashMap<>();
  private final Deque<Failure> failures = new ArrayDeque<>();

  public OwnerAlerts(
      Owner owner, DirectMessenger messenger, InstantSource clock, MemberLocales locales) {
    this.owner = owner;
    this.messenger = messenger;
    this.clock = clock;
    this.locales = locales;
  }

  public Owner owner() {
    return owner;
  }

  /**
   * Spotify refused the Discord member {@code memberId} with 403: their Spotify account is not
   * among the app's users (development mode).
   */
  public void refusedAccount(String memberId) {
    tell("allowlist " + memberId, texts -> texts.get("ownerDm.refused", memberId));
  }

  /**
   * Spotify answered 429 with QUOTA_EXCEEDED. Returns whether the owner has been told today (the DM
   * was sent or is on its way), so the member's reply can say so only when it is true.
   */
  public boolean quotaExceeded() {
    return tell("quota", texts -> texts.get("ownerDm.quota"));
  }

  /**
   * A member was told "something went wrong" with {@code errorId}; the {@link #FAILURES}th within
   * {@link #FAILURE_WINDOW} tells the owner, with the ids to look for in the log.
   */
  public void failed(String errorId) {
    List<String> ids;
    synchronized (this) {
      Instant now = clock.instant();
      failures.addLast(new Failure(now, errorId));
      while (!failures.isEmpty() && !failures.peekFirst().at().isAfter(now.minus(FAILURE_WINDOW))) {
        failures.removeFirst();
      }
      while (failures.size() > FAILURES) {
        failures.removeFirst();
      }
      if (failures.size() < FAILURES) {
        return;
      }
      ids = failures.stream().map(Failure::errorId).toList();
      failures.clear();
    }
    tell(
        "failures",
        texts ->
            texts.get(
                "ownerDm.failures", FAILURES, FAILURE_WINDOW.toMinutes(), String.join(", ", ids)));
  }

  /**
   * DMs {@code text} unless {@code cause} was DMed within {@link #ONCE_PER}; true when the owner
   * has been told about it within that time (sent, or on its way). A failed DM is logged and not
   * tried again before the day is over: the owner's closed DMs are no reason to hammer Discord.
   */
  private boolean tell(String cause, Function<Texts, String> text) {
    Optional<String> ownerId = owner.id();
    if (ownerId.isEmpty()) {
      log.debug("Nobody to tell about {}: the bot's owner is not known", cause);
      return false;
    }
    Instant now = clock.instant();
    synchronized (this) {
      Sent before = sent.get(cause);
      if (before != null && now.isBefore(before.at().plus(ONCE_PER))) {
        return before.delivery() != Delivery.FAILED;
      }
      sent.values().removeIf(s -> !now.isBefore(s.at().plus(ONCE_PER)));
      sent.put(cause, new Sent(now, Delivery.SENDING));
    }
    messenger
        .send(ownerId.get(), Reply.privately(text.apply(locales.texts(ownerId.get()))))
        .whenComplete(
            (delivery, e) -> {
              boolean ok = e == null && delivery == DirectMessenger.Delivery.SENT;
              synchronized (this) {
                sent.computeIfPresent(
                    cause,
                    (k, s) ->
                        s.at().equals(now)
                            ? new Sent(now, ok ? Delivery.SENT : Delivery.FAILED)
                            : s);
              }
              if (!ok) {
                log.warn(
                    "Could not DM the bot's owner {} about {}: {}; not tried again before {}",
                    ownerId.get(),
                    cause,
                    e != null ? e.toString() : "they do not accept DMs from the bot",
                    now.plus(ONCE_PER));
              }
            });
    return true;
  }
}
