package dev.likesbot.link;

import dev.likesbot.discord.DirectMessenger;
import dev.likesbot.discord.Markdown;
import dev.likesbot.discord.Reply;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DM a member gets once their link is made, naming the Spotify account, so someone who linked
 * an account that is not theirs notices. Sent without waiting; the login page already told them.
 */
public final class LinkedDm implements Consumer<LinkOutcome.Linked> {
  private static final Logger log = LoggerFactory.getLogger(LinkedDm.class);

  private final DirectMessenger messenger;

  public LinkedDm(DirectMessenger messenger) {
    this.messenger = messenger;
  }

  static Reply message(LinkOutcome.Linked linked) {
    return Reply.privately(
        "Linked as " + Markdown.escape(linked.spotifyName()) + ". Not you? Use /unlink.");
  }

  @Override
  public void accept(LinkOutcome.Linked linked) {
    String discordUserId = linked.discordUserId();
    messenger
        .send(discordUserId, message(linked))
        .whenComplete(
            (delivery, e) -> {
              if (e != null) {
                log.warn("Could not DM user {} about their link: {}", discordUserId, e.toString());
              }
            });
  }
}
