package dev.likesbot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.likesbot.testing.FakeTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every store promises, whatever keeps it: links and their versions, pending logins,
 * reminders, no-repeat walks and members' locales. Runs on SQLite and PostgreSQL (through {@code
 * SqlStoreContract}, which adds what only a database has) and on the in-memory double the service
 * tests use.
 */
public abstract class StoreContract<
    S extends TokenStore & PendingLinkStore & ReminderStore & LocaleStore> {
  private static final Instant AT = Instant.parse("2026-11-28T12:00:00Z");

  /** The stores' clock, for pending logins' expiry. */
  protected final FakeTime time = new FakeTime();

  /**
   * A store on this test's database, empty at first; every call is another instance over the same
   * database, as two bots sharing it.
   */
  protected abstract S store();

  /** The no-repeat walks over this test's database. */
  protected abstract ShuffleStore shuffles();

  static StoredLink link(String user) {
    return new StoredLink(
        user,
        "spotify-" + user,
        "Name " + user,
        "access-token-of-" + user,
        "refresh-token-of-" + user,
        Instant.parse("2026-11-28T13:00:00Z"),
        Instant.parse("2026-11-28T12:00:00Z"));
  }

  /** What was stored, whatever version the store gave it. */
  static Optional<StoredLink> unversioned(Optional<StoredLink> found) {
    return found.map(l -> l.withVersion(0));
  }

  /** A /link run not bound to a browser yet, for a member named "member". */
  static PendingLink pending(
      String state, String discordUserId, String codeVerifier, Instant expiresAt) {
    return new PendingLink(
        state, discordUserId, codeVerifier, expiresAt, "member", "", Optional.empty());
  }

  /** The walks over a database in which member "1" is linked. */
  private ShuffleStore walksOfMemberOne() {
    store().save(link("1"));
    return shuffles();
  }

  /** Member "1" linked and two picks into a walk over 10 songs, begun with seed 1. */
  private ShuffleStore twoStepsIntoAWalk() {
    ShuffleStore shuffles = walksOfMemberOne();
    shuffles.next("1", 10, 1);
    shuffles.next("1", 10, 1);
    return shuffles;
  }

  /**
   * Members "1" and "2" linked and reminded, "1" with a login pending too; then "1" unlinks.
   *
   * @return the store "1" unlinked through
   */
  S afterMemberOneOfTwoUnlinks() {
    S store = store();
    store.save(link("1"));
    store.save(link("2"));
    store.put(pending("s", "1", "v", time.instant().plusSeconds(600)));
    store.claimReminder("1", link("1").linkedAt());
    store.claimReminder("2", link("2").linkedAt());
    store.delete("1");
    return store;
  }

  private static StoredLink login(String user, String account, String access) {
    return new StoredLink(
        user, account, "Name " + account, access, "refresh-" + access, AT.plusSeconds(3600), AT);
  }

  private static StoredLink refreshed(StoredLink read, String access) {
    return read.withTokens(access, "refresh-" + access, AT.plusSeconds(7200));
  }

  /** Runs {@code task} on several threads released together; returns their results. */
  static <T> List<T> race(int threads, Callable<T> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        futures.add(
            pool.submit(
                () -> {
                  go.await();
                  return task.call();
                }));
      }
      go.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aNewLinkIsStoredUnderTheVersionSaveReturns() {
    S store = store();

    StoredLink saved = store.save(login("1", "spotify-1", "a1"));

    assertThat(store.find("1")).contains(saved);
    assertThat(store.version("1")).isEqualTo(OptionalLong.of(saved.version()));
    assertThat(store.version("2")).isEmpty();
  }

  @Test
  void refreshedTokensAreWrittenOnlyOverTheVersionThatWasRead() {
    S store = store();
    StoredLink read = store.save(login("1", "spotify-1", "a1"));

    StoredLink first = store.update(refreshed(read, "a2")).orElseThrow();
    assertThat(first.version()).isNotEqualTo(read.version());
    assertThat(store.find("1")).contains(first);

    assertThat(store.update(refreshed(read, "stale"))).as("a stale version").isEmpty();
    assertThat(store.find("1")).contains(first);
  }

  @Test
  void anUpdateNeverBringsBackADeletedLink() {
    S store = store();
    StoredLink read = store.save(login("1", "spotify-1", "a1"));
    store.delete("1");

    assertThat(store.update(refreshed(read, "a2"))).isEmpty();

    assertThat(store.find("1")).isEmpty();
    assertThat(store.version("1")).isEmpty();
  }

  @Test
  void anUpdateReadBeforeAnUnlinkAndRelinkDoesNotOverwriteTheNewLogin() {
    S store = store();
    StoredLink read = store.save(login("1", "spotify-1", "old"));
    store.delete("1");
    StoredLink relinked = store.save(login("1", "spotify-1", "new"));

    assertThat(store.update(refreshed(read, "stale"))).isEmpty();

    assertThat(store.find("1")).contains(relinked);
  }

  @Test
  void aRelinkGetsAVersionNoReaderOfTheOldLinkHolds() {
    S store = store();
    StoredLink read = store.save(login("1", "spotify-1", "old"));
    StoredLink relinked = store.save(login("1", "spotify-1", "new"));

    assertThat(relinked.version()).isNotEqualTo(read.version());
    assertThat(store.update(refreshed(read, "stale"))).isEmpty();
    assertThat(store.find("1")).contains(relinked);
  }

  @Test
  void anEndedGrantDeletesOnlyTheVersionThatWasRefused() {
    S store = store();
    StoredLink read = store.save(login("1", "spotify-1", "a1"));
    StoredLink newer = store.update(refreshed(read, "a2")).orElseThrow();

    assertThat(store.deleteIfUnchanged(read)).isFalse();
    assertThat(store.find("1")).contains(newer);

    assertThat(store.deleteIfUnchanged(newer)).isTrue();
    assertThat(store.find("1")).isEmpty();
    assertThat(store.deleteIfUnchanged(newer)).isFalse();
  }

  @Test
  void savesFindsReplacesAndDeletesLinks() {
    S store = store();

    StoredLink saved = store.save(link("1"));
    assertThat(store.find("1")).contains(saved);
    assertThat(unversioned(store.find("1"))).contains(link("1"));

    StoredLink refreshed =
        store
            .update(
                saved.withTokens("access-2", "refresh-2", Instant.parse("2026-11-28T14:00:00Z")))
            .orElseThrow();
    assertThat(store.find("1")).contains(refreshed);

    assertThat(store.delete("1")).isTrue();
    assertThat(store.find("1")).isEmpty();
    assertThat(store.delete("1")).isFalse();
  }

  @Test
  void aPendingStateIsTakenOnlyOnce() {
    S store = store();
    PendingLink pending = pending("state-1", "1", "verifier", time.instant().plusSeconds(600));
    store.put(pending);

    assertThat(store.take("state-1")).contains(pending);
    assertThat(store.take("state-1")).isEmpty();
    assertThat(store.take("never-issued")).isEmpty();
  }

  @Test
  void aPendingStateKeepsTheMembersNamesAndIsReadWithoutBeingSpent() {
    S store = store();
    PendingLink pending =
        new PendingLink(
            "state-1",
            "1",
            "verifier",
            time.instant().plusSeconds(600),
            "Ada",
            "ada.l",
            Optional.empty());
    store.put(pending);

    assertThat(store.peek("state-1")).contains(pending);
    assertThat(store.peek("state-1")).as("still there").contains(pending);
    assertThat(store.peek("never-issued")).isEmpty();
  }

  @Test
  void twoStoresOnOneDatabaseRacingToTakeAStateHaveExactlyOneWinner() throws Exception {
    S first = store();
    S second = store();
    for (int round = 0; round < 6; round++) {
      String state = "state-" + round;
      first.put(pending(state, "user-" + round, "v", time.instant().plusSeconds(600)));
      int[] turn = {0};
      List<Optional<PendingLink>> takes =
          race(
              6,
              () -> {
                S store;
                synchronized (turn) {
                  store = turn[0]++ % 2 == 0 ? first : second;
                }
                return store.take(state);
              });
      assertThat(takes.stream().filter(Optional::isPresent)).as("round %d", round).hasSize(1);
    }
  }

  @Test
  void aNewStateReplacesTheMembersOlderOneAndSweepsExpiredOnes() {
    S store = store();
    store.put(pending("old", "1", "v", time.instant().plusSeconds(600)));
    store.put(pending("other", "2", "v", time.instant().plusSeconds(60)));
    time.advance(Duration.ofMinutes(2));

    store.put(pending("new", "1", "v", time.instant().plusSeconds(600)));

    assertThat(store.take("old")).isEmpty();
    assertThat(store.take("other")).isEmpty();
    assertThat(store.take("new")).isPresent();
  }

  @Test
  void theSweepDeletesExpiredStatesOnly() {
    S store = store();
    store.put(pending("short", "1", "v", time.instant().plusSeconds(60)));
    store.put(pending("long", "2", "v", time.instant().plusSeconds(600)));
    time.advance(Duration.ofMinutes(2));

    assertThat(store.sweepExpired()).isEqualTo(1);

    assertThat(store.take("short")).isEmpty();
    assertThat(store.take("long")).isPresent();
  }

  @Test
  void aReminderIsClaimedOncePerLinkAndAgainAfterARelink() {
    S store = store();
    StoredLink ada = link("ada");
    store.save(ada);
    store.save(link("bob").withTokens("a", "r", ada.accessExpiresAt()));
    Instant cutoff = ada.linkedAt();

    assertThat(store.unremindedLinkedBefore(cutoff))
        .extracting(ReminderStore.LinkAge::discordUserId)
        .containsExactlyInAnyOrder("ada", "bob");
    assertThat(store.claimReminder("ada", ada.linkedAt())).isTrue();
    assertThat(store.claimReminder("ada", ada.linkedAt())).isFalse();
    assertThat(store().claimReminder("ada", ada.linkedAt())).as("another instance").isFalse();
    assertThat(store.unremindedLinkedBefore(cutoff))
        .extracting(ReminderStore.LinkAge::discordUserId)
        .containsExactly("bob");
    assertThat(store.unremindedLinkedBefore(cutoff.minusSeconds(1))).isEmpty();

    Instant relinked = ada.linkedAt().plus(Duration.ofDays(170));
    store.save(new StoredLink("ada", "s", "Ada", "a2", "r2", relinked.plusSeconds(3600), relinked));
    assertThat(store.claimReminder("ada", ada.linkedAt())).as("the old link").isFalse();
    assertThat(store.claimReminder("ada", relinked)).isTrue();
    assertThat(store.claimReminder("nobody", relinked)).isFalse();
  }

  @Test
  void aReleasedReminderCanBeClaimedAgainButOnlyForThatLink() {
    S store = store();
    StoredLink ada = link("ada");
    store.save(ada);
    assertThat(store.claimReminder("ada", ada.linkedAt())).isTrue();

    store.releaseReminder("ada", ada.linkedAt().minusSeconds(1)); // another link's: no effect
    assertThat(store.claimReminder("ada", ada.linkedAt())).isFalse();

    store.releaseReminder("ada", ada.linkedAt());
    assertThat(store.claimReminder("ada", ada.linkedAt())).isTrue();
  }

  @Test
  void twoStoresRacingToClaimOneReminderHaveExactlyOneWinner() throws Exception {
    S first = store();
    S second = store();
    for (int round = 0; round < 6; round++) {
      String user = "user-" + round;
      first.save(link(user));
      int[] turn = {0};
      List<Boolean> claims =
          race(
              6,
              () -> {
                S store;
                synchronized (turn) {
                  store = turn[0]++ % 2 == 0 ? first : second;
                }
                return store.claimReminder(user, link(user).linkedAt());
              });
      assertThat(claims.stream().filter(b -> b)).as("round %d", round).hasSize(1);
    }
  }

  @Test
  void aWorkingStoreAnswersAPing() {
    assertThatCode(store()::ping).doesNotThrowAnyException();
  }

  @Test
  void twoStoresRacingToWriteRefreshedTokensOverOneVersionHaveExactlyOneWinner() throws Exception {
    S first = store();
    S second = store();
    for (int round = 0; round < 6; round++) {
      String user = "user-" + round;
      StoredLink read = first.save(link(user));
      int[] turn = {0};
      List<Optional<StoredLink>> writes =
          race(
              6,
              () -> {
                int mine;
                synchronized (turn) {
                  mine = turn[0]++;
                }
                S store = mine % 2 == 0 ? first : second;
                return store.update(read.withTokens("access-" + mine, "r", read.accessExpiresAt()));
              });
      List<StoredLink> won = writes.stream().flatMap(Optional::stream).toList();
      assertThat(won).as("round %d", round).hasSize(1);
      assertThat(second.find(user)).contains(won.get(0));
    }
  }

  @Test
  void aWalkStartsWithTheFreshSeedAndThenAdvancesOnePositionPerCall() {
    ShuffleStore shuffles = walksOfMemberOne();
    assertThat(shuffles.next("1", 3, 77)).isEqualTo(new ShufflePosition(77, 0));
    assertThat(shuffles.next("1", 3, 88)).isEqualTo(new ShufflePosition(77, 1));
    assertThat(shuffles.next("1", 3, 99)).isEqualTo(new ShufflePosition(77, 2));
  }

  @Test
  void aUsedUpWalkStartsAgainWithANewSeed() {
    ShuffleStore shuffles = walksOfMemberOne();
    shuffles.next("1", 2, 1);
    shuffles.next("1", 2, 1);

    assertThat(shuffles.next("1", 2, 5)).isEqualTo(new ShufflePosition(5, 0));
    assertThat(shuffles.next("1", 2, 6)).isEqualTo(new ShufflePosition(5, 1));
  }

  @Test
  void aChangedTotalStartsANewWalk() {
    ShuffleStore shuffles = twoStepsIntoAWalk();

    assertThat(shuffles.next("1", 11, 2)).isEqualTo(new ShufflePosition(2, 0));
  }

  @Test
  void unlinkingDeletesTheWalk() {
    ShuffleStore shuffles = twoStepsIntoAWalk();

    S links = store();
    links.delete("1");
    links.save(link("1"));

    assertThat(shuffles.next("1", 10, 3)).isEqualTo(new ShufflePosition(3, 0));
  }

  @Test
  void aMemberWithoutALinkHasNoWalk() {
    ShuffleStore shuffles = walksOfMemberOne();
    assertThatThrownBy(() -> shuffles.next("never-linked", 10, 1))
        .isInstanceOf(StoreException.class);
  }

  @Test
  void concurrentPicksClaimDistinctPositionsOfOneWalk() throws Exception {
    ShuffleStore shuffles = walksOfMemberOne();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<ShufflePosition>> calls = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        long seed = i;
        calls.add(() -> shuffles.next("1", 1000, seed));
      }
      List<Integer> positions = new ArrayList<>();
      List<Long> seeds = new ArrayList<>();
      for (Future<ShufflePosition> f : pool.invokeAll(calls)) {
        positions.add(f.get().position());
        seeds.add(f.get().seed());
      }

      assertThat(positions).doesNotHaveDuplicates().hasSize(40);
      assertThat(seeds).containsOnly(seeds.get(positions.indexOf(0)));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aLinkToAnotherSpotifyAccountDropsTheOldWalkAndReminderButTheSameAccountKeepsThem() {
    ShuffleStore shuffles = twoStepsIntoAWalk();
    S links = store();
    links.claimReminder("1", link("1").linkedAt());

    links.save(link("1")); // the same Spotify account again
    assertThat(shuffles.next("1", 10, 2)).isEqualTo(new ShufflePosition(1, 2));

    StoredLink other = link("1");
    links.save(
        new StoredLink(
            "1",
            "spotify-someone-else",
            "Someone",
            "a",
            "r",
            other.accessExpiresAt(),
            other.linkedAt()));
    assertThat(shuffles.next("1", 10, 3)).isEqualTo(new ShufflePosition(3, 0));
    assertThat(links.claimReminder("1", other.linkedAt()))
        .as("the old link's reminder went with it")
        .isTrue();
  }

  @Test
  void aStateBoundToABrowserIsTakenOnlyByThatBrowsersNonce() {
    S store = store();
    store.put(pending("state-1", "1", "v", time.instant().plusSeconds(600)));

    assertThat(store.take("state-1").orElseThrow().boundTo("nonce-a")).as("unbound").isFalse();
    store.put(pending("state-2", "1", "v", time.instant().plusSeconds(600)));
    assertThat(store.bindBrowser("state-2", "nonce-a")).isTrue();
    assertThat(store.bindBrowser("state-2", "nonce-b")).as("a later Continue rebinds").isTrue();
    assertThat(store.bindBrowser("never-issued", "nonce-a")).isFalse();

    PendingLink taken = store.take("state-2").orElseThrow();
    assertThat(taken.boundTo("nonce-b")).isTrue();
    assertThat(taken.boundTo("nonce-a")).isFalse();
    assertThat(taken.boundTo(null)).isFalse();
  }

  @Test
  void unlinkingEndsTheMembersPendingLoginAndReminderButNoOneElses() {
    S store = afterMemberOneOfTwoUnlinks();

    assertThat(store.take("s")).isEmpty();
    store.save(link("1"));
    assertThat(store.claimReminder("1", link("1").linkedAt()))
        .as("the reminder went with the link")
        .isTrue();
    assertThat(store.claimReminder("2", link("2").linkedAt())).as("still claimed").isFalse();
  }

  @Test
  void aRememberedLocaleIsReadBackAndTheLatestWins() {
    S store = store();

    assertThat(store.locale("1")).isEmpty();
    store.rememberLocale("1", "de");
    store.rememberLocale("2", "pt-BR");
    store.rememberLocale("1", "en-GB");

    assertThat(store.locale("1")).contains("en-GB");
    assertThat(store().locale("2")).as("another instance reads it").contains("pt-BR");
  }

  @Test
  void aMemberWhoNeverLinkedHasALocaleToo() {
    S store = store();

    store.rememberLocale("1", "de");

    assertThat(store.find("1")).isEmpty();
    assertThat(store.locale("1")).contains("de");
  }

  @Test
  void forgettingAMemberForgetsTheirLocaleButAnEndedGrantDoesNot() {
    S store = store();
    StoredLink one = store.save(link("1"));
    store.save(link("2"));
    store.rememberLocale("1", "de");
    store.rememberLocale("2", "de");

    assertThat(store.deleteIfUnchanged(one)).isTrue();
    assertThat(store.delete("2")).isTrue();

    assertThat(store.locale("1")).as("the grant ended; the member is still ours").contains("de");
    assertThat(store.locale("2")).as("the member unlinked").isEmpty();
  }
}
