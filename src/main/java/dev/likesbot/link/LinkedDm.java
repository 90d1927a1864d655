package dev.likesbot.link;

import dev.likesbot.discord.DirectMessenger;
import dev.likesbot.discord.Reply;
import dev.likesbot.text.MemberLocales;
import dev.likesbot.text.Texts;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DM a member gets once their link is made, naming the Spotify account, so someone who linked
 * an account that is not theirs notices. Sent without waiting; the login page already told them. In
 * the member's language as their last interaction (their /link) reported it.
 */
public final class LinkedDm implements Consumer<LinkOutcome.Linked> {
  private static final Logger log = LoggerFactory.getLogger(LinkedDm.class);

  private final DirectMessenger messenger;
  private final MemberLocales locales;

  public LinkedDm(DirectMessenger messenger, MemberLocales locales) {
    this.messenger = messenger;
    this.locales = locales;
  }

  static Reply message(Texts texts, LinkOutcome.Linked linked) {
    return Reply.privately(texts.get("link.linkedDm", LinkCommand.shownName(linked.spotifyName())));
  }

  @Override
  public void accept(LinkOutcome.Linked linked) {
    String discordUserId = linked.discordUserId();
    messenger
        .send(discordUserId, message(locales.texts(discordUserId), linked))
        .whenComplete(
            (delivery, e) -> {
              if (e != null) {
                log.warn("Could not DM user {} about their link: {}", discordUserId, e.toString());
              }
            });
  }
}
