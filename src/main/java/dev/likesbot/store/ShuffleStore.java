package dev.likesbot.store;

/**
 * Each member's place in their no-repeat walk through their library: O(1) state (seed, total, next
 * position) that survives restarts. Implementations are thread-safe, and two concurrent calls for
 * one member never claim the same position.
 */
public interface ShuffleStore {

  /**
   * Claims the next position of the member's walk over {@code total} songs. When there is no walk
   * yet, or it was over another total, or every position was shown, a new walk starts with {@code
   * freshSeed} at position 0.
   */
  ShufflePosition next(String discordUserId, int total, long freshSeed);
}
