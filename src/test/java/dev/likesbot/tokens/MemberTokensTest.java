package dev.likesbot.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.likesbot.metrics.Metrics;
import dev.likesbot.spotify.SpotifyException;
import dev.likesbot.store.StoreException;
import dev.likesbot.store.StoredLink;
import dev.likesbot.testing.FakeAuth;
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

class MemberTokensTest {
  private final FakeTime time = new FakeTime();
  private final InMemoryStore store = new InMemoryStore();
  private final FakeAuth auth = new FakeAuth();
  private final MemberTokens cache =
      new MemberTokens(store, auth, time, time, Metrics.NONE, Duration.ZERO);

  private StoredLink linkExpiringIn(Duration d) {
    return new StoredLink(
        "42", "spotify-42", "Ada", "access-0", "refresh-0", time.instant().plus(d), time.instant());
  }

  @Test
  void servesAFreshTokenWithoutRefreshing() {
    store.save(linkExpiringIn(Duration.ofHours(1)));

    assertThat(cache.accessToken("42")).isEqualTo("access-0");
    assertThat(auth.refreshes).hasValue(0);
  }

  @Test
  void refreshesOnReadWhenTheTokenExpiresWithinAMinute() {
    store.save(linkExpiringIn(Duration.ofHours(1)));
    cache.accessToken("42");

    time.advance(Duration.ofMinutes(59).plusSeconds(1));

    assertThat(cache.accessToken("42")).isEqualTo("access-refreshed-1");
    assertThat(auth.refreshes).hasValue(1);
    StoredLink saved = store.links.get("42");
    assertThat(saved.accessToken()).isEqualTo("access-refreshed-1");
    assertThat(saved.accessExpiresAt()).isEqualTo(time.instant().plus(Duration.ofHours(1)));
  }

  @Test
  void aTokenLoadedAfterARestartIsRefreshedWhenAlreadyExpired() {
    store.save(linkExpiringIn(Duration.ofSeconds(30)));

    assertThat(cache.accessToken("42")).isEqualTo("access-refreshed-1");
  }

  @Test
  void keepsTheOldRefreshTokenWhenSpotifySendsNone() {
    store.save(linkExpiringIn(Duration.ZERO));

    cache.accessToken("42");

    assertThat(store.links.get("42").refreshToken()).isEqualTo("refresh-0");
  }

  @Test
  void persistsARotatedRefreshToken() {
    auth.rotate = true;
    store.save(linkExpiringIn(Duration.ZERO));

    cache.accessToken("42");

    assertThat(store.links.get("42").refreshToken()).isEqualTo("refresh-rotated-1");
  }

  @Test
  void refreshesExactlyOnceUnderConcurrentReads() throws Exception {
    store.save(linkExpiringIn(Duration.ZERO));
    auth.refreshDelay = Duration.ofMillis(200);
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
      assertThat(r.get()).isEqualTo("access-refreshed-1");
    }
    pool.shutdown();

