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

  /** Every store here keeps members' locales too. */
  private LocaleStore locales(TokenStore store) {
    return (LocaleStore) store;
  }

  @Test
  void aRememberedLocaleIsReadBackAndTheLatestWins() {
    TokenStore store = tokenStore();
    LocaleStore locales = locales(store);

    assertThat(locales.locale("1")).isEmpty();
    locales.rememberLocale("1", "de");
    locales.rememberLocale("2", "pt-BR");
    locales.rememberLocale("1", "en-GB");

    assertThat(locales.locale("1")).contains("en-GB");
    assertThat(locales.locale("2")).contains("pt-BR");
  }

  @Test
  void aMemberWhoNeverLinkedHasALocaleToo() {
    TokenStore store = tokenStore();

    locales(store).rememberLocale("1", "de");

    assertThat(store.find("1")).isEmpty();
    assertThat(locales(store).locale("1")).contains("de");
  }

  @Test
  void forgettingAMemberForgetsTheirLocaleButAnEndedGrantDoesNot() {
    TokenStore store = tokenStore();
    LocaleStore locales = locales(store);
    StoredLink one = store.save(login("1", "spotify-1", "a1"));
    store.save(login("2", "spotify-2", "a2"));
    locales.rememberLocale("1", "de");
    locales.rememberLocale("2", "de");

    store.deleteIfUnchanged(one);
    store.delete("2");

    assertThat(locales.locale("1")).as("the grant ended; the member is still ours").contains("de");
    assertThat(locales.locale("2")).as("the member unlinked").isEmpty();
  }
}
