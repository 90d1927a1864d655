package dev.likesbot.link;

import dev.likesbot.discord.DirectMessenger;
import dev.likesbot.discord.DirectMessenger.Delivery;
import dev.likesbot.discord.Reply;
import dev.likesbot.text.Texts;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a member a fresh Spotify login link: by DM, or in the private answer when DMs fail. Where
 * logins finish by pasting back ({@link LinkService#finishesByPaste()}), the message names the
 * member, explains the paste-back and carries the {@link FinishLinking} button too.
 */
final class LoginOffer {
  private static final Logger log = LoggerFactory.getLogger(LoginOffer.class);
  static final String CHECK_DMS = "login.checkDms";
  static final String DMS_CLOSED = "login.dmsClosed";

  private final LinkService links;
  private final DirectMessenger messenger;

  LoginOffer(LinkService links, DirectMessenger messenger) {
    this.links = links;
    this.messenger = messenger;
  }

  /**
   * DMs the login button and returns the private answer to show the member; the login page names
   * them by {@code userName} (display name) and {@code userHandle} (username). Both are in the
   * member's language ({@code texts}).
   */
  Reply send(Texts texts, String userId, String userName, String userHandle) {
    Reply.LinkButton button =
        new Reply.LinkButton(
            texts.get("login.button"), links.start(userId, userName, userHandle).toString());
    if (!links.finishesByPaste()) {
      Reply dm = Reply.privately(texts.get("login.dm")).withButton(button);
      return deliver(userId, dm) == Delivery.SENT
          ? Reply.privately(texts.get(CHECK_DMS))
          : Reply.privately(texts.get(DMS_CLOSED)).withButton(button);
    }
    String instructions = FinishLinking.instructions(texts, userHandle);
    Reply.ActionButton finish = FinishLinking.button(texts, userId);
    Reply dm = Reply.privately(instructions).withButton(button).withButton(finish);
    return deliver(userId, dm) == Delivery.SENT
        ? Reply.privately(texts.get(CHECK_DMS))
        : Reply.privately(texts.get(DMS_CLOSED) + "\n" + instructions)
            .withButton(button)
            .withButton(finish);
  }

  /** Any failure falls back to the private reply, so the member always gets the link. */
  private Delivery deliver(String userId, Reply dm) {
    try {
      return messenger.send(userId, dm).get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Delivery.DMS_CLOSED;
    } catch (ExecutionException | TimeoutException e) {
      log.warn("Could not DM user {} their login link: {}", userId, e.toString());
      return Delivery.DMS_CLOSED;
    }
  }
}
