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
 * key checked before anything is read.
 */
public final class Database implements AutoCloseable {
  private final DataSource dataSource;
  private final TokenCipher cipher;

  private Database(DataSource dataSource, TokenCipher cipher) {
    this.dataSource = dataSource;
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
      return new Database(dataSource, StoreKey.unlock(dataSource, config, random, where));
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
    SQLiteConfig config = new SQLiteConfig();
    // WAL lets reads run beside a write; FULL makes every answered write survive a crash or
    // power loss, which matters more here than write speed.
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.setBusyTimeout(5_000);
    config.enforceForeignKeys(true);
    SQLiteDataSource dataSource = new SQLiteDataSource(config);
    dataSource.setUrl(url);
    return dataSource;
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
    hikari.setMaximumPoolSize(8);
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

  /** Seals and opens the tokens of this database. */
  TokenCipher cipher() {
    return cipher;
  }

  /**
   * Closes the connection pool (PostgreSQL), or folds SQLite's write-ahead log back into the
   * database file, so a stopped bot leaves one self-contained file to back up or move.
   */
  @Override
  public void close() {
    if (dataSource instanceof HikariDataSource) {
      close(dataSource);
      return;
    }
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    } catch (SQLException e) {
      throw new StoreException("cannot checkpoint the store: " + e.getMessage(), e);
    }
  }

  private static void close(DataSource dataSource) {
    if (dataSource instanceof HikariDataSource pool) {
      pool.close();
    }
  }
}
