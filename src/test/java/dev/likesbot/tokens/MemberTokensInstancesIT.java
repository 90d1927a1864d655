package dev.likesbot.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.likesbot.config.BotConfig;
import dev.likesbot.config.Secret;
import dev.likesbot.fake.spotify.FakeSpotify;
import dev.likesbot.metrics.Metrics;
import dev.likesbot.spotify.SpotifyException;
import dev.likesbot.spotify.webapi.SpotifyWire;
import dev.likesbot.spotify.webapi.WebApiSpotify;
import dev.likesbot.store.Database;
import dev.likesbot.store.JdbcStore;
import dev.likesbot.store.StoredLink;
import dev.likesbot.testing.FakeTime;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
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
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two bot instances on one PostgreSQL database, each with its own store connection pool and token
 * cache, as two processes behind one callback URL: what one does to a link holds on the other from
 * its next command on. Spotify is the wire fake behind the bot's real adapter.
 */
class MemberTokensInstancesIT {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static final String ADA_AT_SPOTIFY = "ada-spotify";
  private static final String KEY =
      Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
  private static EmbeddedPostgres postgres;
  @RegisterExtension static final SpotifyWire wire = new SpotifyWire();

  @TempDir Path dir;
  private final FakeTime time = new FakeTime();
  private final WebApiSpotify spotify = wire.connect(time);
  private final FakeSpotify fake = wire.fake();
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
    a = new MemberTokens(storeA, spotify, time, time, Metrics.NONE);
    b = new MemberTokens(new JdbcStore(databaseB, time), spotify, time, time, Metrics.NONE);
  }

  @AfterEach
  void stopInstances() {
    databaseA.close();
    databaseB.close();
  }

  /** Ada logs in through instance A's callback; both instances then serve her. */
  private StoredLink adaLinks() {
    StoredLink link = wire.link("ada", ADA_AT_SPOTIFY, Duration.ofHours(1), time);
    a.put(link);
    assertThat(a.accessToken("ada")).isEqualTo(link.accessToken());
    assertThat(b.accessToken("ada")).isEqualTo(link.accessToken());
    return link;
  }

  /** Whether Spotify takes {@code accessToken} for a read of Ada's Liked Songs. */
  private void spotifyTakes(String accessToken) {
    assertThat(spotify.savedTracks(accessToken, 0, 1).total()).as("Spotify takes it").isZero();
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
    fake.revoke(ADA_AT_SPOTIFY);

    assertThatThrownBy(() -> a.refreshRejected("ada", rejected))
        .isInstanceOfSatisfying(
            SpotifyException.class,
            e -> assertThat(e.reason()).isEqualTo(SpotifyException.Reason.REVOKED));

    assertThat(b.isLinked("ada")).isFalse();
    assertThatThrownBy(() -> b.accessToken("ada")).isInstanceOf(NotLinkedException.class);
    assertThat(a.current("ada")).isEmpty();
    assertThat(fake.tokenRefreshes(ADA_AT_SPOTIFY)).isZero();
    assertThat(fake.failures()).as("a revocation is not the bot's fault").isEmpty();
  }

  @Test
  void aRefreshInFlightOnOneInstanceCannotBringBackALinkTheOtherDeleted() {
    adaLinks();
    time.advance(Duration.ofMinutes(59).plusSeconds(1));
    fake.beforeNextRefresh(() -> a.forget("ada"));

    assertThatThrownBy(() -> b.accessToken("ada")).isInstanceOf(NotLinkedException.class);

    assertThat(fake.tokenRefreshes(ADA_AT_SPOTIFY)).as("Spotify answered the refresh").isOne();
    assertThat(storeA.find("ada")).isEmpty();
    assertThat(a.isLinked("ada")).isFalse();
    assertThatThrownBy(() -> a.accessToken("ada")).isInstanceOf(NotLinkedException.class);
    assertThat(fake.failures()).isEmpty();
  }

  @Test
  void aRelinkOnOneInstanceIsForgottenOnceOnEachEvenWithTheOthersEntryOutOfItsCache() {
    List<String> forgottenOnA = new CopyOnWriteArrayList<>();
    List<String> forgottenOnB = new CopyOnWriteArrayList<>();
    a.whenForgotten(forgottenOnA::add);
    b.whenForgotten(forgottenOnB::add);
    adaLinks();
    forgottenOnA.clear();
    time.advance(Duration.ofMinutes(59).plusSeconds(1)); // B's entry leaves its cache
    time.advance(Duration.ofNanos(1_234)); // the login's time is finer than the store keeps

    StoredLink relinked = wire.link("ada", "ada-second-account", Duration.ofHours(1), time);
    a.put(relinked);

    assertThat(a.accessToken("ada")).isEqualTo(relinked.accessToken());
    assertThat(b.accessToken("ada")).isEqualTo(relinked.accessToken());
    assertThat(a.accessToken("ada")).isEqualTo(b.accessToken("ada"));
    assertThat(forgottenOnA)
        .as("the relink, and not again at its first uses")
        .containsExactly("ada");
    assertThat(forgottenOnB).as("the relink seen on the other instance").containsExactly("ada");
  }

  @Test
  void bothInstancesRefreshingAtOnceWithRotationKeepTheLinkAndAgreeOnTheTokens() throws Exception {
    StoredLink linked = adaLinks();
    time.advance(Duration.ofMinutes(59).plusSeconds(1));
    // Both send the same refresh token before Spotify answers either: one wins, one is refused.
    fake.setRotateRefreshTokens(true);
    fake.holdRefreshes(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<String> onA = pool.submit(() -> a.accessToken("ada"));
      Future<String> onB = pool.submit(() -> b.accessToken("ada"));
      String tokenA = onA.get(30, TimeUnit.SECONDS);
      String tokenB = onB.get(30, TimeUnit.SECONDS);

      assertThat(refreshGrants())
          .as("both refreshed with the same token")
          .containsExactlyInAnyOrder(200, 400);
      assertThat(fake.tokenRefreshes(ADA_AT_SPOTIFY)).isOne();
      assertThat(fake.failures())
          .as("the loser's refresh token was refused")
          .containsExactly("refresh token used again after it was rotated");
      assertThat(tokenA)
          .isEqualTo(tokenB)
          .isEqualTo(storeA.find("ada").orElseThrow().accessToken());
    } finally {
      pool.shutdownNow();
    }
    StoredLink stored = storeA.find("ada").orElseThrow();
    assertThat(stored.accessToken())
        .isNotEqualTo(linked.accessToken())
        .isIn(fake.issuedTokens(ADA_AT_SPOTIFY));
    spotifyTakes(stored.accessToken());
    assertThat(stored.refreshToken())
        .as("the refresh token Spotify rotated to")
        .isNotEqualTo(linked.refreshToken())
        .isIn(fake.issuedTokens(ADA_AT_SPOTIFY));
    time.advance(Duration.ofMinutes(59).plusSeconds(1));
    String again = b.accessToken("ada");
    assertThat(fake.tokenRefreshes(ADA_AT_SPOTIFY))
        .as("the stored refresh token still works")
        .isEqualTo(2);
    spotifyTakes(again);
    assertThat(fake.failures()).hasSize(1);
    assertThat(a.accessToken("ada")).isEqualTo(again);
  }

  /** The status of each refresh_token grant Spotify answered, in arrival order. */
  private List<Integer> refreshGrants() {
    // The journal keeps no form fields: the one exchange is the link, every later token request
    // a refresh.
    return fake.requests().stream()
        .filter(r -> r.method().equals("POST") && r.path().equals("/api/token"))
        .skip(1)
        .map(FakeSpotify.Request::status)
        .toList();
  }
}
