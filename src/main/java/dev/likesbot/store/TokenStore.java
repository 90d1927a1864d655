package dev.likesbot.store;

import java.util.Optional;

/** Where links live across restarts. Implementations are thread-safe. */
public interface TokenStore {

  Optional<StoredLink> find(String discordUserId);

  /** Inserts or replaces the member's link; durable when this returns. */
  void save(StoredLink link);

  /** Forgets the member: every row about them, in every table. */
  boolean delete(String discordUserId);

  /** Throws when the store cannot answer; for health checks. */
  void ping();
}
