package dev.likesbot.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** The database behind every store: opened once, its schema migrated by Flyway. */
public final class Database implements AutoCloseable {
  private final DataSource dataSource;

  private Database(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Opens the database at {@code url} and brings its schema up to date.
   *
   * @throws StoreException naming the URL and the fix when it cannot be opened
   */
  public static Database open(String url) {
    DataSource dataSource = sqlite(url);
    try {
      Flyway.configure()
          .dataSource(dataSource)
          .locations("classpath:db/migration")
          .load()
          .migrate();
    } catch (RuntimeException e) {
      throw new StoreException(
          "cannot open the store at store.url="
              + url
              + ": "
              + rootMessage(e)
              + " (check that the directory exists and is writable)",
          e);
    }
    return new Database(dataSource);
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

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  /**
   * Folds the write-ahead log back into the database file, so a stopped bot leaves one
   * self-contained file to back up or move. Connections are opened per use, so nothing else stays
   * open.
   */
  @Override
  public void close() {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    } catch (SQLException e) {
      throw new StoreException("cannot checkpoint the store: " + e.getMessage(), e);
    }
  }

  /** Connections for the stores in this package. */
  DataSource dataSource() {
    return dataSource;
  }
}
