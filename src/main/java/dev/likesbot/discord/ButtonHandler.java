package dev.likesbot.discord;

/**
 * Handles clicks on {@link Reply.ActionButton}s whose id starts with {@code prefix() + ":"}. Like a
 * {@link SlashCommand}, a click is first acknowledged on JDA's event thread ({@link #acknowledge}),
 * so a click waiting in the queue never shows "This interaction failed"; {@link #handle} then runs
 * on the worker pool and answers exactly once.
 */
public interface ButtonHandler {

  /** What {@link #acknowledge} did with a click. */
  enum Ack {
    /** Deferred (Discord shows it is being worked on): {@link #handle} gives the answer. */
    DEFERRED,
    /** Answered already (not this member's button, a modal opened, ...): nothing is queued. */
    ANSWERED
  }

  String prefix();

  /**
   * Runs on JDA's event thread as the click arrives and must not block: defers the call the way its
   * answer needs ({@link ButtonCall#defer}), or answers it outright, e.g. privately to someone who
   * may not press this button, or later with a modal, which must be the first response.
   */
  Ack acknowledge(ButtonCall call);

  /** Runs on the worker pool after {@link Ack#DEFERRED}; answers exactly once. */
  void handle(ButtonCall call);

  /** Whether a click counts against the member's limit: true when it calls Spotify. */
  default boolean limited() {
    return false;
  }
}
