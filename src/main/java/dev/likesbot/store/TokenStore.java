package dev.likesbot.store;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where links live across restarts, shared by every instance on the same database. Each stored
 * write of a link has a version, so a reader can tell whether the row is still the one it read.
 * Implementations are thread-safe.
 */
public interface TokenStore {

  Optional<StoredLink> find(String discordUserId);

  /** The version of the member's stored link, empty when there is none: a cheap read. */
  OptionalLong version(String discordUserId);

  /**
   * Stores a new link (a completed login), replacing any older one, under a version no earlier
   * reader can hold; durable when this returns. A link to another Spotify account than the one it
   * replaces drops everything kept about the old account. The only way a link row is created.
   */
  StoredLink save(StoredLink link);

  /**
   * Stores refreshed tokens over the row {@code refreshed} was read from, only while that row is
   * still stored under {@code refreshed.version()}: never creates a row, so a refresh cannot bring
   * back a deleted link or overwrite a newer one.
   *
   * @return the link under its new version, or empty when nothing was written
   */
  Optional<StoredLink> update(StoredLink refreshed);

  /** Forgets the member: every row about them, in every table. */
  boolean delete(String discordUserId);

  /**
   * Deletes the member's link only while it is still stored under {@code read.version()} (the grant
   * of that very link ended); rows that only exist for a link go with it.
   */
  boolean deleteIfUnchanged(StoredLink read);

  /** Throws when the store cannot answer; for health checks. */
  void ping();
}
