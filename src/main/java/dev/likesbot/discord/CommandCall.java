package dev.likesbot.discord;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** One slash command invocation, without JDA's types. */
public interface CommandCall extends Interaction {

  Optional<String> subcommand();

  /** The value the member gave a boolean option. */
  Optional<Boolean> booleanOption(String name);

  /** The value the member gave an integer option. */
  Optional<Long> integerOption(String name);

  /** The value the member gave a string option. */
  default Optional<String> stringOption(String name) {
    return Optional.empty();
  }

  /** Acknowledges now ("thinking…"); the answer follows through {@link #reply}. */
  void defer(boolean ephemeral);

  /**
   * Shows {@code progress} in place of "thinking…" after a {@link #defer}, for as long as the call
   * is unanswered; the answer then replaces it. Completes when Discord has the edit.
   */
  default CompletableFuture<Void> progress(Reply progress) {
    return CompletableFuture.completedFuture(null);
  }

  /**
   * Sends one more message under the answer (Discord's follow-up), ephemeral when {@code message}
   * is: for what does not fit one message, such as a file in several parts. Goes out only once the
   * answer was accepted; completes when Discord has the message, exceptionally when it refused it
   * or the answer could not be sent.
   */
  default CompletableFuture<Void> followUp(Reply message) {
    return CompletableFuture.failedFuture(new UnsupportedOperationException("no follow-ups"));
  }

  /**
   * Answers the call. After a public {@link #defer}, an ephemeral reply replaces the placeholder
   * with a message only the member sees.
   */
  @Override
  void reply(Reply reply);
}
