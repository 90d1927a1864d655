package dev.likesbot.link;

import dev.likesbot.discord.DirectMessenger;
import dev.likesbot.discord.EditableReply;
import dev.likesbot.discord.Interaction;
import dev.likesbot.discord.Reply;
import dev.likesbot.text.Texts;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The messages that carry a member's login link: the private answer where they ran /link (or
 * pressed Relink) and its copy in their DMs. Once the login is used, expires or is replaced by a
 * newer /link, they are edited so no dead button looks alive; on success the private answer becomes
 * the confirmation, so the journey ends where it started. Also told of every completed link ({@link
 * LinkService}'s {@code onLinked}), which it passes on to {@link LinkedDm}.
 *
 * <p>Kept in memory only, one login per member (a newer /link replaces the older state, as the
 * store does): after a restart, or when another instance completes the login, the messages are not
 * edited at success, and at expiry they say "used" when the member linked since. The answer is
 * edited through its interaction only within {@link EditableReply#EDITABLE_FOR}; the DM copy at any
 * time. Expiry is checked every few seconds against the injected clock (so a test moves time by
 * hand), on one scheduled thread that never blocks: edits are queued to Discord.
 */
public final class LoginMessages implements Consumer<LinkOutcome.Linked>, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LoginMessages.class);
  static final Duration CHECK_EVERY = Duration.ofSeconds(2);

  /** The texts' keys: the edits are in the language of the interaction that offered the login. */
  static final String COPY_IN_DMS = "login.copyInDms";

  static final String USED = "login.used";
  static final String EXPIRED = "login.expiredHere";
  static final String REPLACED = "login.replaced";
  static final String ENDED = "login.endedUnlinked";

  /**
   * One member's latest login: its answer (editable while {@code at} is recent enough; in the DM
   * itself when {@code inDm}), the DM copy's id, the channel, whether it can still be used, and the
   * member's language when they asked.
   */
  private record Offer(
      Texts texts,
      Optional<EditableReply> reply,
      boolean inDm,
      Optional<String> dmCopy,
      Optional<String> channelUrl,
      Instant at,
      Instant expiresAt,
      boolean live) {
    Offer ended() {
      return new Offer(texts, reply, inDm, dmCopy, channelUrl, at, expiresAt, false);
    }
  }

  private final DirectMessenger messenger;
  private final Consumer<LinkOutcome.Linked> linkedDm;
  private final InstantSource clock;
  private final Function<String, Optional<Instant>> linkedAt;
  private final Map<String, Offer> offers = new ConcurrentHashMap<>();
  private volatile ScheduledExecutorService scheduler;

  /**
   * @param linkedDm told of each link completed outside the DM (the "Linked as" DM)
   * @param linkedAt when a member's current link was made, if they are linked
   */
  public LoginMessages(
      DirectMessenger messenger,
      Consumer<LinkOutcome.Linked> linkedDm,
      InstantSource clock,
      Function<String, Optional<Instant>> linkedAt) {
    this.messenger = messenger;
    this.linkedDm = linkedDm;
    this.clock = clock;
    this.linkedAt = linkedAt;
  }

  /** Starts checking for expired logins. */
  public synchronized void start() {
    if (scheduler == null) {
      scheduler =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "likes-login-messages");
                t.setDaemon(true);
                return t;
              });
      long every = CHECK_EVERY.toMillis();
      scheduler.scheduleWithFixedDelay(this::expireDue, every, every, TimeUnit.MILLISECONDS);
    }
  }

  /** The member was just shown a new login in the answer to {@code call}, and maybe in a copy. */
  void offered(Interaction call, Optional<String> dmCopy) {
    Instant now = clock.instant();
    Offer offer =
        new Offer(
            call.texts(),
            call.editableReply(),
            call.inBotDm(),
            dmCopy,
            call.channelUrl(),
            now,
            now.plus(LinkService.STATE_LIFETIME),
            true);
    Offer before = offers.put(call.userId(), offer);
    if (before != null && before.live()) {
      retire(call.userId(), before, REPLACED);
    }
  }

  /** A link completed at the callback or by a paste outside the DM: the DM, and the edits. */
  @Override
  public void accept(LinkOutcome.Linked linked) {
    linkedDm.accept(linked);
    linkedHere(linked);
  }

  /**
   * A link completed where the member is shown the outcome in their DM already (a paste there): the
   * login messages are edited, and no "Linked as" DM follows.
   */
  void linkedHere(LinkOutcome.Linked linked) {
    String member = linked.discordUserId();
    end(member, null)
        .ifPresent(
            offer -> {
              Reply used = Reply.privately(offer.texts().get(USED));
              if (offer.inDm()) {
                editReply(member, offer, used);
              } else {
                editReply(member, offer, Reply.privately(confirmation(offer.texts(), linked)));
              }
              offer.dmCopy().ifPresent(id -> editDm(member, id, used));
            });
  }

  /**
   * The member's login was spent without a link (cancelled at Spotify, or Spotify refused it), at
   * the callback or by a paste ({@link LinkService}'s {@code onEndedUnlinked}): its messages are
   * edited, so its buttons do not look alive.
   */
  public void endedUnlinked(String member) {
    end(member, null).ifPresent(offer -> retire(member, offer, ENDED));
  }

  /** What the member reads where they ran /link once it linked. */
  static String confirmation(Texts texts, LinkOutcome.Linked linked) {
    return texts.get("finish.linked", LinkCommand.shownName(linked.spotifyName()));
  }

  /**
   * The channel where the member last ran /link (or pressed Relink), as a Discord link, for the
   * callback page's Open Discord button; empty when this instance does not know it.
   */
  public Optional<String> channelUrl(String discordUserId) {
    return Optional.ofNullable(offers.get(discordUserId)).flatMap(Offer::channelUrl);
  }

  /** Retires logins that expired, and forgets ended ones whose answer can no longer be edited. */
  void expireDue() {
    try {
      Instant now = clock.instant();
      offers.forEach(
          (member, offer) -> {
            if (offer.live() && !now.isBefore(offer.expiresAt())) {
              end(member, offer)
                  .ifPresent(o -> retire(member, o, linkedSince(member, o) ? USED : EXPIRED));
            } else if (!offer.live()
                && !now.isBefore(offer.at().plus(EditableReply.EDITABLE_FOR))) {
              offers.remove(member, offer);
            }
          });
    } catch (RuntimeException e) {
      log.warn("Could not check for expired login links; trying again shortly", e);
    }
  }

  /** Whether the member linked after this login was offered, here or on another instance. */
  private boolean linkedSince(String member, Offer offer) {
    try {
      return linkedAt.apply(member).filter(at -> !at.isBefore(offer.at())).isPresent();
    } catch (RuntimeException e) {
      log.warn("Could not read whether user {} linked: {}", member, e.toString());
      return false;
    }
  }

  /**
   * Marks the member's live login ended (only {@code which} when given, so an older login's expiry
   * never ends a newer one) and returns it, or empty when there was none to end.
   */
  private Optional<Offer> end(String member, Offer which) {
    Offer[] ended = {null};
    offers.computeIfPresent(
        member,
        (id, offer) -> {
          if (offer.live() && (which == null || offer == which)) {
            ended[0] = offer;
            return offer.ended();
          }
          return offer;
        });
    return Optional.ofNullable(ended[0]);
  }

  /** {@code key}: what became of the login, in the member's language. */
  private void retire(String member, Offer offer, String key) {
    Reply retired = Reply.privately(offer.texts().get(key));
    editReply(member, offer, retired);
    offer.dmCopy().ifPresent(id -> editDm(member, id, retired));
  }

  private void editReply(String member, Offer offer, Reply reply) {
    if (offer.reply().isEmpty()
        || !clock.instant().isBefore(offer.at().plus(EditableReply.EDITABLE_FOR))) {
      return; // Discord no longer takes edits through the interaction
    }
    logFailure(offer.reply().get().edit(reply), member, "answer");
  }

  private void editDm(String member, String messageId, Reply reply) {
    logFailure(messenger.edit(member, messageId, reply), member, "DM");
  }

  private static void logFailure(CompletableFuture<Void> edit, String member, String what) {
    edit.whenComplete(
        (ok, e) -> {
          if (e != null) {
            log.info("Could not edit the login {} of user {}: {}", what, member, e.toString());
          }
        });
  }

  /** Stops checking; the login messages left are not edited any more. */
  @Override
  public synchronized void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
    offers.clear();
  }
}
