package dev.likesbot.link;

import dev.likesbot.discord.CommandCall;
import dev.likesbot.discord.CommandSpec;
import dev.likesbot.discord.Reply;
import dev.likesbot.discord.SlashCommand;
import dev.likesbot.tokens.MemberTokens;

/** /unlink: forgets the member's tokens. */
public final class UnlinkCommand implements SlashCommand {
  static final String REVOKE_HINT =
      "To revoke this bot's access at Spotify as well, remove it under Apps at"
          + " https://www.spotify.com/account/apps/";
  static final String UNLINKED = "Unlinked: I deleted your Spotify tokens. " + REVOKE_HINT;
  static final String NOT_LINKED = "You weren't linked, so there was nothing to forget.";

  private final MemberTokens tokens;

  public UnlinkCommand(MemberTokens tokens) {
    this.tokens = tokens;
  }

  @Override
  public CommandSpec spec() {
    return CommandSpec.of("unlink", "Forget your Spotify account and delete your tokens");
  }

  @Override
  public void handle(CommandCall call) {
    call.reply(Reply.privately(forget(tokens, call.userId())));
  }

  /** Forgets the member's link; says what happened, for /unlink and the Unlink button alike. */
  static String forget(MemberTokens tokens, String discordUserId) {
    return tokens.forget(discordUserId) ? UNLINKED : NOT_LINKED;
  }
}
