package dev.likesbot.link;

import dev.likesbot.discord.CommandCall;
import dev.likesbot.discord.CommandSpec;
import dev.likesbot.discord.Reply;
import dev.likesbot.discord.SlashCommand;
import dev.likesbot.tokens.MemberTokens;

/**
 * /unlink: forgets the member's Spotify link at once, since typing the command is deliberate; the
 * Unlink button, next to Relink where a slip is easy, asks first ({@link #confirmation}).
 */
public final class UnlinkCommand implements SlashCommand {
  static final String REVOKE_HINT =
      "To revoke this bot's access at Spotify as well, remove it under Apps at"
          + " https://www.spotify.com/account/apps/";
  static final String UNLINKED = "Unlinked: I forgot your Spotify link. " + REVOKE_HINT;
  static final String NOT_LINKED = "You weren't linked, so there was nothing to forget.";
  static final String CONFIRM =
      "Unlink your Spotify link? I'll forget it, and /likes stops working for you until you"
          + " link again. Your Liked Songs on Spotify stay as they are.";
  static final String KEPT_NOT_LINKED = "Nothing changed: you aren't linked.";

  private final MemberTokens tokens;

  public UnlinkCommand(MemberTokens tokens) {
    this.tokens = tokens;
  }

  @Override
  public CommandSpec spec() {
    return CommandSpec.described("unlink");
  }

  @Override
  public void handle(CommandCall call) {
    call.reply(Reply.privately(forget(tokens, call.userId())));
  }

  /**
   * What the Unlink button turns its message into: only the confirm button forgets the link, Cancel
   * brings back the status. Both name the member, like every button of {@link LinkCommand}.
   */
  static Reply confirmation(String discordUserId) {
    String member = ":" + discordUserId;
    return Reply.privately(CONFIRM)
        .withButton(
            new Reply.ActionButton(
                "Unlink",
                LinkCommand.NAME + ":" + LinkCommand.UNLINK_CONFIRM + member,
                Reply.Style.DANGER))
        .withButton(
            new Reply.ActionButton(
                "Cancel", LinkCommand.NAME + ":" + LinkCommand.UNLINK_CANCEL + member));
  }

  /** Forgets the member's link; says what happened, for /unlink and the Unlink button alike. */
  static String forget(MemberTokens tokens, String discordUserId) {
    return tokens.forget(discordUserId) ? UNLINKED : NOT_LINKED;
  }
}
