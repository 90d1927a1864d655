package dev.likesbot.link;

import dev.likesbot.discord.DirectMessenger;
import dev.likesbot.discord.DirectMessenger.Delivery;
import dev.likesbot.discord.Interaction;
import dev.likesbot.discord.Reply;
import dev.likesbot.text.Texts;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives a member a fresh Spotify login link in the answer where they asked for it (/link or
 * Relink), and a copy in their DMs when they asked elsewhere, so it survives the private answer
 * being dismissed. Where logins finish by pasting back ({@link LinkService#finishesByPaste()}),
 * both name the member, explain the paste-back and carry the {@link FinishLinking} button too.
 * {@link LoginMessages} edits them once the login is used or expires.
 */
final class LoginOffer {
  private static final Logger log = LoggerFactory.getLogger(LoginOffer.class);
  static final String LOGIN = "login.dm";

  private final LinkService links;
  private final DirectMessenger messenger;
  private final LoginMessages messages;

  LoginOffer(LinkService links, DirectMessenger messenger, LoginMessages messages) {
    this.links = links;
    this.messenger = messenger;
    this.messages = messages;
  }

  /**
   * Starts a login for the member of {@code call} and returns the answer to give them: private,
   * except in the bot's DM, where it is the lasting message itself and no copy is sent. The login
   * page names them by display name and username. In the member's language, the copy too.
   */
  Reply send(Interaction call) {
    String userId = call.userId();
    Texts texts = call.texts();
    Reply.LinkButton button =
        new Reply.LinkButton(
            texts.get("login.button"),
            links.start(userId, call.userName(), call.userHandle()).toString());
    Reply login =
        links.finishesByPaste()
            ? Reply.privately(FinishLinking.instructions(texts, call.userHandle()))
                .withButton(button)
                .withButton(FinishLinking.button(texts, userId))
            : Reply.privately(texts.get(LOGIN)).withButton(button);
    if (call.inBotDm()) {
      messages.offered(call, Optional.empty());
      return login.asEphemeral(false);
    }
    Optional<DirectMessenger.Sent> copy = deliver(userId, login);
    messages.offered(call, copy.flatMap(DirectMessenger.Sent::messageId));
    return copy.isEmpty()
        ? login
        : new Reply(
            login.content() + "\n" + texts.get(LoginMessages.COPY_IN_DMS),
            login.embed(),
            login.buttons(),
            true);
  }

  /** The copy, when it was sent; any failure leaves the member with the answer alone. */
  private Optional<DirectMessenger.Sent> deliver(String userId, Reply dm) {
    try {
      DirectMessenger.Sent sent = messenger.sendEditable(userId, dm).get(10, TimeUnit.SECONDS);
      return sent.delivery() == Delivery.SENT ? Optional.of(sent) : Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (ExecutionException | TimeoutException e) {
      log.warn("Could not DM user {} a copy of their login link: {}", userId, e.toString());
      return Optional.empty();
    }
  }
}
