package dev.likesbot.link;

import dev.likesbot.discord.ButtonCall;
import dev.likesbot.discord.ButtonHandler;
import dev.likesbot.discord.DirectMessenger;
import dev.likesbot.discord.Reply;
import dev.likesbot.tokens.MemberTokens;

/**
 * The Relink and Unlink buttons of /link's status and of the expiry reminder. Their ids name the
 * member they were made for ({@code link:relink:<id>}), so they keep working after a restart and
 * nobody else can use them.
 */
public final class LinkButtons implements ButtonHandler {
  static final String PREFIX = "link";
  static final String NOT_YOURS = "This button belongs to someone else's link.";

  private final MemberTokens tokens;
  private final LoginOffer login;

  public LinkButtons(LinkService links, MemberTokens tokens, DirectMessenger messenger) {
    this.tokens = tokens;
    this.login = new LoginOffer(links, messenger);
  }

  static Reply.ActionButton relink(String discordUserId) {
    return new Reply.ActionButton("Relink", PREFIX + ":relink:" + discordUserId);
  }

  static Reply.ActionButton unlink(String discordUserId) {
    return new Reply.ActionButton("Unlink", PREFIX + ":unlink:" + discordUserId);
  }

  @Override
  public String prefix() {
    return PREFIX;
  }

  /**
   * Someone other than the member the button was made for is told privately at once. Relink answers
   * with a new private message; Unlink replaces the message it is on.
   */
  @Override
  public Ack acknowledge(ButtonCall call) {
    String[] parts = call.buttonId().split(":", 3);
    // Only the member can click in a DM or an ephemeral message, but a forged click could come
    // from anyone: check anyway.
    if (parts.length != 3 || !parts[2].equals(call.userId())) {
      call.reply(Reply.privately(NOT_YOURS));
      return Ack.ANSWERED;
    }
    switch (parts[1]) {
      case "relink" -> call.defer(false, true);
      case "unlink" -> call.defer(true, true);
      default -> {
        call.reply(Reply.privately("This button no longer works."));
        return Ack.ANSWERED;
      }
    }
    return Ack.DEFERRED;
  }

  @Override
  public void handle(ButtonCall call) {
    String action = call.buttonId().split(":", 3)[1];
    if (action.equals("relink")) {
      call.reply(login.send(call.userId(), call.userName(), call.userHandle()));
    } else {
      call.update(
          Reply.privately(
              tokens.forget(call.userId()) ? UnlinkCommand.UNLINKED : UnlinkCommand.NOT_LINKED));
    }
  }
}
