package dev.likesbot.testing;

import dev.likesbot.store.ShufflePosition;
import dev.likesbot.store.ShuffleStore;
import java.util.HashMap;
import java.util.Map;

/** Shuffles in memory, with the semantics of the JDBC store. */
public final class InMemoryShuffleStore implements ShuffleStore {
  private record Walk(long seed, int total, int next) {}

  private final Map<String, Walk> walks = new HashMap<>();

  @Override
  public synchronized ShufflePosition next(String discordUserId, int total, long freshSeed) {
    Walk walk = walks.get(discordUserId);
    if (walk == null || walk.total() != total || walk.next() >= total) {
      walk = new Walk(freshSeed, total, 0);
    }
    walks.put(discordUserId, new Walk(walk.seed(), total, walk.next() + 1));
    return new ShufflePosition(walk.seed(), walk.next());
  }

  /** Forgets the member, as deleting their link does. */
  public synchronized void forget(String discordUserId) {
    walks.remove(discordUserId);
  }
}
