package dev.likesbot.link;

import dev.likesbot.discord.ButtonCall;
import dev.likesbot.discord.CommandCall;
import dev.likesbot.discord.CommandSpec;
import dev.likesbot.discord.DirectMessenger;
import dev.likesbot.discord.Markdown;
import dev.likesbot.discord.MessageLimits;
import dev.likesbot.discord.ModalCall;
import dev.likesbot.discord.Reply;
import dev.likesbot.discord.SlashCommand;
import dev.likesbot.store.StoredLink;
import dev.likesbot.text.Texts;
import dev.likesbot.tokens.MemberTokens;
import java.util.List;
import java.util.Optional;

/**
 * /link: answers a new member with a Spotify login button where they ran it, with a copy in their
 * DMs ({@link LoginOffer}); a linked member sees their link's status with Relink and Unlink
 * buttons, which the expiry reminder carries too. The buttons' ids name the member they were made
 * for ({@code link:relink:<id>}), so they keep working after a restart and nobody else can use
 * them. With a loopback redirect URI the login message's Finish linking button opens a form to
 * paste the address back ({@link FinishLinking}).
 */
public final class LinkCommand implements SlashCommand {
  static final String NAME = "link";
  static final String NOT_YOURS = "link.notYours";
  static final String RELINK = "relink";
  static final String UNLINK = "unlink";
  static final String UNLINK_CONFIRM = "unlink-confirm";
  static final String UNLINK_CANCEL = "unlink-cancel";

  /** A Spotify display name is cut to this, so the words after it in a message always show. */
  private static final int SHOWN_NAME = 200;

  private final MemberTokens tokens;
  private final LoginOffer login;
  private final LinkService links;
  private final FinishLinking finish;

  /** For tests that do not look at the login messages: they are not edited at expiry. */
  /** {@code messages} must be the one {@code links} tells of completed links. */
  public LinkCommand(
      LinkService links, MemberTokens tokens, DirectMessenger messenger, LoginMessages messages) {
    this.tokens = tokens;
    this.login = new LoginOffer(links, messenger, messages);
    this.links = links;
    this.finish = new FinishLinking(links, messages);
  }

  static Reply.ActionButton relink(Texts texts, String discordUserId) {
    return new Reply.ActionButton(
        texts.get("link.relink"), NAME + ":" + RELINK + ":" + discordUserId);
  }

  /** In members' messages already: its id asks to confirm now, as it did not before. */
  static Reply.ActionButton unlink(Texts texts, String discordUserId) {
    return new Reply.ActionButton(
        texts.get("link.unlink"), NAME + ":" + UNLINK + ":" + discordUserId, Reply.Style.DANGER);
  }

  @Override
  public CommandSpec spec() {
    return CommandSpec.described(NAME);
  }

  /** In the bot's DM the answer is the lasting message (the DM is private anyway). */
  @Override
  public void acknowledge(CommandCall call) {
    call.defer(!call.inBotDm());
  }

  @Override
  public void handle(CommandCall call) {
    Optional<StoredLink> existing = tokens.current(call.userId());
    call.reply(
        existing
            .map(link -> status(call.texts(), link).asEphemeral(!call.inBotDm()))
            .orElseGet(() -> login.send(call)));
  }

  /** Dates in Discord's timestamp markup, so each member reads them in their own locale. */
  static Reply status(Texts texts, StoredLink link) {
    // Timestamps as digits, not numbers the language would group.
    return Reply.privately(
            texts.get(
                "link.status",
                shownName(link.spotifyName()),
                Long.toString(link.linkedAt().getEpochSecond()),
                Long.toString(ExpiryReminders.expiresAround(link.linkedAt()).getEpochSecond())))
        .withButton(relink(texts, link.discordUserId()))
        .withButton(unlink(texts, link.discordUserId()));
  }

  /**
   * A Spotify display name as every message about the link shows it: shortened, so a long one
   * cannot push the rest of the sentence (the dates, "Not you? Use /unlink.") out of the message,
   * and escaped.
   */
  static String shownName(String spotifyName) {
    return Markdown.escape(MessageLimits.shorten(spotifyName, SHOWN_NAME));
  }

  /**
   * Someone other than the member the button was made for is told privately at once. Relink answers
   * with a new message holding the login, private unless in the bot's DM; Unlink turns the message
   * it is on into a confirmation at once, whose buttons replace it again: with the unlinked note,
   * or with the status on Cancel.
   */
  @Override
  public Ack acknowledgeClick(ButtonCall call, List<String> args) {
    // Only the member can click in a DM or an ephemeral message, but a forged click could come
    // from anyone: check anyway.
    if (args.size() != 2 || !args.get(1).equals(call.userId())) {
      call.reply(Reply.privately(call.texts().get(NOT_YOURS)));
      return Ack.ANSWERED;
    }
    switch (args.get(0)) {
      case RELINK -> call.defer(false, !call.inBotDm());
      case UNLINK -> {
        call.update(UnlinkCommand.confirmation(call.texts(), call.userId()));
        return Ack.ANSWERED;
      }
      case UNLINK_CONFIRM, UNLINK_CANCEL -> call.defer(true, true);
      case "finish" -> {
        if (!links.finishesByPaste()) {
          return Ack.GONE; // the redirect URI became public: logins finish at the callback now
        }
        call.openModal(
            FinishLinking.form(call.texts(), call.userId())); // a modal must be the first response
        return Ack.ANSWERED;
      }
      default -> {
        return Ack.GONE;
      }
    }
    return Ack.DEFERRED;
  }

  /**
   * Counted against the member's limit: the pasted address is exchanged at Spotify, and /link or
   * Relink in a server DMs a copy and holds a worker until Discord took it, so an unlimited flood
   * would keep the workers waiting on Discord's DM rate limit for everyone.
   */
  @Override
  public Checks checks() {
    return Checks.SPOTIFY_LOGIN;
  }

  /**
   * Unlink's Confirm and Cancel call nobody, and an unlink is never held back (as /unlink is not):
   * only Relink offers a login.
   */
  @Override
  public Checks clickChecks(List<String> args) {
    return args.isEmpty() || !args.get(0).equals(RELINK) ? Checks.NONE : checks();
  }

  /**
   * Only the member can submit the form their click opened, but check anyway. In the bot's DM the
   * answer may be the lasting "Linked as …" message, so there it is deferred publicly (the DM is
   * private anyway); a refusal is still shown privately.
   */
  @Override
  public Ack acknowledgeModal(ModalCall call, List<String> args) {
    if (args.size() != 2 || !args.get(0).equals("paste") || !links.finishesByPaste()) {
      return Ack.GONE;
    }
    if (!args.get(1).equals(call.userId())) {
      call.reply(Reply.privately(call.texts().get(NOT_YOURS)));
      return Ack.ANSWERED;
    }
    call.defer(!call.inBotDm());
    return Ack.DEFERRED;
  }

  @Override
  public void onModalSubmit(ModalCall call, List<String> args) {
    call.reply(finish.submit(call));
  }

  @Override
  public void onButtonClick(ButtonCall call, List<String> args) {
    if (args.get(0).equals(RELINK)) {
      call.reply(login.send(call));
    } else if (args.get(0).equals(UNLINK_CONFIRM)) {
      call.update(Reply.privately(UnlinkCommand.forget(call.texts(), tokens, call.userId())));
    } else {
      call.update(
          tokens
              .current(call.userId())
              .map(link -> status(call.texts(), link))
              .orElseGet(() -> Reply.privately(call.texts().get(UnlinkCommand.KEPT_NOT_LINKED))));
    }
  }
}
