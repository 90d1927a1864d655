package dev.likesbot.discord;

/** One click on an action button, without JDA's types. */
public interface ButtonCall {

  /** Who clicked, which may be someone other than the member the message was for. */
  String userId();

  /** The clicking member's Discord display name, for messages. */
  String userName();

  /**
   * The member's unique Discord username (not the display name), shown on the login page; the
   * display name where a call does not know it.
   */
  default String userHandle() {
    return userName();
  }

  /** The button's id, prefix included. */
  String buttonId();

  /** Acknowledges now; the answer follows through {@link #reply} or {@link #update}. */
  void defer(boolean updatesMessage, boolean ephemeral);

  /** Answers with a new message below the one clicked. */
  void reply(Reply reply);

  /** Replaces the message the button is on. */
  void update(Reply reply);
}
