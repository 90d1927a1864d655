package dev.likesbot.discord;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The answer the bot gave an interaction, which it may replace through the interaction's token:
 * Discord accepts that for 15 minutes after the interaction. It lives in memory only; a token is
 * never stored.
 */
public interface EditableReply {

  /**
   * How long after answering the bot still edits the answer: Discord's 15 minutes from the
   * interaction, less a minute for the time the interaction waited for its answer.
   */
  Duration EDITABLE_FOR = Duration.ofMinutes(14);

  /** Replaces the answer (buttons included); completes exceptionally when Discord refused. */
  CompletableFuture<Void> edit(Reply reply);
}
