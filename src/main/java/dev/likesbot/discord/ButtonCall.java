package dev.likesbot.discord;

/** One click on an action button, without JDA's types. */
public interface ButtonCall {

  /** Who clicked, which may be someone other than the member the message was for. */
  String userId();

  /** The clicking member's Discord display name, for messages. */
  String userName();

  /** The button's id, prefix included. */
  String buttonId();

  /** Acknowledges now; the answer follows through {@link #reply} or {@link #update}. */
  void defer(boolean updatesMessage, boolean ephemeral);

  /** Answers with a new message below the one clicked. */
  void reply(Reply reply);

  /** Replaces the message the button is on. */
  void update(Reply reply);
}
