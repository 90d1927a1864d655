package dev.likesbot.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likesbot.config.BotConfig;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On SQLite, links are forced to disk at every commit; shuffle steps are written at once but not
 * forced (a power loss may repeat a song, a killed process loses nothing), as the README says.
 */
class SqliteDurabilityTest {
  private static final int NORMAL = 1;
  private static final int FULL = 2;

  @TempDir Path dir;

  private Database open() {
    return Database.open(
        new BotConfig.Store(
            "jdbc:sqlite:" + dir.resolve("likes-bot.db"),
            "",
            Optional.empty(),
            Optional.empty(),
            dir.resolve("likes-bot.key")),
        new SecureRandom());
  }

  private static int pragma(DataSource dataSource, String name) throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("PRAGMA " + name)) {
      r.next();
      return r.getInt(1);
    }
  }

  @Test
  void linksAreWrittenWithSynchronousFullAndShuffleStepsWithNormal() throws SQLException {
    try (Database database = open()) {
      assertThat(pragma(database.dataSource(), "synchronous")).isEqualTo(FULL);
      assertThat(pragma(database.shuffleDataSource(), "synchronous")).isEqualTo(NORMAL);
    }
  }

  @Test
  void bothKindsOfConnectionUseTheWriteAheadLog() throws SQLException {
    try (Database database = open()) {
      for (DataSource d : new DataSource[] {database.dataSource(), database.shuffleDataSource()}) {
        try (Connection c = d.getConnection();
            Statement s = c.createStatement();
            ResultSet r = s.executeQuery("PRAGMA journal_mode")) {
          r.next();
          assertThat(r.getString(1)).isEqualToIgnoringCase("wal");
        }
      }
    }
  }

  @Test
  void aStoppedDatabaseLeavesNoWriteAheadLogBehind() throws SQLException {
    Database database = open();
    for (DataSource d : new DataSource[] {database.dataSource(), database.shuffleDataSource()}) {
      try (Connection c = d.getConnection();
          Statement s = c.createStatement()) {
        s.executeUpdate(
            "INSERT INTO store_meta (name, value) VALUES ('test-" + d.hashCode() + "', 'x')");
      }
    }
    database.close();

    assertThat(dir.resolve("likes-bot.db-wal"))
        .satisfiesAnyOf(
            p -> assertThat(p).doesNotExist(), p -> assertThat(p.toFile().length()).isZero());
  }
}
