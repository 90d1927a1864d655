package dev.likesbot.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.Optional;
import javax.sql.DataSource;

/** Links and pending states in the {@link Database}. */
public final class JdbcStore implements TokenStore, PendingLinkStore {
  private final DataSource dataSource;
  private final InstantSource clock;

  public JdbcStore(Database database, InstantSource clock) {
    this.dataSource = database.dataSource();
    this.clock = clock;
  }

  @Override
  public Optional<StoredLink> find(String discordUserId) {
    String sql =
        "SELECT spotify_user_id, spotify_name, access_token, refresh_token, access_expires_at,"
            + " linked_at FROM links WHERE discord_user_id = ?";
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, discordUserId);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new StoredLink(
                discordUserId,
                r.getString(1),
                r.getString(2),
                r.getString(3),
                r.getString(4),
                Instant.ofEpochMilli(r.getLong(5)),
                Instant.ofEpochMilli(r.getLong(6))));
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read a link: " + e.getMessage(), e);
    }
  }

  @Override
  public void save(StoredLink link) {
    String sql =
        "INSERT INTO links (discord_user_id, spotify_user_id, spotify_name, access_token,"
            + " refresh_token, access_expires_at, linked_at, updated_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (discord_user_id) DO UPDATE SET spotify_user_id = excluded.spotify_user_id,"
            + " spotify_name = excluded.spotify_name, access_token = excluded.access_token,"
            + " refresh_token = excluded.refresh_token,"
            + " access_expires_at = excluded.access_expires_at, linked_at = excluded.linked_at,"
            + " updated_at = excluded.updated_at";
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, link.discordUserId());
      s.setString(2, link.spotifyUserId());
      s.setString(3, link.spotifyName());
      s.setString(4, link.accessToken());
      s.setString(5, link.refreshToken());
      s.setLong(6, link.accessExpiresAt().toEpochMilli());
      s.setLong(7, link.linkedAt().toEpochMilli());
      s.setLong(8, clock.millis());
      s.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("cannot save a link: " + e.getMessage(), e);
    }
  }

  @Override
  public boolean delete(String discordUserId) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement links =
              c.prepareStatement("DELETE FROM links WHERE discord_user_id = ?");
          PreparedStatement states =
              c.prepareStatement("DELETE FROM pending_links WHERE discord_user_id = ?")) {
        links.setString(1, discordUserId);
        int deleted = links.executeUpdate();
        states.setString(1, discordUserId);
        states.executeUpdate();
        c.commit();
        return deleted > 0;
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("cannot delete a link: " + e.getMessage(), e);
    }
  }

  @Override
  public void ping() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM links");
        ResultSet r = s.executeQuery()) {
      r.next();
    } catch (SQLException e) {
      throw new StoreException("the store does not answer: " + e.getMessage(), e);
    }
  }

  /** How many members are linked; for the metrics gauge. */
  public long linkCount() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM links");
        ResultSet r = s.executeQuery()) {
      r.next();
      return r.getLong(1);
    } catch (SQLException e) {
      throw new StoreException("cannot count the links: " + e.getMessage(), e);
    }
  }

  @Override
  public void put(PendingLink pending) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement sweep =
              c.prepareStatement(
                  "DELETE FROM pending_links WHERE expires_at < ? OR discord_user_id = ?");
          PreparedStatement insert =
              c.prepareStatement(
                  "INSERT INTO pending_links (state_hash, discord_user_id, code_verifier,"
                      + " expires_at) VALUES (?, ?, ?, ?)")) {
        sweep.setLong(1, clock.millis());
        sweep.setString(2, pending.discordUserId());
        sweep.executeUpdate();
        insert.setString(1, hash(pending.state()));
        insert.setString(2, pending.discordUserId());
        insert.setString(3, pending.codeVerifier());
        insert.setLong(4, pending.expiresAt().toEpochMilli());
        insert.executeUpdate();
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("cannot save a pending link: " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<PendingLink> take(String state) {
    String hash = hash(state);
    try (Connection c = dataSource.getConnection();
        PreparedStatement select =
            c.prepareStatement(
                "SELECT discord_user_id, code_verifier, expires_at FROM pending_links"
                    + " WHERE state_hash = ?");
        PreparedStatement delete =
            c.prepareStatement("DELETE FROM pending_links WHERE state_hash = ?")) {
      select.setString(1, hash);
      PendingLink found;
      try (ResultSet r = select.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        found =
            new PendingLink(
                state, r.getString(1), r.getString(2), Instant.ofEpochMilli(r.getLong(3)));
      }
      delete.setString(1, hash);
      // Whoever deletes the row owns the state: a racing caller deletes nothing and gets nothing.
      return delete.executeUpdate() == 1 ? Optional.of(found) : Optional.empty();
    } catch (SQLException e) {
      throw new StoreException("cannot take a pending link: " + e.getMessage(), e);
    }
  }

  private static String hash(String state) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(state.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
