package dev.likesbot.link;

import dev.likesbot.discord.Markdown;
import dev.likesbot.discord.MessageLimits;
import dev.likesbot.discord.ModalCall;
import dev.likesbot.discord.ModalForm;
import dev.likesbot.discord.Reply;
import dev.likesbot.text.Texts;
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
  static final String FIELD = "address";

  private final LinkService links;
  private final LoginMessages messages;

  FinishLinking(LinkService links, LoginMessages messages) {
    this.links = links;
    this.messages = messages;
  }

  static Reply.ActionButton button(Texts texts, String discordUserId) {
    return new Reply.ActionButton(
        texts.get("finish.button"), LinkCommand.NAME + ":finish:" + discordUserId);
  }

  static ModalForm form(Texts texts, String discordUserId) {
    return new ModalForm(
        LinkCommand.NAME + ":paste:" + discordUserId,
        texts.get("finish.title"),
        List.of(
            new ModalForm.TextField(
                FIELD,
                texts.get("finish.label"),
                texts.get("finish.placeholder"),
                PastedAddress.MAX_PASTE)));
  }

  /**
   * The login message's text in loopback mode: whose link it is ({@code @username}), not to share
   * it, and what to do once the browser shows a page that cannot load.
   */
  static String instructions(Texts texts, String discordHandle) {
    return texts.get(
        "finish.instructions",
        Markdown.escape(MessageLimits.shorten(discordHandle, 100)),
        texts.get("finish.button"));
  }

  /**
   * Works out the pasted address and answers. In the bot's DM the answer to a link is the lasting
   * "Linked as …" message itself (no second one arrives); elsewhere it is private and the DM comes
   * as well. Either way the login messages are edited ({@link LoginMessages}): here on a link, by
   * {@link LinkService}'s {@code onEndedUnlinked} when the state was spent without one.
   */
  Reply submit(ModalCall call) {
    boolean inDm = call.inBotDm();
    Texts texts = call.texts();
    // A spent state's login messages are retired by LinkService's onEndedUnlinked, whatever the
    // outcome; a thrown SpotifyException is explained by the error replies.
    LinkOutcome outcome = links.completePasted(call.userId(), call.value(FIELD).orElse(""), !inDm);
    if (outcome instanceof LinkOutcome.Linked linked) {
      if (!inDm) {
        return Reply.privately(LoginMessages.confirmation(texts, linked)); // DM was announced
      }
      messages.linkedHere(linked);
      return LinkedDm.message(texts, linked).asEphemeral(false);
    }
    return Reply.privately(text(texts, outcome));
  }

  /** What the member reads when the paste linked nothing, and what to do next. */
  static String text(Texts texts, LinkOutcome outcome) {
    String button = texts.get("finish.button");
    if (outcome instanceof LinkOutcome.PasteRefused refused) {
      return switch (refused) {
        case NOT_AN_ADDRESS -> texts.get("paste.notAnAddress", button);
        case NO_STATE -> texts.get("paste.noState", button);
        case UNKNOWN_STATE -> texts.get("paste.unknownState");
        case SOMEONE_ELSES -> texts.get("paste.someoneElses");
        case EXPIRED -> texts.get("login.expired");
        case NO_CODE -> texts.get("paste.noCode", button);
      };
    }
    LinkOutcome.Refused refused = (LinkOutcome.Refused) outcome;
    return switch (refused) {
      case CANCELLED -> texts.get("refused.cancelled");
      case SPOTIFY_UNAVAILABLE -> texts.get("refused.spotifyUnavailable");
      case QUOTA_EXCEEDED, QUOTA_EXCEEDED_OWNER_TOLD ->
          texts.get("refused.quota"); // a paste throws
      case ACCOUNT_NOT_ALLOWED -> texts.get("refused.accountNotAllowed");
      case CODE_REFUSED -> texts.get("refused.codeRefused");
      case EXPIRED -> texts.get("login.expired");
      case SPOTIFY_ERROR, NO_STATE, UNKNOWN_STATE, NOT_THIS_BROWSER, NO_CODE ->
          texts.get("refused.failed");
    };
  }
}
