package dev.likesbot.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.likesbot.config.BotConfig;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The database behind every store: opened once, its schema migrated by Flyway and its encryption
 * key checked before anything is read. Connections are pooled for both databases: opening SQLite
 * per call cost a file open and its pragmas each time, and closing the last connection of a WAL
 * database checkpoints it.
 */
public final class Database implements AutoCloseable {
  /** SQLite writes one at a time anyway; a few connections let reads run beside a write. */
  static final int SQLITE_POOL = 4;

  static final int POSTGRES_POOL = 8;

  private final DataSource dataSource;
  private final DataSource shuffles;
  private final TokenCipher cipher;

  private Database(DataSource dataSource, DataSource shuffles, TokenCipher cipher) {
    this.dataSource = dataSource;
    this.shuffles = shuffles;
    this.cipher = cipher;
  }

  /**
   * Opens the database, brings its schema up to date and unlocks it with the configured key (or the
   * key file, generated on the very first start).
   *
   * @throws StoreException naming the setting and the fix when it cannot be opened, or when the key
   *     is missing or wrong; nothing is written then
   */
  public static Database open(BotConfig.Store config, SecureRandom random) {
    String where = "store.url=" + config.safeUrl();
    DataSource dataSource;
    try {
      dataSource = config.postgres() ? postgres(config) : sqlite(config.url());
    } catch (RuntimeException e) {
      throw new StoreException(cannotOpen(config, where, e), e);
    }
    try {
      try {
        Flyway.configure()
            .dataSource(dataSource)
            .locations("classpath:db/migration")
            .load()
            .migrate();
      } catch (RuntimeException e) {
        throw new StoreException(cannotOpen(config, where, e), e);
      }
      TokenCipher cipher = StoreKey.unlock(dataSource, config, random, where);
      return new Database(
          dataSource, config.postgres() ? dataSource : sqliteShuffles(config.url()), cipher);
    } catch (RuntimeException e) {
      close(dataSource);
      throw e;
    }
  }

  private static String cannotOpen(BotConfig.Store config, String where, Throwable e) {
    return "cannot open the store at "
        + where
        + ": "
        + BotConfig.Store.redact(rootMessage(e))
        + (config.postgres()
            ? " (check that PostgreSQL runs and the database exists, and store.user and"
                + " store.password)"
            : " (check that the directory exists and is writable)");
  }

  private static DataSource sqlite(String url) {
    // WAL lets reads run beside a write; FULL makes every answered write survive a crash or
    // power loss, which matters more here than write speed.
    return sqlitePool("likes-bot-store", url, SQLiteConfig.SynchronousMode.FULL, SQLITE_POOL);
  }

  /**
   * The shuffle positions' own connections: a step is written at once but not forced to disk
   * ({@code synchronous=NORMAL}). In WAL mode that survives the process being killed; only a power
   * loss or an OS crash can lose the last steps, and then a member may hear a song again. Links
   * keep {@code FULL}; PostgreSQL, where several processes may serve one member, keeps one durable
   * write per pick.
   */
  private static DataSource sqliteShuffles(String url) {
    return sqlitePool("likes-bot-shuffles", url, SQLiteConfig.SynchronousMode.NORMAL, 2);
  }

  private static HikariDataSource sqlitePool(
      String name, String url, SQLiteConfig.SynchronousMode synchronous, int size) {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(synchronous);
    config.setBusyTimeout(5_000);
    config.enforceForeignKeys(true);
    SQLiteDataSource sqlite = new SQLiteDataSource(config);
    sqlite.setUrl(url);
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName(name);
    hikari.setDataSource(sqlite);
    hikari.setMaximumPoolSize(size);
    hikari.setMinimumIdle(1);
    hikari.setConnectionTimeout(10_000);
    // Fail here, where the message names store.url, not at the first command.
    hikari.setInitializationFailTimeout(1);
    return new HikariDataSource(hikari);
  }

  /** A small pool: every store call is one short statement or transaction. */
  private static DataSource postgres(BotConfig.Store config) {
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName("likes-bot-store");
    hikari.setJdbcUrl(config.url());
    if (!config.user().isEmpty()) {
      hikari.setUsername(config.user());
    }
    config.password().ifPresent(p -> hikari.setPassword(p.reveal()));
    hikari.setMaximumPoolSize(POSTGRES_POOL);
    hikari.setMinimumIdle(1);
    hikari.setConnectionTimeout(10_000);
    return new HikariDataSource(hikari);
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  /** Connections for the stores in this package. */
  DataSource dataSource() {
    return dataSource;
  }

  /** Connections for the shuffle positions: on SQLite, written less eagerly (see there). */
  DataSource shuffleDataSource() {
    return shuffles;
  }

  /** Seals and opens the tokens of this database. */
  TokenCipher cipher() {
    return cipher;
  }

  /**
   * Closes the connection pools; on SQLite first folds the write-ahead log back into the database
   * file, so a stopped bot leaves one self-contained file to back up or move.
   */
  @Override
  public void close() {
    if (shuffles == dataSource) {
      close(dataSource);
      return;
    }
    close(shuffles);
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    } catch (SQLException e) {
      throw new StoreException("cannot checkpoint the store: " + e.getMessage(), e);
    } finally {
      close(dataSource);
    }
  }

  private static void close(DataSource dataSource) {
    if (dataSource instanceof HikariDataSource pool) {
      pool.close();
    }
  }
}
