package dev.likesbot.testing;

import dev.likesbot.store.ShuffleStore;
import dev.likesbot.store.StoreContract;

/** The service tests' double keeps the promises the real stores keep. */
class InMemoryStoreTest extends StoreContract<InMemoryStore> {
  private final InMemoryStore store = new InMemoryStore(time);

  /** One map is one database: every instance shares it. */
  @Override
  protected InMemoryStore store() {
    return store;
  }

  @Override
  protected ShuffleStore shuffles() {
    return store;
  }
}
