package dev.likesbot.store;

import java.util.Optional;

/** OAuth states of /link runs. Implementations are thread-safe. */
public interface PendingLinkStore {

  /** Saves a new state; the member's older states and all expired ones stop working. */
  void put(PendingLink pending);

  /** The state as stored, without spending it (the login page reads it; previews fetch it). */
  Optional<PendingLink> peek(String state);

  /**
   * Binds the state to the browser holding {@code browserNonce} (only its hash is kept), replacing
   * an earlier binding; false when the state is unknown or already used.
   */
  boolean bindBrowser(String state, String browserNonce);

  /** Removes and returns the state, atomically: of two racing callers only one gets it. */
  Optional<PendingLink> take(String state);

  /** Deletes the states that expired, whoever they were for; returns how many. */
  int sweepExpired();
}
