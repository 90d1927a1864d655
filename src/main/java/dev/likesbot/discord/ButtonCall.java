package dev.likesbot.discord;

/** One click on an action button, without JDA's types. */
public interface ButtonCall extends Interaction {

  /** The button's id, prefix included. */
  String buttonId();

  /** Acknowledges now; the answer follows through {@link #reply} or {@link #update}. */
  void defer(boolean updatesMessage, boolean ephemeral);

  /** Answers with a new message below the one clicked. */
  @Override
  void reply(Reply reply);

  /** Replaces the message the button is on. */
  void update(Reply reply);

  /**
   * Answers with {@code form}, which Discord allows only as a click's first response: instead of
   * {@link #defer}, from the feature's acknowledgement. Its submit comes back as a {@link
   * ModalCall}.
   */
  default void openModal(ModalForm form) {
    throw new UnsupportedOperationException("this click cannot open a form");
  }
}
