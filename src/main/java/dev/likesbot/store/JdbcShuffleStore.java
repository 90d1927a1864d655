package dev.likesbot.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Shuffles in the {@link Database}. Each step is one atomic statement, so concurrent picks for one
 * member each get their own position without holding a transaction open.
 */
public final class JdbcShuffleStore implements ShuffleStore {
  /** Restarts lost to concurrent restarts before we give up; each loss means another call won. */
  private static final int ATTEMPTS = 5;

  private static final String CLAIM =
      "UPDATE shuffles SET next_position = next_position + 1"
          + " WHERE discord_user_id = ? AND total = ? AND next_position < total"
          + " RETURNING seed, next_position - 1";
  private static final String RESTART =
      "INSERT INTO shuffles (discord_user_id, seed, total, next_position) VALUES (?, ?, ?, 1)"
          + " ON CONFLICT (discord_user_id) DO UPDATE SET seed = excluded.seed,"
          + " total = excluded.total, next_position = 1"
          + " WHERE shuffles.total <> excluded.total OR shuffles.next_position >= shuffles.total";

  private final DataSource dataSource;

  public JdbcShuffleStore(Database database) {
    this.dataSource = database.shuffleDataSource();
  }

  @Override
  public ShufflePosition next(String discordUserId, int total, long freshSeed) {
    try (Connection c = dataSource.getConnection()) {
      for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
        Optional<ShufflePosition> claimed = claim(c, discordUserId, total);
        if (claimed.isPresent()) {
          return claimed.get();
        }
        if (restart(c, discordUserId, total, freshSeed)) {
          return new ShufflePosition(freshSeed, 0);
        }
        // Another call restarted the walk between our two statements: claim from theirs.
      }
    } catch (SQLException e) {
      throw new StoreException("cannot advance a shuffle: " + e.getMessage(), e);
    }
    throw new StoreException("cannot advance a shuffle: it kept being restarted", null);
  }

  private static Optional<ShufflePosition> claim(Connection c, String user, int total)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(CLAIM)) {
      s.setString(1, user);
      s.setInt(2, total);
      try (ResultSet r = s.executeQuery()) {
        return r.next()
            ? Optional.of(new ShufflePosition(r.getLong(1), r.getInt(2)))
            : Optional.empty();
      }
    }
  }

  private static boolean restart(Connection c, String user, int total, long seed)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(RESTART)) {
      s.setString(1, user);
      s.setLong(2, seed);
      s.setInt(3, total);
      return s.executeUpdate() == 1;
    }
  }
}
