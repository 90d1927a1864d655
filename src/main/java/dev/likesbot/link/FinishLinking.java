package dev.likesbot.link;

import dev.likesbot.discord.Markdown;
import dev.likesbot.discord.MessageLimits;
import dev.likesbot.discord.ModalCall;
import dev.likesbot.discord.ModalForm;
import dev.likesbot.discord.Reply;
import dev.likesbot.spotify.SpotifyException;
import java.util.List;

/**
 * Finishing a login by pasting back, where the redirect URI is loopback: only a browser on the
 * bot's machine reaches the callback, so a member's browser ends on a page that cannot load, whose
 * address holds the login's state and code. The login message explains that and carries a <b>Finish
 * linking</b> button; it opens a form where the member pastes that address, and the submit
 * completes the link ({@link LinkService#completePasted}). The button's and the form's ids name the
 * member ({@code link:finish:<id>}, {@code link:paste:<id>}).
 */
final class FinishLinking {
  static final String BUTTON = "Finish linking";
  static final String FIELD = "address";
  static final String TITLE = "Finish linking Spotify";
  static final String LABEL = "Address of the page that didn't load";
  static final String PLACEHOLDER = "http://127.0.0.1:…/callback?code=…&state=…";

  private final LinkService links;
  private final LoginMessages messages;

  FinishLinking(LinkService links, LoginMessages messages) {
    this.links = links;
    this.messages = messages;
  }

  static Reply.ActionButton button(String discordUserId) {
    return new Reply.ActionButton(BUTTON, LinkCommand.NAME + ":finish:" + discordUserId);
  }

  static ModalForm form(String discordUserId) {
    return new ModalForm(
        LinkCommand.NAME + ":paste:" + discordUserId,
        TITLE,
        List.of(new ModalForm.TextField(FIELD, LABEL, PLACEHOLDER, PastedAddress.MAX_PASTE)));
  }

  /**
   * The login message's text in loopback mode: whose link it is ({@code @username}), not to share
   * it, and what to do once the browser shows a page that cannot load.
   */
  static String instructions(String discordHandle) {
    return "Log in with Spotify to link the Discord account @"
        + Markdown.escape(MessageLimits.shorten(discordHandle, 100))
        + ". This link is only for you: don't share it. It works once, for 10 minutes.\n"
        + "After you log in, your browser shows a page that cannot load. That's expected: copy"
        + " that page's whole address from the address bar, then press **"
        + BUTTON
        + "** here and paste it.";
  }

  /**
   * Works out the pasted address and answers. In the bot's DM the answer to a link is the lasting
   * "Linked as …" message itself (no second one arrives); elsewhere it is private and the DM comes
   * as well. Either way the login messages are edited ({@link LoginMessages}).
   */
  Reply submit(ModalCall call) {
    boolean inDm = call.inBotDm();
    LinkOutcome outcome;
    try {
      outcome = links.completePasted(call.userId(), call.value(FIELD).orElse(""), !inDm);
    } catch (SpotifyException e) {
      messages.endedUnlinked(call.userId()); // the state is spent; the error replies explain
      throw e;
    }
    if (outcome instanceof LinkOutcome.Refused) {
      messages.endedUnlinked(call.userId()); // a Refused paste spent the state
    }
    if (outcome instanceof LinkOutcome.Linked linked) {
      if (!inDm) {
        return Reply.privately(LoginMessages.confirmation(linked)); // the DM was announced
      }
      messages.linkedHere(linked);
      return LinkedDm.message(linked).asEphemeral(false);
    }
    return Reply.privately(text(outcome));
  }

  /** What the member reads when the paste linked nothing, and what to do next. */
  static String text(LinkOutcome outcome) {
    if (outcome instanceof LinkOutcome.PasteRefused refused) {
      return switch (refused) {
        case NOT_AN_ADDRESS ->
            "That isn't an address. After you log in to Spotify, copy the whole address of the"
                + " page that cannot load and press "
                + BUTTON
                + " again to paste it.";
        case NO_STATE ->
            "That address isn't from your Spotify login (it has no login state). Copy the whole"
                + " address of the page that cannot load after you log in, then press "
                + BUTTON
                + " again.";
        case UNKNOWN_STATE ->
            "That login was already used, replaced by a newer /link, or never existed. Paste the"
                + " address from your latest login link, or run /link for a new one.";
        case SOMEONE_ELSES ->
            "That address is from someone else's /link, so it was not used. Paste the address"
                + " from your own login, or run /link to get one.";
        case EXPIRED -> "Your login link expired (they last 10 minutes). Run /link for a new one.";
        case NO_CODE ->
            "That is the login link itself, not the page after it. Open it, log in to Spotify,"
                + " then copy the address of the page that cannot load and press "
                + BUTTON
                + " again.";
      };
    }
    LinkOutcome.Refused refused = (LinkOutcome.Refused) outcome;
    return switch (refused) {
      case CANCELLED -> "Link cancelled — run /link to try again.";
      case SPOTIFY_UNAVAILABLE ->
          "Spotify is having trouble right now — run /link again in a minute.";
      case ACCOUNT_NOT_ALLOWED ->
          "Spotify refused this account. The bot's operator must add your Spotify e-mail to the"
              + " app's users in the Spotify developer dashboard.";
      case CODE_REFUSED ->
          "Spotify did not accept this login (it may have expired) — run /link again.";
      case EXPIRED -> "Your login link expired (they last 10 minutes). Run /link for a new one.";
      case SPOTIFY_ERROR, NO_STATE, UNKNOWN_STATE, NOT_THIS_BROWSER, NO_CODE ->
          "Spotify could not log you in — run /link to try again.";
    };
  }
}
