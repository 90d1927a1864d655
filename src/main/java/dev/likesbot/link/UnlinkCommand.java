package dev.likesbot.link;

import dev.likesbot.discord.CommandCall;
import dev.likesbot.discord.CommandSpec;
import dev.likesbot.discord.Reply;
import dev.likesbot.discord.SlashCommand;
import dev.likesbot.text.Texts;
import dev.likesbot.tokens.MemberTokens;

/**
 * /unlink: forgets the member's Spotify link at once, since typing the command is deliberate; the
 * Unlink button, next to Relink where a slip is easy, asks first ({@link #confirmation}).
 */
public final class UnlinkCommand implements SlashCommand {
  /** The texts' keys ({@link Texts}). */
  static final String UNLINKED = "unlink.done";

  static final String NOT_LINKED = "unlink.notLinked";
  static final String CONFIRM = "unlink.confirm";
  static final String KEPT_NOT_LINKED = "unlink.keptNotLinked";

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
    call.reply(Reply.privately(forget(call.texts(), tokens, call.userId())));
  }

  /**
   * What the Unlink button turns its message into: only the confirm button forgets the link, Cancel
   * brings back the status. Both name the member, like every button of {@link LinkCommand}.
   */
  static Reply confirmation(Texts texts, String discordUserId) {
    String member = ":" + discordUserId;
    return Reply.privately(texts.get(CONFIRM))
        .withButton(
            new Reply.ActionButton(
                texts.get("link.unlink"),
                LinkCommand.NAME + ":" + LinkCommand.UNLINK_CONFIRM + member,
                Reply.Style.DANGER))
        .withButton(
            new Reply.ActionButton(
                texts.get("unlink.cancel"),
                LinkCommand.NAME + ":" + LinkCommand.UNLINK_CANCEL + member));
  }

  /** Forgets the member's link; says what happened, for /unlink and the Unlink button alike. */
  static String forget(Texts texts, MemberTokens tokens, String discordUserId) {
    return texts.get(tokens.forget(discordUserId) ? UNLINKED : NOT_LINKED);
  }
}
