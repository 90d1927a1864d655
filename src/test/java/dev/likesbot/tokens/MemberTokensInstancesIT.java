package dev.likesbot.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.likesbot.config.BotConfig;
import dev.likesbot.config.Secret;
import dev.likesbot.metrics.Metrics;
import dev.likesbot.spotify.SpotifyAuth;
import dev.likesbot.spotify.SpotifyException;
import dev.likesbot.spotify.SpotifyTokens;
import dev.likesbot.store.Database;
import dev.likesbot.store.JdbcStore;
import dev.likesbot.store.StoredLink;
import dev.likesbot.testing.FakeTime;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two bot instances on one PostgreSQL database, each with its own store connection pool and token
 * cache, as two processes behind one callback URL: what one does to a link holds on the other from
 * its next command on.
 */
class MemberTokensInstancesIT {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static final String KEY =
      Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
  private static EmbeddedPostgres postgres;

  @TempDir Path dir;
  private final FakeTime time = new FakeTime();
  private final RotatingAuth auth = new RotatingAuth();
  private Database databaseA;
  private Database databaseB;
  private JdbcStore storeA;
  private MemberTokens a;
  private MemberTokens b;

  @BeforeAll
  static void startPostgres() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    postgres.close();
  }

  @BeforeEach
  void startTwoInstances() throws Exception {
    String database = "instances_" + DATABASES.incrementAndGet();
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + database);
    }
    BotConfig.Store config =
        new BotConfig.Store(
            postgres.getJdbcUrl("postgres", database),
            "",
            Optional.empty(),
            Optional.of(new Secret(KEY)),
            dir.resolve("unused.key"));
    databaseA = Database.open(config, new SecureRandom());
    databaseB = Database.open(config, new SecureRandom());
    storeA = new JdbcStore(databaseA, time);
    a = new MemberTokens(storeA, auth, time, time, Metrics.NONE);
    b = new MemberTokens(new JdbcStore(databaseB, time), auth, time, time, Metrics.NONE);
  }

  @AfterEach
  void stopInstances() {
    databaseA.close();
    databaseB.close();
  }

  /** Ada logs in through instance A's callback; both instances then serve her. */
  private void adaLinks() {
    SpotifyTokens granted = auth.grant();
    a.put(
        new StoredLink(
            "ada",
            "ada-spotify",
            "Ada",
            granted.accessToken(),
            granted.refreshToken().orElseThrow(),
            time.instant().plus(granted.expiresIn()),
            time.instant()));
    assertThat(a.accessToken("ada")).isEqualTo(granted.accessToken());
    assertThat(b.accessToken("ada")).isEqualTo(granted.accessToken());
  }

  @Test
  void anUnlinkOnOneInstanceIsHonouredByTheOtherOnItsNextCommand() {
    adaLinks();

    assertThat(a.forget("ada")).isTrue();

    assertThat(b.isLinked("ada")).isFalse();
    assertThatThrownBy(() -> b.accessToken("ada")).isInstanceOf(NotLinkedException.class);
    assertThat(b.current("ada")).isEmpty();
  }

  @Test
  void aRevocationFoundOnOneInstanceIsHonouredByTheOther() {
    adaLinks();
    String rejected = a.accessToken("ada");
    auth.revokeAll();

    assertThatThrownBy(() -> a.refreshRejected("ada", rejected))
        .isInstanceOfSatisfying(
            SpotifyException.class,
            e -> assertThat(e.reason()).isEqualTo(SpotifyException.Reason.REVOKED));

    assertThat(b.isLinked("ada")).isFalse();
    assertThatThrownBy(() -> b.accessToken("ada")).isInstanceOf(NotLinkedException.class);
    assertThat(a.current("ada")).isEmpty();
  }

  @Test
  void aRefreshInFlightOnOneInstanceCannotBringBackALinkTheOtherDeleted() {
    adaLinks();
    time.advance(Duration.ofMinutes(59).plusSeconds(1));
    auth.duringRefresh = () -> a.forget("ada");

    assertThatThrownBy(() -> b.accessToken("ada")).isInstanceOf(NotLinkedException.class);

    assertThat(auth.refreshes).hasValue(1);
    assertThat(storeA.find("ada")).isEmpty();
    assertThat(a.isLinked("ada")).isFalse();
  }

  @Test
  void bothInstancesRefreshingAtOnceWithRotationKeepTheLinkAndAgreeOnTheTokens() throws Exception {
    adaLinks();
    time.advance(Duration.ofMinutes(59).plusSeconds(1));
    // Both send the same refresh token before Spotify answers either: one wins, one is refused.
    auth.together = new CyclicBarrier(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<String> onA = pool.submit(() -> a.accessToken("ada"));
      Future<String> onB = pool.submit(() -> b.accessToken("ada"));
      String tokenA = onA.get(30, TimeUnit.SECONDS);
      String tokenB = onB.get(30, TimeUnit.SECONDS);

      assertThat(auth.refreshes).hasValue(2);
      assertThat(auth.refused).hasValue(1);
      assertThat(tokenA).isEqualTo(tokenB).isEqualTo(auth.lastIssuedAccess);
    } finally {
      pool.shutdownNow();
    }
    StoredLink stored = storeA.find("ada").orElseThrow();
    assertThat(stored.refreshToken()).isEqualTo(auth.lastIssuedRefresh);
    auth.together = null;
    time.advance(Duration.ofMinutes(59).plusSeconds(1));
    assertThat(b.accessToken("ada")).as("the stored refresh token still works").isNotNull();
    assertThat(a.accessToken("ada")).isEqualTo(b.accessToken("ada"));
  }

  /**
   * Spotify's accounts service with refresh-token rotation: a refresh token works once, a used or
   * revoked one is answered {@code invalid_grant}.
   */
  static final class RotatingAuth implements SpotifyAuth {
    final Map<String, Boolean> live = new ConcurrentHashMap<>();
    final AtomicInteger refreshes = new AtomicInteger();
    final AtomicInteger refused = new AtomicInteger();
    volatile Runnable duringRefresh = () -> {};
    volatile CyclicBarrier together;
    volatile String lastIssuedAccess;
    volatile String lastIssuedRefresh;
    private final AtomicInteger issued = new AtomicInteger();

    synchronized SpotifyTokens grant() {
      int n = issued.incrementAndGet();
      lastIssuedAccess = "access-" + n;
      lastIssuedRefresh = "refresh-" + n;
      live.put(lastIssuedRefresh, true);
      return new SpotifyTokens(
          lastIssuedAccess, Optional.of(lastIssuedRefresh), Duration.ofHours(1));
    }

    void revokeAll() {
      live.replaceAll((token, ok) -> false);
    }

    @Override
    public URI authorizeUri(String state, String codeChallenge) {
      throw new UnsupportedOperationException();
    }

    @Override
    public SpotifyTokens exchange(String code, String codeVerifier) {
      throw new UnsupportedOperationException();
    }

    @Override
    public SpotifyTokens refresh(String refreshToken) {
      refreshes.incrementAndGet();
      duringRefresh.run();
      CyclicBarrier barrier = together;
      if (barrier != null) {
        try {
          barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
      if (!live.replace(refreshToken, true, false)) {
        refused.incrementAndGet();
        throw new SpotifyException(SpotifyException.Reason.REVOKED, "invalid_grant");
      }
      return grant();
    }
  }
}
