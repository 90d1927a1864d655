package dev.likesbot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.likesbot.config.BotConfig;
import dev.likesbot.config.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only a database does, on top of what every store promises ({@link StoreContract}): run
 * against SQLite and PostgreSQL by the subclasses, each test with a fresh, empty database and a key
 * file in its own directory.
 */
abstract class SqlStoreContract extends StoreContract<JdbcStore> {
  @TempDir Path dir;
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

  @Override
  protected JdbcStore store() {
    return new JdbcStore(open(config()), time);
  }

  @Override
  protected JdbcShuffleStore shuffles() {
    return new JdbcShuffleStore(open(config()));
  }

  @AfterEach
  void closeDatabases() {
    opened.forEach(Database::close);
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

  @Test
  void onlyAHashOfTheBrowsersNonceIsStored() throws Exception {
    JdbcStore store = store();
    store.put(pending("state-1", "1", "v", time.instant().plusSeconds(600)));
    store.bindBrowser("state-1", "nonce-b");

    assertThat(column("SELECT browser_hash FROM pending_links"))
        .singleElement()
        .asString()
        .doesNotContain("nonce-b")
        .hasSize(64);
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
  void unlinkingDeletesEveryRowAboutTheMember() throws Exception {
    afterMemberOneOfTwoUnlinks();

    for (String table : List.of("links", "pending_links", "expiry_reminders")) {
      assertThat(column("SELECT discord_user_id FROM " + table)).as(table).doesNotContain("1");
    }
    assertThat(column("SELECT discord_user_id FROM expiry_reminders")).containsExactly("2");
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
  void theWalkSurvivesReopeningTheDatabase() {
    store().save(link("1"));
    shuffles().next("1", 10, 1);

    JdbcShuffleStore reopened = new JdbcShuffleStore(open(config()));

    assertThat(reopened.next("1", 10, 2)).isEqualTo(new ShufflePosition(1, 1));
  }
}
