package dev.likesbot.discord;

/**
 * A top-level slash command. {@link #acknowledge} runs on JDA's event thread as the command
 * arrives, so Discord sees an answer within its 3 seconds however long the worker queue is; {@link
 * #handle} then runs on the bot's worker pool, may block on Spotify or the store, and must answer
 * the call exactly once.
 */
public interface SlashCommand {

  CommandSpec spec();

  /** Acknowledges the call without blocking; by default a private "thinking…". */
  default void acknowledge(CommandCall call) {
    call.defer(true);
  }

  void handle(CommandCall call);

  /**
   * Whether a use counts against the member's limit ({@link MemberLimiter}): true when it calls
   * Spotify.
   */
  default boolean limited() {
    return false;
  }
}
