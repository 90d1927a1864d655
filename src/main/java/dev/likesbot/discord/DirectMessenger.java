package dev.likesbot.discord;

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
}
