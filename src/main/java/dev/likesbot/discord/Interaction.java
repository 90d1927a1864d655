package dev.likesbot.discord;

import dev.likesbot.text.Texts;
import java.util.Locale;
import java.util.Optional;

/**
 * What every interaction has, a slash command or a click: the member who made it and exactly one
 * answer. The {@link InteractionPipeline} answers through it when the feature never runs (the bot
 * is busy or restarting, the member is going fast or not linked) or fails.
 */
public interface Interaction {

  /** Who used it; for a click, possibly someone other than the member the message was for. */
  String userId();

  /** The member's Discord display name, for messages. */
  String userName();

  /**
   * The member's unique Discord username (not the display name), shown on the login page; the
   * display name where a call does not know it.
   */
  default String userHandle() {
    return userName();
  }

  /** Whether it was used in the member's DM with the bot. */
  default boolean inBotDm() {
    return false;
  }

  /**
   * Where it was used, as a link that opens that channel in Discord ({@code
   * https://discord.com/channels/<guild or @me>/<channel>}); empty where not known.
   */
  default Optional<String> channelUrl() {
    return Optional.empty();
  }

  /**
   * Its answer, to replace later while Discord allows ({@link EditableReply#EDITABLE_FOR}); empty
   * where it cannot be edited.
   */
  default Optional<EditableReply> editableReply() {
    return Optional.empty();
  }

  /**
   * The language of the member's Discord client (Discord's {@code locale}); English where a call
   * does not know it.
   */
  default Locale locale() {
    return Locale.ENGLISH;
  }

  /** What to answer with, in the member's language ({@link #locale}). */
  default Texts texts() {
    return Texts.of(locale());
  }

  /**
   * The member's picture as Discord shows it here (their server avatar, else their own, else
   * Discord's default), for a card that says whose it is; empty where a call does not know it.
   */
  default Optional<String> userAvatarUrl() {
    return Optional.empty();
  }

  /** Answers with a new message (after a defer, the placeholder becomes it where it can). */
  void reply(Reply reply);

  /**
   * Answers with {@code reply} unless the interaction has, or is being given, its answer: the
   * pipeline's last word after a feature failed part way.
   */
  void replyIfUnanswered(Reply reply);
}