    assertThat(auth.refreshes).hasValue(1);
  }

  @Test
  void aRevokedGrantRemovesTheLink() {
    store.save(linkExpiringIn(Duration.ZERO));
    auth.failRefresh = new SpotifyException(SpotifyException.Reason.REVOKED, "invalid_grant");

    assertThatThrownBy(() -> cache.accessToken("42"))
        .isInstanceOfSatisfying(
            SpotifyException.class,
            e -> assertThat(e.reason()).isEqualTo(SpotifyException.Reason.REVOKED));
    assertThat(store.links).doesNotContainKey("42");
    assertThatThrownBy(() -> cache.accessToken("42")).isInstanceOf(NotLinkedException.class);
  }

  @Test
  void aGrantRevokedBeforeTheTokenExpiresLeavesNoLinkInTheCache() {
    cache.put(linkExpiringIn(Duration.ofHours(1)));
    assertThat(cache.accessToken("42")).isEqualTo("access-0");
    auth.failRefresh = new SpotifyException(SpotifyException.Reason.REVOKED, "invalid_grant");

    assertThatThrownBy(() -> cache.refreshRejected("42", "access-0"))
        .isInstanceOfSatisfying(
            SpotifyException.class,
            e -> assertThat(e.reason()).isEqualTo(SpotifyException.Reason.REVOKED));

    assertThat(store.links).doesNotContainKey("42");
    assertThat(cache.current("42")).isEmpty();
    assertThat(cache.isLinked("42")).isFalse();
    assertThatThrownBy(() -> cache.accessToken("42")).isInstanceOf(NotLinkedException.class);
  }

  /** A Spotify request that answers 401 for the tokens in {@code refused}, recording each use. */
  private String request(List<String> used, List<String> refused, String token) {
    used.add(token);
    if (refused.contains(token)) {
      throw new SpotifyException(SpotifyException.Reason.UNAUTHORIZED, "401");
    }
    return "answer with " + token;
  }

  @Test
  void aCallRunsTheRequestOnceWithTheStoredToken() {
    store.save(linkExpiringIn(Duration.ofHours(1)));
    List<String> used = new ArrayList<>();

    String answer = cache.call("42", token -> request(used, List.of(), token));

    assertThat(answer).isEqualTo("answer with access-0");
    assertThat(used).containsExactly("access-0");
    assertThat(auth.refreshes).hasValue(0);
  }

  @Test
  void aTokenRefusedBeforeItsExpiryIsRefreshedOnceAndTheRequestRepeated() {
    store.save(linkExpiringIn(Duration.ofHours(1)));
    List<String> used = new ArrayList<>();

    String answer = cache.call("42", token -> request(used, List.of("access-0"), token));

    assertThat(answer).isEqualTo("answer with access-refreshed-1");
    assertThat(used).containsExactly("access-0", "access-refreshed-1");
    assertThat(auth.refreshes).hasValue(1);
    assertThat(store.links.get("42").accessToken()).isEqualTo("access-refreshed-1");
  }

  @Test
  void aFreshTokenRefusedTooEndsTheLinkEverywhere() {
    List<String> forgotten = new CopyOnWriteArrayList<>();
    cache.whenForgotten(forgotten::add);
    store.save(linkExpiringIn(Duration.ofHours(1)));
    List<String> used = new ArrayList<>();
    List<String> refused = List.of("access-0", "access-refreshed-1");

    assertThatThrownBy(() -> cache.call("42", token -> request(used, refused, token)))
        .isInstanceOfSatisfying(
            SpotifyException.class,
            e -> assertThat(e.reason()).isEqualTo(SpotifyException.Reason.REVOKED));

    assertThat(used).containsExactly("access-0", "access-refreshed-1");
    assertThat(store.links).doesNotContainKey("42");
    assertThat(forgotten).containsExactly("42");
    assertThatThrownBy(() -> cache.call("42", token -> token))
        .isInstanceOf(NotLinkedException.class);
  }

  @Test
  void otherSpotifyFailuresOfACallAreNotRetriedAndKeepTheLink() {
    store.save(linkExpiringIn(Duration.ofHours(1)));
    List<String> used = new ArrayList<>();

    assertThatThrownBy(
            () ->
                cache.call(
                    "42",
                    token -> {
                      used.add(token);
                      throw new SpotifyException(SpotifyException.Reason.UNAVAILABLE, "503");
                    }))
        .isInstanceOfSatisfying(
            SpotifyException.class,
            e -> assertThat(e.reason()).isEqualTo(SpotifyException.Reason.UNAVAILABLE));

    assertThat(used).containsExactly("access-0");
    assertThat(auth.refreshes).hasValue(0);
    assertThat(store.links).containsKey("42");
  }

  @Test
  void aTemporaryFailureKeepsTheLink() {
    store.save(linkExpiringIn(Duration.ZERO));
    auth.failRefresh = new SpotifyException(SpotifyException.Reason.UNAVAILABLE, "503");

    assertThatThrownBy(() -> cache.accessToken("42")).isInstanceOf(SpotifyException.class);
    assertThat(store.links).containsKey("42");
  }

  @Test
  void anUnknownMemberIsNotLinked() {
    assertThatThrownBy(() -> cache.accessToken("nobody")).isInstanceOf(NotLinkedException.class);
    assertThat(cache.isLinked("nobody")).isFalse();
  }

  @Test
  void forgetDeletesFromStoreAndCache() {
    cache.put(linkExpiringIn(Duration.ofHours(1)));
    assertThat(cache.accessToken("42")).isEqualTo("access-0");

    assertThat(cache.forget("42")).isTrue();

    assertThat(store.links).isEmpty();
    assertThat(cache.isLinked("42")).isFalse();
    assertThat(cache.forget("42")).isFalse();
  }

  @Test
  void aRejectedTokenIsRefreshedOnceEvenWhenTwoCallersReportIt() {
    cache.put(linkExpiringIn(Duration.ofHours(1)));

    String first = cache.refreshRejected("42", "access-0");
    String second = cache.refreshRejected("42", "access-0");

    assertThat(first).isEqualTo("access-refreshed-1").isEqualTo(second);
    assertThat(auth.refreshes).hasValue(1);
  }

  @Test
  void countsRefreshesByOutcome() {
    RecordingMetrics metrics = new RecordingMetrics();
    MemberTokens counted = new MemberTokens(store, auth, time, time, metrics);
    store.save(linkExpiringIn(Duration.ZERO));
    counted.accessToken("42");
    time.advance(Duration.ofHours(1));
    auth.failRefresh = new SpotifyException(SpotifyException.Reason.UNAVAILABLE, "Spotify is down");
    assertThatThrownBy(() -> counted.accessToken("42")).isInstanceOf(SpotifyException.class);
    auth.failRefresh = new SpotifyException(SpotifyException.Reason.REVOKED, "invalid_grant");
    assertThatThrownBy(() -> counted.accessToken("42")).isInstanceOf(SpotifyException.class);

    assertThat(metrics.events).containsExactly("refresh ok", "refresh failed", "refresh revoked");
  }

  private static final SpotifyException INVALID_GRANT =
      new SpotifyException(SpotifyException.Reason.REVOKED, "invalid_grant");

  @Test
  void anUnlinkOnAnotherInstanceIsSeenOnTheNextUse() {
    cache.put(linkExpiringIn(Duration.ofHours(1)));
    assertThat(cache.accessToken("42")).isEqualTo("access-0");

    store.delete("42"); // another instance, sharing the database

    assertThat(cache.isLinked("42")).isFalse();
    assertThatThrownBy(() -> cache.accessToken("42")).isInstanceOf(NotLinkedException.class);
  }

  @Test
  void anotherInstancesRefreshIsUsedWithoutRefreshingAgain() {
    cache.put(linkExpiringIn(Duration.ofHours(1)));
    cache.accessToken("42");

    StoredLink read = store.find("42").orElseThrow();
    store.update(read.withTokens("access-other", "refresh-other", read.accessExpiresAt()));

    assertThat(cache.accessToken("42")).isEqualTo("access-other");
    assertThat(auth.refreshes).hasValue(0);
  }

  @Test
  void aRelinkOnAnotherInstanceReplacesTheCachedLinkAndIsForgottenHere() {
    List<String> forgotten = new CopyOnWriteArrayList<>();
    cache.whenForgotten(forgotten::add);
    cache.put(linkExpiringIn(Duration.ofHours(1)));
    cache.accessToken("42");
    forgotten.clear();

    store.save(
        new StoredLink(
            "42",
            "spotify-new",
            "Ada 2",
            "access-new",
            "refresh-new",
            time.instant().plus(Duration.ofHours(1)),
            time.instant()));

    assertThat(cache.accessToken("42")).isEqualTo("access-new");
    assertThat(forgotten).containsExactly("42");
  }

  @Test
  void aRefreshNeverBringsBackALinkDeletedWhileSpotifyAnswered() {
    store.save(linkExpiringIn(Duration.ZERO));
    auth.duringRefresh = () -> store.delete("42");

    assertThatThrownBy(() -> cache.accessToken("42")).isInstanceOf(NotLinkedException.class);

    assertThat(auth.refreshes).hasValue(1);
    assertThat(store.links).doesNotContainKey("42");
    assertThat(cache.isLinked("42")).isFalse();
  }

  @Test
  void aRefreshThatLosesToANewLoginKeepsTheNewLink() {
    store.save(linkExpiringIn(Duration.ZERO));
    StoredLink relinked =
        new StoredLink(
            "42",
            "spotify-42",
            "Ada",
            "access-new",
            "refresh-new",
            time.instant().plus(Duration.ofHours(1)),
            time.instant());
    auth.duringRefresh = () -> store.save(relinked);

    assertThat(cache.accessToken("42")).isEqualTo("access-new");

    assertThat(store.links.get("42").refreshToken()).isEqualTo("refresh-new");
  }

  @Test
  void anInvalidGrantAfterAnotherInstanceRotatedTheTokenKeepsTheLinkAndUsesTheNewTokens() {
    RecordingMetrics metrics = new RecordingMetrics();
    MemberTokens counted = new MemberTokens(store, auth, time, time, metrics, Duration.ZERO);
    store.save(linkExpiringIn(Duration.ZERO));
    auth.failRefresh = INVALID_GRANT; // refresh-0 was rotated away by the other instance:
    auth.duringRefresh = () -> winnerRefreshes(Duration.ZERO); // which saved its tokens first

    assertThat(counted.accessToken("42")).isEqualTo("access-winner");

    assertThat(store.links.get("42").refreshToken()).isEqualTo("refresh-winner");
    assertThat(metrics.events).containsExactly("refresh superseded");
  }

  @Test
  void anInvalidGrantHeardBeforeTheWinnerSavedWaitsForItsWriteInsteadOfUnlinking()
      throws Exception {
    MemberTokens patient =
        new MemberTokens(store, auth, time, time, Metrics.NONE, Duration.ofSeconds(5));
    store.save(linkExpiringIn(Duration.ZERO));
    auth.failRefresh = INVALID_GRANT;
    Thread[] winner = new Thread[1];
    auth.duringRefresh =
        () -> {
          winner[0] = new Thread(() -> winnerRefreshes(Duration.ofMillis(300)));
          winner[0].start();
        };

    assertThat(patient.accessToken("42")).isEqualTo("access-winner");

    winner[0].join();
    assertThat(store.links.get("42").accessToken()).isEqualTo("access-winner");
  }

  @Test
  void aMemberWaitingOutARefusedRefreshDoesNotHoldUpAnotherMember() throws Exception {
    // "Aa" and "BB" hash alike, so the two members share a bin of the cache's map.
    String waiting = "member-Aa";
    String other = "member-BB";
    assertThat(waiting.hashCode()).isEqualTo(other.hashCode());
    MemberTokens patient =
        new MemberTokens(store, auth, time, time, Metrics.NONE, Duration.ofMinutes(10));
    store.save(
        new StoredLink(
            waiting, "sp-a", "A", "access-a", "refresh-a", time.instant(), time.instant()));
    store.save(
        new StoredLink(
            other,
            "sp-b",
            "B",
            "access-b",
            "refresh-b",
            time.instant().plus(Duration.ofHours(1)),
            time.instant()));
    auth.failRefresh = INVALID_GRANT;
    CountDownLatch refusing = new CountDownLatch(1);
    auth.duringRefresh = refusing::countDown;
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<String> first = pool.submit(() -> patient.accessToken(waiting));
      refusing.await();

      Future<String> second = pool.submit(() -> patient.accessToken(other));

      // The first member is still waiting for another instance's write; the second is answered.
      assertThat(second.get(30, TimeUnit.SECONDS)).isEqualTo("access-b");
      assertThat(first).isNotDone();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anInvalidGrantOverTheRowThatWasReadDeletesOnlyThatLink() {
    store.save(linkExpiringIn(Duration.ZERO));
    auth.failRefresh = INVALID_GRANT;

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
    cache.put(linkExpiringIn(Duration.ofHours(1)));
    cache.accessToken("42");
    store.down = new StoreException("connection refused", null);

    assertThat(cache.isLinked("42")).isTrue();
    assertThat(cache.accessToken("42")).isEqualTo("access-0");
    assertThatThrownBy(() -> cache.isLinked("43")).isInstanceOf(StoreException.class);
  }

  /** Another instance refreshing the same link (after {@code delay}) and saving first. */
  private void winnerRefreshes(Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    StoredLink read = store.find("42").orElseThrow();
    store.update(
        read.withTokens(
            "access-winner", "refresh-winner", time.instant().plus(Duration.ofHours(1))));
  }
}
