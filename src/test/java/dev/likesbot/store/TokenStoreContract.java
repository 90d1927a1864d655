package dev.likesbot.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * How links and their versions behave in every {@link TokenStore}: the JDBC stores on SQLite and
 * PostgreSQL (through {@code StoreContract}) and the in-memory double the service tests use.
 */
public abstract class TokenStoreContract {
  private static final Instant AT = Instant.parse("2026-11-28T12:00:00Z");

  /** An empty store for this test. */
  protected abstract TokenStore tokenStore();

  private static StoredLink login(String user, String account, String access) {
    return new StoredLink(
        user, account, "Name " + account, access, "refresh-" + access, AT.plusSeconds(3600), AT);
  }

  private static StoredLink refreshed(StoredLink read, String access) {
    return read.withTokens(access, "refresh-" + access, AT.plusSeconds(7200));
  }

  @Test
  void aNewLinkIsStoredUnderTheVersionSaveReturns() {
    TokenStore store = tokenStore();

    StoredLink saved = store.save(login("1", "spotify-1", "a1"));

    assertThat(store.find("1")).contains(saved);
    assertThat(store.version("1")).isEqualTo(OptionalLong.of(saved.version()));
    assertThat(store.version("2")).isEmpty();
  }

  @Test
  void refreshedTokensAreWrittenOnlyOverTheVersionThatWasRead() {
    TokenStore store = tokenStore();
    StoredLink read = store.save(login("1", "spotify-1", "a1"));

    StoredLink first = store.update(refreshed(read, "a2")).orElseThrow();
    assertThat(first.version()).isNotEqualTo(read.version());
    assertThat(store.find("1")).contains(first);

    assertThat(store.update(refreshed(read, "stale"))).as("a stale version").isEmpty();
    assertThat(store.find("1")).contains(first);
  }

  @Test
  void anUpdateNeverBringsBackADeletedLink() {
    TokenStore store = tokenStore();
    StoredLink read = store.save(login("1", "spotify-1", "a1"));
    store.delete("1");

    assertThat(store.update(refreshed(read, "a2"))).isEmpty();

    assertThat(store.find("1")).isEmpty();
    assertThat(store.version("1")).isEmpty();
  }

  @Test
  void anUpdateReadBeforeAnUnlinkAndRelinkDoesNotOverwriteTheNewLogin() {
    TokenStore store = tokenStore();
    StoredLink read = store.save(login("1", "spotify-1", "old"));
    store.delete("1");
    StoredLink relinked = store.save(login("1", "spotify-1", "new"));

    assertThat(store.update(refreshed(read, "stale"))).isEmpty();

    assertThat(store.find("1")).contains(relinked);
  }

  @Test
  void aRelinkGetsAVersionNoReaderOfTheOldLinkHolds() {
    TokenStore store = tokenStore();
    StoredLink read = store.save(login("1", "spotify-1", "old"));
    StoredLink relinked = store.save(login("1", "spotify-1", "new"));

    assertThat(relinked.version()).isNotEqualTo(read.version());
    assertThat(store.update(refreshed(read, "stale"))).isEmpty();
    assertThat(store.find("1")).contains(relinked);
  }

  @Test
  void anEndedGrantDeletesOnlyTheVersionThatWasRefused() {
    TokenStore store = tokenStore();
    StoredLink read = store.save(login("1", "spotify-1", "a1"));
    StoredLink newer = store.update(refreshed(read, "a2")).orElseThrow();

    assertThat(store.deleteIfUnchanged(read)).isFalse();
    assertThat(store.find("1")).contains(newer);

    assertThat(store.deleteIfUnchanged(newer)).isTrue();
    assertThat(store.find("1")).isEmpty();
    assertThat(store.deleteIfUnchanged(newer)).isFalse();
  }
}
