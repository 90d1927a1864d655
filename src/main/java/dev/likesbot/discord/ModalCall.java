package dev.likesbot.discord;

import java.util.Optional;

/** One submit of a {@link ModalForm}, without JDA's types. */
public interface ModalCall extends Interaction {

  /** The form's id, prefix included. */
  String modalId();

  /** What the member entered in the input {@code fieldId}; empty when the submit lacks it. */
  Optional<String> value(String fieldId);

  /**
   * Whether it was submitted in the member's DM with the bot, where a message the bot sends them
   * lands in the same channel as the answer.
   */
  boolean inBotDm();

  /** Acknowledges now ("thinking…"); the answer follows through {@link #reply}. */
  void defer(boolean ephemeral);
}
