package dev.likesbot.discord;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Sends a member a direct message. */
public interface DirectMessenger {

  enum Delivery {
    SENT,
    /** The member does not accept DMs from the bot (Discord error 50007). */
    DMS_CLOSED
  }

  /** Completes with how it went, or exceptionally when Discord failed otherwise. */
  CompletableFuture<Delivery> send(String userId, Reply message);

  /** How a DM went, and the sent message's id when it was sent and the id is known. */
  record Sent(Delivery delivery, Optional<String> messageId) {}

  /** As {@link #send}, keeping the message's id so it can be {@link #edit edited} later. */
  default CompletableFuture<Sent> sendEditable(String userId, Reply message) {
    return send(userId, message).thenApply(delivery -> new Sent(delivery, Optional.empty()));
  }

  /**
   * Replaces a message the bot DMed the member earlier (the bot may edit its own messages at any
   * time); completes exceptionally when Discord refused.
   */
  default CompletableFuture<Void> edit(String userId, String messageId, Reply message) {
    return CompletableFuture.failedFuture(new UnsupportedOperationException("cannot edit DMs"));
  }
}
