package dev.likesbot.link;

import dev.likesbot.discord.CommandCall;
import dev.likesbot.discord.CommandSpec;
import dev.likesbot.discord.DirectMessenger;
import dev.likesbot.discord.DirectMessenger.Delivery;
import dev.likesbot.discord.Markdown;
import dev.likesbot.discord.Reply;
import dev.likesbot.discord.SlashCommand;
import dev.likesbot.store.StoredLink;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** /link: DMs the member a Spotify login button, or shows it privately when DMs are closed. */
public final class LinkCommand implements SlashCommand {
  private static final Logger log = LoggerFactory.getLogger(LinkCommand.class);
  static final String BUTTON = "Log in with Spotify";
  static final String CHECK_DMS = "Check your DMs: I sent you a Spotify login link.";
  static final String DMS_CLOSED =
      "I couldn't DM you, so here is your Spotify login link (only you can see this).";

  private final LinkService links;
  private final DirectMessenger messenger;

  public LinkCommand(LinkService links, DirectMessenger messenger) {
    this.links = links;
    this.messenger = messenger;
  }

  @Override
  public CommandSpec spec() {
    return CommandSpec.of("link", "Link your Spotify account so I can read your Liked Songs");
  }

  @Override
  public void handle(CommandCall call) {
    Optional<StoredLink> existing = links.current(call.userId());
    URI login = links.start(call.userId());
    Reply.LinkButton button = new Reply.LinkButton(BUTTON, login.toString());
    String already =
        existing
            .map(
                l ->
                    "You're already linked as "
                        + Markdown.escape(l.spotifyName())
                        + "; linking again replaces that link.\n")
            .orElse("");
    Reply dm =
        Reply.privately(
                "Log in with Spotify to link your account. The button works once, for 10 minutes.")
            .withButton(button);
    if (deliver(call.userId(), dm) == Delivery.SENT) {
      call.reply(Reply.privately(already + CHECK_DMS));
    } else {
      call.reply(Reply.privately(already + DMS_CLOSED).withButton(button));
    }
  }

  /** DMs the member; any failure falls back to the private reply, so /link always answers. */
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
