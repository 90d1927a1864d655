package dev.likesbot.testing;

import dev.likesbot.store.TokenStore;
import dev.likesbot.store.TokenStoreContract;

/** The service tests' double keeps the promises the real stores keep. */
class InMemoryStoreTest extends TokenStoreContract {

  @Override
  protected TokenStore tokenStore() {
    return new InMemoryStore();
  }
}
