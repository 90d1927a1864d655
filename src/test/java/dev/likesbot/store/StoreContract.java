package dev.likesbot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.likesbot.config.BotConfig;
import dev.likesbot.config.Secret;
import dev.likesbot.testing.FakeTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every store must do, run against SQLite and PostgreSQL by the subclasses: each test gets a
 * fresh, empty database and a key file in its own directory.
 */
abstract class StoreContract extends TokenStoreContract {
  @TempDir Path dir;
  final FakeTime time = new FakeTime();
  private final List<Database> opened = new ArrayList<>();

  /** A fresh empty database for this test; the same one on every call within a test. */
  abstract String url();

  /** A plain connection to that database, for looking under the store. */
  abstract Connection connect() throws SQLException;

  BotConfig.Store config() {
    return new BotConfig.Store(
        url(), "", Optional.empty(), Optional.empty(), dir.resolve("likes-bot.key"));
  }

  BotConfig.Store withKey(byte[] key) {
    BotConfig.Store c = config();
    return new BotConfig.Store(
        c.url(),
        c.user(),
        c.password(),
        Optional.of(new Secret(Base64.getEncoder().encodeToString(key))),
        c.keyFile());
  }

  Database open(BotConfig.Store config) {
    Database db = Database.open(config, new SecureRandom());
    opened.add(db);
    return db;
  }

  JdbcStore store() {
    return new JdbcStore(open(config()), time);
  }

  @Override
  protected TokenStore tokenStore() {
    return store();
  }

  @AfterEach
  void closeDatabases() {
    opened.forEach(Database::close);
  }

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

