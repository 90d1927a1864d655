package dev.likesbot.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.likesbot.fake.spotify.FakeCatalog;
import dev.likesbot.fake.spotify.FakeSpotify;
import dev.likesbot.metrics.Metrics;
import dev.likesbot.spotify.SpotifyException;
import dev.likesbot.spotify.SpotifyTokens;
import dev.likesbot.spotify.webapi.SpotifyWire;
import dev.likesbot.spotify.webapi.WebApiSpotify;
import dev.likesbot.store.StoreException;
import dev.likesbot.store.StoredLink;
import dev.likesbot.testing.FakeTime;
import dev.likesbot.testing.InMemoryStore;
import dev.likesbot.testing.RecordingMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MemberTokensTest {
  @RegisterExtension static final SpotifyWire wire = new SpotifyWire();
  private final FakeTime time = new FakeTime();
  private final WebApiSpotify spotify = wire.connect(time);
  private final FakeSpotify fake = wire.fake();
  private final InMemoryStore store = new InMemoryStore();
  private final MemberTokens cache =
      new MemberTokens(store, spotify, time, time, Metrics.NONE, Duration.ZERO);

  /** Member 42 logged in as Spotify user "ada", the access token expiring in {@code d}. */
  private StoredLink linkExpiringIn(Duration d) {
    return wire.link("42", "ada", d, time);
  }

  /**
   * Member 42 linked and their token used here; what this cache forgets from then on is recorded.
   */
  private List<String> forgetsOfALinkInUse() {
    List<String> forgotten = new CopyOnWriteArrayList<>();
    cache.whenForgotten(forgotten::add);
    cache.put(linkExpiringIn(Duration.ofHours(1)));
    cache.accessToken("42");
    forgotten.clear();
    return forgotten;
  }

  private int refreshes() {
    return fake.tokenRefreshes("ada");
  }

  private StoredLink stored() {
    return store.links.get("42");
  }

  /** Reads one page of Liked Songs with {@code token}, recording each token used. */
  private int likedSongs(List<String> used, String token) {
    used.add(token);
    return spotify.savedTracks(token, 0, 1).total();
  }

  @Test
  void servesAFreshTokenWithoutRefreshing() {
    StoredLink link = linkExpiringIn(Duration.ofHours(1));
    store.save(link);

    assertThat(cache.accessToken("42")).isEqualTo(link.accessToken());
    assertThat(refreshes()).isZero();
  }

  @Test
  void refreshesOnReadWhenTheTokenExpiresWithinAMinute() {
    StoredLink link = linkExpiringIn(Duration.ofHours(1));
    store.save(link);
    cache.accessToken("42");

    time.advance(Duration.ofMinutes(59).plusSeconds(1));

    String token = cache.accessToken("42");
    assertThat(token).isNotEqualTo(link.accessToken());
    assertThat(refreshes()).isOne();
    assertThat(stored().accessToken()).isEqualTo(token);
    assertThat(stored().accessExpiresAt()).isEqualTo(time.instant().plus(Duration.ofHours(1)));
  }

  @Test
  void aTokenLoadedAfterARestartIsRefreshedWhenAlreadyExpired() {
    StoredLink link = linkExpiringIn(Duration.ofSeconds(30));
    store.save(link);

    String token = cache.accessToken("42");
    assertThat(token).isNotEqualTo(link.accessToken()).isEqualTo(stored().accessToken());
    assertThat(refreshes()).isOne();
    assertThat(spotify.savedTracks(token, 0, 1).total()).as("Spotify takes it").isZero();
  }

  @Test
  void keepsTheOldRefreshTokenWhenSpotifySendsNone() {
    StoredLink link = linkExpiringIn(Duration.ZERO);
    store.save(link);

    cache.accessToken("42");

    assertThat(refreshes()).isOne();
    assertThat(stored().refreshToken()).isEqualTo(link.refreshToken());
  }

  @Test
  void persistsARotatedRefreshToken() {
    fake.setRotateRefreshTokens(true);
    StoredLink link = linkExpiringIn(Duration.ZERO);
    store.save(link);

    cache.accessToken("42");

    assertThat(stored().refreshToken())
        .isNotEqualTo(link.refreshToken())
        .isIn(fake.issuedTokens("ada"));
    assertThat(spotify.refresh(stored().refreshToken()).accessToken())
        .as("the stored refresh token is the one Spotify rotated to")
        .isNotBlank();
  }

  @Test
  void refreshesExactlyOnceUnderConcurrentReads() throws Exception {
    store.save(linkExpiringIn(Duration.ZERO));
    fake.setLatency(Duration.ofMillis(200));
    ExecutorService pool = Executors.newFixedThreadPool(10);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<String>> results = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      results.add(
          pool.submit(
              () -> {
                go.await();
                return cache.accessToken("42");
              }));
    }
    go.countDown();
    for (Future<String> r : results) {
      assertThat(r.get()).isEqualTo(stored().accessToken());
    }
    pool.shutdown();

    assertThat(refreshes()).isOne();
  }

  @Test
  void aRevokedGrantRemovesTheLink() {
    store.save(linkExpiringIn(Duration.ZERO));
    fake.revoke("ada");

    assertThatThrownBy(() -> cache.accessToken("42"))
        .isInstanceOfSatisfying(
            SpotifyException.class,
            e -> assertThat(e.reason()).isEqualTo(SpotifyException.Reason.REVOKED));
    assertThat(store.links).doesNotContainKey("42");
    assertThatThrownBy(() -> cache.accessToken("42")).isInstanceOf(NotLinkedException.class);
  }

  @Test
  void aGrantRevokedBeforeTheTokenExpiresLeavesNoLinkInTheCache() {
    StoredLink link = linkExpiringIn(Duration.ofHours(1));
    cache.put(link);
    assertThat(cache.accessToken("42")).isEqualTo(link.accessToken());
    fake.revoke("ada");

    assertThatThrownBy(() -> cache.refreshRejected("42", link.accessToken()))
        .isInstanceOfSatisfying(
            SpotifyException.class,
            e -> assertThat(e.reason()).isEqualTo(SpotifyException.Reason.REVOKED));

    assertThat(store.links).doesNotContainKey("42");
    // While the store does not answer a cached link is served: the revoked one must be gone.
    store.down = new StoreException("connection refused", null);
    assertThatThrownBy(() -> cache.isLinked("42")).isInstanceOf(StoreException.class);
    assertThatThrownBy(() -> cache.accessToken("42")).isInstanceOf(StoreException.class);
    store.down = null;
    assertThat(cache.current("42")).isEmpty();
    assertThat(cache.isLinked("42")).isFalse();
    assertThatThrownBy(() -> cache.accessToken("42")).isInstanceOf(NotLinkedException.class);
  }

  @Test
  void aCallRunsTheRequestOnceWithTheStoredToken() {
    StoredLink link = linkExpiringIn(Duration.ofHours(1));
    store.save(link);
    fake.setLikedSongs("ada", FakeCatalog.likedSongs(1));
    List<String> used = new ArrayList<>();

    int answer = cache.call("42", token -> likedSongs(used, token));

    assertThat(answer).isOne();
    assertThat(used).containsExactly(link.accessToken());
    assertThat(refreshes()).isZero();
  }

  @Test
  void aTokenRefusedBeforeItsExpiryIsRefreshedOnceAndTheRequestRepeated() {
    StoredLink link = linkExpiringIn(Duration.ofHours(1));
    store.save(link);
    fake.expireAccessTokens("ada");
    List<String> used = new ArrayList<>();

    cache.call("42", token -> likedSongs(used, token));

    String refreshed = stored().accessToken();
    assertThat(refreshed).isNotEqualTo(link.accessToken());
    assertThat(used).containsExactly(link.accessToken(), refreshed);
    assertThat(refreshes()).isOne();
  }

  @Test
  void aFreshTokenRefusedTooEndsTheLinkEverywhere() {
    List<String> forgotten = new CopyOnWriteArrayList<>();
    cache.whenForgotten(forgotten::add);
    StoredLink link = linkExpiringIn(Duration.ofHours(1));
    store.save(link);
    fake.failNext(401, 2, "/v1/me/tracks");
    List<String> used = new ArrayList<>();

    assertThatThrownBy(() -> cache.call("42", token -> likedSongs(used, token)))
        .isInstanceOfSatisfying(
            SpotifyException.class,
            e -> assertThat(e.reason()).isEqualTo(SpotifyException.Reason.REVOKED));

    assertThat(used).hasSize(2).first().isEqualTo(link.accessToken());
    assertThat(used.get(1))
        .as("the refreshed access token")
        .isNotEqualTo(link.accessToken())
        .isIn(fake.issuedTokens("ada"))
        .isNotEqualTo(link.refreshToken());
    assertThat(refreshes()).isOne();
    assertThat(store.links).doesNotContainKey("42");
    assertThat(forgotten).containsExactly("42");
    assertThatThrownBy(() -> cache.call("42", token -> token))
        .isInstanceOf(NotLinkedException.class);
  }

  @Test
  void aFreshTokenRefusedAfterARelinkElsewhereKeepsTheNewLinkAndUsesIt() {
    store.save(linkExpiringIn(Duration.ofHours(1)));
    StoredLink relinked = linkExpiringIn(Duration.ofHours(1));
    fake.failNext(401, 2, "/v1/me/tracks");
    List<String> used = new ArrayList<>();

    int total =
        cache.call(
            "42",
            token -> {
              if (used.size() == 1) {
                // Another instance stores a new login while the fresh token is on its way.
                store.save(relinked);
              }
              return likedSongs(used, token);
            });

    assertThat(total).isNotNegative();
    assertThat(used).hasSize(3).last().isEqualTo(relinked.accessToken());
    assertThat(stored()).as("the new login is kept").isNotNull();
    assertThat(stored().accessToken()).isEqualTo(relinked.accessToken());
  }

  @Test
  void otherSpotifyFailuresOfACallAreNotRetriedAndKeepTheLink() {
    StoredLink link = linkExpiringIn(Duration.ofHours(1));
    store.save(link);
    fake.failNext(503, 1, "/v1/me/tracks");
    List<String> used = new ArrayList<>();

    assertThatThrownBy(() -> cache.call("42", token -> likedSongs(used, token)))
        .isInstanceOfSatisfying(
            SpotifyException.class,
            e -> assertThat(e.reason()).isEqualTo(SpotifyException.Reason.UNAVAILABLE));

    assertThat(used).containsExactly(link.accessToken());
    assertThat(refreshes()).isZero();
    assertThat(store.links).containsKey("42");
  }

  @Test
  void aTemporaryFailureKeepsTheLink() {
    store.save(linkExpiringIn(Duration.ZERO));
    fake.failNext(503, 1, "/api/token");

    assertThatThrownBy(() -> cache.accessToken("42")).isInstanceOf(SpotifyException.class);
    assertThat(store.links).containsKey("42");
  }

  @Test
  void anUnknownMemberIsNotLinked() {
    assertThatThrownBy(() -> cache.accessToken("nobody")).isInstanceOf(NotLinkedException.class);
    assertThat(cache.isLinked("nobody")).isFalse();
  }

  @Test
  void forgettingAMemberDeletesTheLinkFromStoreAndCache() {
    StoredLink link = linkExpiringIn(Duration.ofHours(1));
    cache.put(link);
    assertThat(cache.accessToken("42")).isEqualTo(link.accessToken());

    assertThat(cache.forget("42")).isTrue();

    assertThat(store.links).isEmpty();
    assertThat(cache.isLinked("42")).isFalse();
    assertThat(cache.forget("42")).isFalse();
  }

  @Test
  void aRejectedTokenIsRefreshedOnceEvenWhenTwoCallersReportIt() {
    StoredLink link = linkExpiringIn(Duration.ofHours(1));
    cache.put(link);

    String first = cache.refreshRejected("42", link.accessToken());
    String second = cache.refreshRejected("42", link.accessToken());

    assertThat(first)
        .isNotEqualTo(link.accessToken())
        .isEqualTo(second)
        .isEqualTo(stored().accessToken());
    assertThat(refreshes()).isOne();
  }

  @Test
  void refreshesAreCountedByOutcome() {
    RecordingMetrics metrics = new RecordingMetrics();
    MemberTokens counted = new MemberTokens(store, spotify, time, time, metrics);
    store.save(linkExpiringIn(Duration.ZERO));
    counted.accessToken("42");
    time.advance(Duration.ofHours(1));
    fake.failNext(503, 1, "/api/token");
    assertThatThrownBy(() -> counted.accessToken("42")).isInstanceOf(SpotifyException.class);
    fake.revoke("ada");
    assertThatThrownBy(() -> counted.accessToken("42")).isInstanceOf(SpotifyException.class);

    assertThat(metrics.events).containsExactly("refresh ok", "refresh failed", "refresh revoked");
  }

  @Test
  void anUnlinkOnAnotherInstanceIsSeenOnTheNextUse() {
    StoredLink link = linkExpiringIn(Duration.ofHours(1));
    cache.put(link);
    assertThat(cache.accessToken("42")).isEqualTo(link.accessToken());

    store.delete("42"); // another instance, sharing the database

    assertThat(cache.isLinked("42")).isFalse();
    assertThatThrownBy(() -> cache.accessToken("42")).isInstanceOf(NotLinkedException.class);
  }

  @Test
  void anotherInstancesRefreshIsUsedWithoutRefreshingAgain() {
    cache.put(linkExpiringIn(Duration.ofHours(1)));
    cache.accessToken("42");

    String theirs = anotherInstanceRefreshes().accessToken();

    assertThat(cache.accessToken("42")).isEqualTo(theirs);
    assertThat(refreshes()).as("only the other instance's").isOne();
  }

  @Test
  void aRelinkOnAnotherInstanceReplacesTheCachedLinkAndIsForgottenHere() {
    List<String> forgotten = forgetsOfALinkInUse();

    StoredLink relinked = wire.link("42", "grace", Duration.ofHours(1), time);
    store.save(relinked);

    assertThat(cache.accessToken("42")).isEqualTo(relinked.accessToken());
    assertThat(forgotten).containsExactly("42");
  }

  @Test
  void aRelinkOnAnotherInstanceWhileTheEntryWasOutOfTheCacheIsForgottenHere() {
    List<String> forgotten = forgetsOfALinkInUse();
    time.advance(Duration.ofMinutes(59).plusSeconds(1)); // the entry leaves the cache

    StoredLink relinked = wire.link("42", "grace", Duration.ofHours(1), time);
    store.save(relinked); // another instance, sharing the database

    assertThat(cache.accessToken("42")).isEqualTo(relinked.accessToken());
    assertThat(forgotten).containsExactly("42");
    cache.accessToken("42");
    assertThat(forgotten).as("once per relink").containsExactly("42");
  }

  @Test
  void anUnlinkOnAnotherInstanceIsForgottenHereWhenTheMemberIsNextChecked() {
    List<String> forgotten = forgetsOfALinkInUse();

    store.delete("42"); // another instance, sharing the database

    assertThat(cache.isLinked("42")).isFalse();
    assertThat(forgotten).containsExactly("42");
  }

  @Test
  void refreshesHereOrElsewhereForgetNothing() {
    List<String> forgotten = new CopyOnWriteArrayList<>();
    cache.whenForgotten(forgotten::add);
    cache.put(linkExpiringIn(Duration.ofHours(1)));
    forgotten.clear();
    cache.accessToken("42");
    anotherInstanceRefreshes();
    anotherInstanceRefreshes();
    cache.accessToken("42");
    time.advance(Duration.ofMinutes(59).plusSeconds(1));
    cache.accessToken("42");

    assertThat(refreshes()).isEqualTo(3);
    assertThat(forgotten).isEmpty();
  }

  @Test
  void aRefreshNeverBringsBackALinkDeletedWhileSpotifyAnswered() {
    store.save(linkExpiringIn(Duration.ZERO));
    fake.beforeNextRefresh(() -> store.delete("42"));

    assertThatThrownBy(() -> cache.accessToken("42")).isInstanceOf(NotLinkedException.class);

    assertThat(refreshes()).isOne();
    assertThat(store.links).doesNotContainKey("42");
    assertThat(cache.isLinked("42")).isFalse();
  }

  @Test
  void aRefreshThatLosesToANewLoginKeepsTheNewLink() {
    store.save(linkExpiringIn(Duration.ZERO));
    StoredLink relinked = linkExpiringIn(Duration.ofHours(1));
    fake.beforeNextRefresh(() -> store.save(relinked));

    assertThat(cache.accessToken("42")).isEqualTo(relinked.accessToken());

    assertThat(stored().refreshToken()).isEqualTo(relinked.refreshToken());
  }

  @Test
  void anInvalidGrantAfterAnotherInstanceRotatedTheTokenKeepsTheLinkAndUsesTheNewTokens() {
    RecordingMetrics metrics = new RecordingMetrics();
    MemberTokens counted = new MemberTokens(store, spotify, time, time, metrics, Duration.ZERO);
    fake.setRotateRefreshTokens(true);
    store.save(linkExpiringIn(Duration.ZERO));
    // The other instance refreshes first and saves, rotating away the refresh token read here.
    List<StoredLink> winner = new CopyOnWriteArrayList<>();
    fake.beforeNextRefresh(() -> winner.add(anotherInstanceRefreshes()));

    assertThat(counted.accessToken("42")).isEqualTo(winner.get(0).accessToken());

    assertThat(stored().refreshToken()).isEqualTo(winner.get(0).refreshToken());
    assertThat(metrics.events).containsExactly("refresh superseded");
    assertThat(fake.failures()).as("the loser reused the rotated refresh token").isNotEmpty();
  }

  @Test
  void anInvalidGrantHeardBeforeTheWinnerSavedWaitsForItsWriteInsteadOfUnlinking()
      throws Exception {
    MemberTokens patient =
        new MemberTokens(store, spotify, time, time, Metrics.NONE, Duration.ofSeconds(5));
    fake.setRotateRefreshTokens(true);
    store.save(linkExpiringIn(Duration.ZERO));
    // The other instance's refresh rotates the token first, but its write lands 300 ms later.
    StoredLink read = stored();
    List<StoredLink> winner = new CopyOnWriteArrayList<>();
    Thread[] saving = new Thread[1];
    fake.beforeNextRefresh(
        () -> {
          StoredLink theirs = refreshed(read);
          winner.add(theirs);
          saving[0] =
              new Thread(
                  () -> {
                    sleep(Duration.ofMillis(300));
                    store.update(theirs);
                  });
          saving[0].start();
        });

    assertThat(patient.accessToken("42")).isEqualTo(winner.get(0).accessToken());

    saving[0].join();
    assertThat(stored().accessToken()).isEqualTo(winner.get(0).accessToken());
  }

  @Test
  void aMemberWaitingOutARefusedRefreshDoesNotHoldUpAnotherMember() throws Exception {
    // "Aa" and "BB" hash alike, so the two members share a bin of the cache's map.
    String waiting = "member-Aa";
    String other = "member-BB";
    assertThat(waiting.hashCode()).isEqualTo(other.hashCode());
    MemberTokens patient =
        new MemberTokens(store, spotify, time, time, Metrics.NONE, Duration.ofMinutes(10));
    store.save(wire.link(waiting, "sp-a", Duration.ZERO, time));
    StoredLink fresh = wire.link(other, "sp-b", Duration.ofHours(1), time);
    store.save(fresh);
    fake.revoke("sp-a");
    CountDownLatch refusing = new CountDownLatch(1);
    fake.beforeNextRefresh(refusing::countDown);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<String> first = pool.submit(() -> patient.accessToken(waiting));
      refusing.await();

      Future<String> second = pool.submit(() -> patient.accessToken(other));

      // The first member is still waiting for another instance's write; the second is answered.
      assertThat(second.get(30, TimeUnit.SECONDS)).isEqualTo(fresh.accessToken());
      assertThat(first).isNotDone();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anInvalidGrantOverTheRowThatWasReadDeletesOnlyThatLink() {
    store.save(linkExpiringIn(Duration.ZERO));
    fake.revoke("ada");

    assertThatThrownBy(() -> cache.accessToken("42")).isInstanceOf(SpotifyException.class);

    assertThat(store.links).isEmpty();
  }

  @Test
  void aNewLinkIsForgottenByOtherCachesSoNothingOfTheOldOneIsReused() {
    List<String> forgotten = new CopyOnWriteArrayList<>();
    cache.whenForgotten(forgotten::add);

    cache.put(linkExpiringIn(Duration.ofHours(1)));

    assertThat(forgotten).containsExactly("42");
  }

  @Test
  void aCachedLinkIsServedWhileTheStoreDoesNotAnswer() {
    StoredLink link = linkExpiringIn(Duration.ofHours(1));
    cache.put(link);
    cache.accessToken("42");
    store.down = new StoreException("connection refused", null);

    assertThat(cache.isLinked("42")).isTrue();
    assertThat(cache.accessToken("42")).isEqualTo(link.accessToken());
    assertThatThrownBy(() -> cache.isLinked("43")).isInstanceOf(StoreException.class);
  }

  /** Another instance, sharing the database, refreshes member 42's link and saves it. */
  private StoredLink anotherInstanceRefreshes() {
    StoredLink theirs = refreshed(store.find("42").orElseThrow());
    store.update(theirs);
    return theirs;
  }

  /** {@code read} after a real refresh at Spotify, as the instance that did it would save it. */
  private StoredLink refreshed(StoredLink read) {
    SpotifyTokens tokens = spotify.refresh(read.refreshToken());
    return read.withTokens(
        tokens.accessToken(),
        tokens.refreshToken().orElse(read.refreshToken()),
        time.instant().plus(tokens.expiresIn()));
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
