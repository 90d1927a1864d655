package dev.likesbot.link;

import dev.likesbot.discord.CommandCall;
import dev.likesbot.discord.CommandSpec;
import dev.likesbot.discord.DirectMessenger;
import dev.likesbot.discord.Markdown;
import dev.likesbot.discord.MessageLimits;
import dev.likesbot.discord.Reply;
import dev.likesbot.discord.SlashCommand;
import dev.likesbot.store.StoredLink;
import dev.likesbot.tokens.MemberTokens;
import java.util.Optional;

/**
 * /link: DMs a new member a Spotify login button (or shows it privately when DMs are closed); a
 * linked member sees their link's status with Relink and Unlink buttons.
 */
public final class LinkCommand implements SlashCommand {
  /** A Spotify display name is cut to this, so the dates after it always show. */
  private static final int SHOWN_NAME = 200;

  private final MemberTokens tokens;
  private final LoginOffer login;

  public LinkCommand(LinkService links, MemberTokens tokens, DirectMessenger messenger) {
    this.tokens = tokens;
    this.login = new LoginOffer(links, messenger);
  }

  @Override
  public CommandSpec spec() {
    return CommandSpec.of("link", "Link your Spotify account so I can read your Liked Songs");
  }

  @Override
  public void handle(CommandCall call) {
    Optional<StoredLink> existing = tokens.current(call.userId());
    call.reply(
        existing
            .map(LinkCommand::status)
            .orElseGet(() -> login.send(call.userId(), call.userName(), call.userHandle())));
  }

  /** Dates in Discord's timestamp markup, so each member reads them in their own locale. */
  static Reply status(StoredLink link) {
    return Reply.privately(
            "Linked as "
                + Markdown.escape(MessageLimits.shorten(link.spotifyName(), SHOWN_NAME))
                + " since <t:"
                + link.linkedAt().getEpochSecond()
                + ":D>, link expires around <t:"
                + ExpiryReminders.expiresAround(link.linkedAt()).getEpochSecond()
                + ":D>.")
        .withButton(LinkButtons.relink(link.discordUserId()))
        .withButton(LinkButtons.unlink(link.discordUserId()));
  }
}