  private List<String> column(String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        values.add(r.getString(1));
      }
    }
    return values;
  }

  private void execute(String sql, Object... args) throws SQLException {
    try (Connection c = connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      s.executeUpdate();
    }
  }

  /** Runs {@code task} on several threads released together; returns their results. */
  private static <T> List<T> race(int threads, Callable<T> task) throws Exception {
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
  void savesFindsReplacesAndDeletesLinks() {
    JdbcStore store = store();

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
  void linksSurviveReopeningTheDatabase() {
    store().save(link("1"));

    assertThat(unversioned(store().find("1"))).contains(link("1"));
  }

  @Test
  void tokensAreStoredEncryptedWithAFreshNonceEachWrite() throws Exception {
    JdbcStore store = store();
    store.save(link("1"));
    List<String> first = column("SELECT access_token || ' ' || refresh_token FROM links");
    store.save(link("1"));
    List<String> second = column("SELECT access_token || ' ' || refresh_token FROM links");

    assertThat(first).singleElement().asString().doesNotContain("token-of-1");
    assertThat(second).singleElement().asString().doesNotContain("token-of-1");
    assertThat(first).isNotEqualTo(second);
  }

  @Test
  void tokensCopiedOntoAnotherMemberDoNotDecrypt() throws Exception {
    JdbcStore store = store();
    store.save(link("ada"));
    store.save(link("bob"));

    execute(
        "UPDATE links SET access_token = (SELECT access_token FROM links WHERE discord_user_id ="
            + " 'ada') WHERE discord_user_id = 'bob'");

    assertThatThrownBy(() -> store.find("bob"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("user bob cannot be decrypted")
        .hasMessageNotContaining("token-of");
    assertThat(unversioned(store.find("ada"))).contains(link("ada"));
  }

  @Test
  void theFirstStartGeneratesAnOwnerOnlyKeyFileAndLaterStartsReuseIt() throws Exception {
    store().save(link("1"));
    Path keyFile = dir.resolve("likes-bot.key");
    String key = Files.readString(keyFile);

    assertThat(Base64.getDecoder().decode(key.strip())).hasSize(32);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
        .isEqualTo("rw-------");
    assertThat(unversioned(store().find("1"))).contains(link("1"));
    assertThat(Files.readString(keyFile)).isEqualTo(key);
  }

  @Test
  void aConfiguredKeyIsUsedAndNoKeyFileIsWritten() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    new JdbcStore(open(withKey(key)), time).save(link("1"));

    assertThat(dir.resolve("likes-bot.key")).doesNotExist();
    assertThat(unversioned(new JdbcStore(open(withKey(key)), time).find("1"))).contains(link("1"));
  }

  @Test
  void aWrongKeyStopsTheStartWithTheFixAndChangesNothing() throws Exception {
    store().save(link("1"));
    List<String> before = column("SELECT access_token FROM links");
    byte[] wrong = new byte[32];

    assertThatThrownBy(() -> open(withKey(wrong)))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("were encrypted with another key than store.encryption-key")
        .hasMessageContaining("STORE_ENCRYPTION_KEY")
        .hasMessageContaining("store.key-file=")
        .hasMessageNotContaining(Base64.getEncoder().encodeToString(wrong));

    assertThat(column("SELECT access_token FROM links")).isEqualTo(before);
    assertThat(unversioned(store().find("1"))).contains(link("1"));
  }

  @Test
  void aMissingKeyFileForAnEncryptedDatabaseStopsTheStartWithoutANewKey() throws Exception {
    store().save(link("1"));
    Path keyFile = dir.resolve("likes-bot.key");
    Path backup = dir.resolve("backup.key");
    Files.move(keyFile, backup);

    assertThatThrownBy(() -> open(config()))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("there is no key")
        .hasMessageContaining("Put the key file back");
    assertThat(keyFile).doesNotExist();

    Files.move(backup, keyFile);
    assertThat(unversioned(store().find("1"))).contains(link("1"));
  }

  @Test
  void plaintextLinksOfTheFirstVersionAreEncryptedOnUpgradeAndKept() throws Exception {
    Flyway.configure()
        .dataSource(url(), null, null)
        .locations("classpath:db/migration")
        .target("1")
        .load()
        .migrate();
    execute(
        "INSERT INTO links (discord_user_id, spotify_user_id, spotify_name, access_token,"
            + " refresh_token, access_expires_at, linked_at, updated_at)"
            + " VALUES ('1', 'spotify-1', 'Name 1', 'access-token-of-1', 'refresh-token-of-1', ?, ?,"
            + " ?)",
        link("1").accessExpiresAt().toEpochMilli(),
        link("1").linkedAt().toEpochMilli(),
        0L);

    JdbcStore store = store();

    assertThat(unversioned(store.find("1"))).contains(link("1"));
    assertThat(column("SELECT access_token || refresh_token FROM links"))
        .singleElement()
        .asString()
        .doesNotContain("token-of-1");
    assertThat(unversioned(store().find("1"))).as("not encrypted twice").contains(link("1"));
  }

  /** A /link run not bound to a browser yet, for a member named "member". */
  private static PendingLink pending(
      String state, String discordUserId, String codeVerifier, Instant expiresAt) {
    return new PendingLink(
        state, discordUserId, codeVerifier, expiresAt, "member", "", Optional.empty());
  }

  @Test
  void aPendingStateIsTakenOnlyOnce() {
    JdbcStore store = store();
    PendingLink pending = pending("state-1", "1", "verifier", time.instant().plusSeconds(600));
    store.put(pending);

    assertThat(store.take("state-1")).contains(pending);
    assertThat(store.take("state-1")).isEmpty();
    assertThat(store.take("never-issued")).isEmpty();
  }

  @Test
  void aPendingStateKeepsTheMembersNamesAndIsReadWithoutBeingSpent() {
    JdbcStore store = store();
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
  void aStateBoundToABrowserIsTakenOnlyByThatBrowsersNonce() throws Exception {
    JdbcStore store = store();
    store.put(pending("state-1", "1", "v", time.instant().plusSeconds(600)));

    assertThat(store.take("state-1").orElseThrow().boundTo("nonce-a")).as("unbound").isFalse();
    store.put(pending("state-2", "1", "v", time.instant().plusSeconds(600)));
    assertThat(store.bindBrowser("state-2", "nonce-a")).isTrue();
    assertThat(store.bindBrowser("state-2", "nonce-b")).as("a later Continue rebinds").isTrue();
    assertThat(store.bindBrowser("never-issued", "nonce-a")).isFalse();
    assertThat(column("SELECT browser_hash FROM pending_links"))
        .singleElement()
        .asString()
        .doesNotContain("nonce-b")
        .hasSize(64);

    PendingLink taken = store.take("state-2").orElseThrow();
    assertThat(taken.boundTo("nonce-b")).isTrue();
    assertThat(taken.boundTo("nonce-a")).isFalse();
    assertThat(taken.boundTo(null)).isFalse();
  }

  @Test
  void onlyAHashOfTheStateIsStored() throws Exception {
    store().put(pending("plain-state-value", "1", "v", time.instant().plusSeconds(600)));

    assertThat(column("SELECT state_hash FROM pending_links"))
        .singleElement()
        .asString()
        .doesNotContain("plain-state-value")
        .hasSize(64);
  }

  @Test
  void twoStoresOnOneDatabaseRacingToTakeAStateHaveExactlyOneWinner() throws Exception {
    JdbcStore first = store();
    JdbcStore second = store();
    for (int round = 0; round < 6; round++) {
      String state = "state-" + round;
      first.put(pending(state, "user-" + round, "v", time.instant().plusSeconds(600)));
      int[] turn = {0};
      List<Optional<PendingLink>> takes =
          race(
              6,
              () -> {
                JdbcStore store;
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
    JdbcStore store = store();
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
    JdbcStore store = store();
    store.put(pending("short", "1", "v", time.instant().plusSeconds(60)));
    store.put(pending("long", "2", "v", time.instant().plusSeconds(600)));
    time.advance(Duration.ofMinutes(2));

    assertThat(store.sweepExpired()).isEqualTo(1);

    assertThat(store.take("short")).isEmpty();
    assertThat(store.take("long")).isPresent();
  }

  @Test
  void aReminderIsClaimedOncePerLinkAndAgainAfterARelink() {
    JdbcStore store = store();
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
    JdbcStore store = store();
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
    JdbcStore first = store();
    JdbcStore second = store();
    for (int round = 0; round < 6; round++) {
      String user = "user-" + round;
      first.save(link(user));
      int[] turn = {0};
      List<Boolean> claims =
          race(
              6,
              () -> {
                JdbcStore store;
                synchronized (turn) {
                  store = turn[0]++ % 2 == 0 ? first : second;
                }
                return store.claimReminder(user, link(user).linkedAt());
              });
      assertThat(claims.stream().filter(b -> b)).as("round %d", round).hasSize(1);
    }
  }

  @Test
  void unlinkingDeletesEveryRowAboutTheMember() throws Exception {
    JdbcStore store = store();
    store.save(link("1"));
    store.save(link("2"));
    store.put(pending("s", "1", "v", time.instant().plusSeconds(600)));
    store.claimReminder("1", link("1").linkedAt());
    store.claimReminder("2", link("2").linkedAt());

    store.delete("1");

    for (String table : List.of("links", "pending_links", "expiry_reminders")) {
      assertThat(column("SELECT discord_user_id FROM " + table)).as(table).doesNotContain("1");
    }
    assertThat(column("SELECT discord_user_id FROM expiry_reminders")).containsExactly("2");
  }

  @Test
  void pingAnswersOnAWorkingStore() {
    org.assertj.core.api.Assertions.assertThatCode(store()::ping).doesNotThrowAnyException();
  }

  @Test
  void twoStoresRacingToWriteRefreshedTokensOverOneVersionHaveExactlyOneWinner() throws Exception {
    JdbcStore first = store();
    JdbcStore second = store();
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
                JdbcStore store = mine % 2 == 0 ? first : second;
                return store.update(read.withTokens("access-" + mine, "r", read.accessExpiresAt()));
              });
      List<StoredLink> won = writes.stream().flatMap(Optional::stream).toList();
      assertThat(won).as("round %d", round).hasSize(1);
      assertThat(second.find(user)).contains(won.get(0));
    }
  }

  @Test
  void aLinkStoredBeforeVersionsCanBeRefreshedOnce() throws Exception {
    JdbcStore store = store();
    store.save(link("1"));
    execute("UPDATE links SET version = 0"); // what V40 gives rows stored before it
    StoredLink read = store.find("1").orElseThrow();

    assertThat(read.version()).isZero();
    assertThat(store.update(read.withTokens("a2", "r2", read.accessExpiresAt()))).isPresent();
    assertThat(store.update(read.withTokens("a3", "r3", read.accessExpiresAt()))).isEmpty();
  }

  @Test
  void aLinkToAnotherSpotifyAccountDropsTheOldWalkAndReminderButTheSameAccountKeepsThem()
      throws Exception {
    Walks w = walks();
    w.shuffles().next("1", 10, 1);
    w.shuffles().next("1", 10, 1);
    w.links().claimReminder("1", link("1").linkedAt());

    w.links().save(link("1")); // the same Spotify account again
    assertThat(w.shuffles().next("1", 10, 2)).isEqualTo(new ShufflePosition(1, 2));

    StoredLink other = link("1");
    w.links()
        .save(
            new StoredLink(
                "1",
                "spotify-someone-else",
                "Someone",
                "a",
                "r",
                other.accessExpiresAt(),
                other.linkedAt()));
    assertThat(w.shuffles().next("1", 10, 3)).isEqualTo(new ShufflePosition(3, 0));
    assertThat(column("SELECT discord_user_id FROM expiry_reminders")).isEmpty();
  }

  /** The no-repeat walks over the same database as the links they belong to. */
  record Walks(JdbcStore links, JdbcShuffleStore shuffles) {}

  private Walks walks() {
    Database db = open(config());
    Walks walks = new Walks(new JdbcStore(db, time), new JdbcShuffleStore(db));
    walks.links().save(link("1"));
    return walks;
  }

  @Test
  void aWalkStartsWithTheFreshSeedAndThenAdvancesOnePositionPerCall() {
    Walks w = walks();
    assertThat(w.shuffles().next("1", 3, 77)).isEqualTo(new ShufflePosition(77, 0));
    assertThat(w.shuffles().next("1", 3, 88)).isEqualTo(new ShufflePosition(77, 1));
    assertThat(w.shuffles().next("1", 3, 99)).isEqualTo(new ShufflePosition(77, 2));
  }

  @Test
  void aUsedUpWalkStartsAgainWithANewSeed() {
    Walks w = walks();
    w.shuffles().next("1", 2, 1);
    w.shuffles().next("1", 2, 1);

    assertThat(w.shuffles().next("1", 2, 5)).isEqualTo(new ShufflePosition(5, 0));
    assertThat(w.shuffles().next("1", 2, 6)).isEqualTo(new ShufflePosition(5, 1));
  }

  @Test
  void aChangedTotalStartsANewWalk() {
    Walks w = walks();
    w.shuffles().next("1", 10, 1);
    w.shuffles().next("1", 10, 1);

    assertThat(w.shuffles().next("1", 11, 2)).isEqualTo(new ShufflePosition(2, 0));
  }

  @Test
  void theWalkSurvivesReopeningTheDatabase() {
    Walks w = walks();
    w.shuffles().next("1", 10, 1);

    JdbcShuffleStore reopened = new JdbcShuffleStore(open(config()));

    assertThat(reopened.next("1", 10, 2)).isEqualTo(new ShufflePosition(1, 1));
  }

  @Test
  void unlinkingDeletesTheWalk() {
    Walks w = walks();
    w.shuffles().next("1", 10, 1);
    w.shuffles().next("1", 10, 1);

    w.links().delete("1");
    w.links().save(link("1"));

    assertThat(w.shuffles().next("1", 10, 3)).isEqualTo(new ShufflePosition(3, 0));
  }

  @Test
  void aMemberWithoutALinkHasNoWalk() {
    Walks w = walks();
    assertThatThrownBy(() -> w.shuffles().next("never-linked", 10, 1))
        .isInstanceOf(StoreException.class);
  }

  @Test
  void concurrentCallsClaimDistinctPositions() throws Exception {
    Walks w = walks();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<ShufflePosition>> calls = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        long seed = i;
        calls.add(() -> w.shuffles().next("1", 1000, seed));
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
}
