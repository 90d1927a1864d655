package dev.likesbot.store;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;

/**
 * Links, pending states and reminders in the {@link Database}. Tokens are stored encrypted with the
 * member's Discord id as associated data.
 */
public final class JdbcStore implements TokenStore, PendingLinkStore, ReminderStore, LocaleStore {
  private final DataSource dataSource;
  private final TokenCipher cipher;
  private final InstantSource clock;

  /** Versions of new links: unpredictable, not a behaviour a test would pin. */
  private final SecureRandom versions = new SecureRandom();

  public JdbcStore(Database database, InstantSource clock) {
    this.dataSource = database.dataSource();
    this.cipher = database.cipher();
    this.clock = clock;
  }

  @Override
  public Optional<StoredLink> find(String discordUserId) {
    String sql =
        "SELECT spotify_user_id, spotify_name, access_token, refresh_token, access_expires_at,"
            + " linked_at, version FROM links WHERE discord_user_id = ?";
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
                cipher.decrypt(r.getString(3), discordUserId),
                cipher.decrypt(r.getString(4), discordUserId),
                Instant.ofEpochMilli(r.getLong(5)),
                Instant.ofEpochMilli(r.getLong(6)),
                r.getLong(7)));
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read a link: " + e.getMessage(), e);
    } catch (TokenCipher.UndecryptableException e) {
      throw new StoreException(
          "the tokens of user " + discordUserId + " cannot be decrypted: " + e.getMessage(), null);
    }
  }

  @Override
  public OptionalLong version(String discordUserId) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT version FROM links WHERE discord_user_id = ?")) {
      s.setString(1, discordUserId);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? OptionalLong.of(r.getLong(1)) : OptionalLong.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read the version of a link: " + e.getMessage(), e);
    }
  }

  /**
   * A link to another Spotify account first deletes the old row, so what hangs off it (the shuffle
   * over the old library, its reminder) goes by {@code ON DELETE CASCADE}; a relink to the same
   * account keeps them. The version is random rather than counted: a counter would start again
   * after an unlink, and a refresh still holding the old link's version could then match.
   */
  @Override
  public StoredLink save(StoredLink link) {
    String sql =
        "INSERT INTO links (discord_user_id, spotify_user_id, spotify_name, access_token,"
            + " refresh_token, access_expires_at, linked_at, updated_at, version)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (discord_user_id) DO UPDATE SET spotify_user_id = excluded.spotify_user_id,"
            + " spotify_name = excluded.spotify_name, access_token = excluded.access_token,"
            + " refresh_token = excluded.refresh_token,"
            + " access_expires_at = excluded.access_expires_at, linked_at = excluded.linked_at,"
            + " updated_at = excluded.updated_at, version = excluded.version";
    long version = versions.nextLong() & Long.MAX_VALUE;
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement otherAccount =
              c.prepareStatement(
                  "DELETE FROM links WHERE discord_user_id = ? AND spotify_user_id <> ?");
          PreparedStatement s = c.prepareStatement(sql)) {
        otherAccount.setString(1, link.discordUserId());
        otherAccount.setString(2, link.spotifyUserId());
        otherAccount.executeUpdate();
        s.setString(1, link.discordUserId());
        s.setString(2, link.spotifyUserId());
        s.setString(3, link.spotifyName());
        s.setString(4, cipher.encrypt(link.accessToken(), link.discordUserId()));
        s.setString(5, cipher.encrypt(link.refreshToken(), link.discordUserId()));
        s.setLong(6, link.accessExpiresAt().toEpochMilli());
        s.setLong(7, link.linkedAt().toEpochMilli());
        s.setLong(8, clock.millis());
        s.setLong(9, version);
        s.executeUpdate();
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("cannot save a link: " + e.getMessage(), e);
    }
    return link.withVersion(version);
  }

  @Override
  public Optional<StoredLink> update(StoredLink refreshed) {
    String sql =
        "UPDATE links SET access_token = ?, refresh_token = ?, access_expires_at = ?,"
            + " updated_at = ?, version = version + 1 WHERE discord_user_id = ? AND version = ?";
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, cipher.encrypt(refreshed.accessToken(), refreshed.discordUserId()));
      s.setString(2, cipher.encrypt(refreshed.refreshToken(), refreshed.discordUserId()));
      s.setLong(3, refreshed.accessExpiresAt().toEpochMilli());
      s.setLong(4, clock.millis());
      s.setString(5, refreshed.discordUserId());
      s.setLong(6, refreshed.version());
      return s.executeUpdate() == 1
          ? Optional.of(refreshed.withVersion(refreshed.version() + 1))
          : Optional.empty();
    } catch (SQLException e) {
      throw new StoreException("cannot update a link: " + e.getMessage(), e);
    }
  }

  @Override
  public boolean deleteIfUnchanged(StoredLink read) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement("DELETE FROM links WHERE discord_user_id = ? AND version = ?")) {
      s.setString(1, read.discordUserId());
      s.setLong(2, read.version());
      return s.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new StoreException("cannot delete a link: " + e.getMessage(), e);
    }
  }

  /** Tables whose rows only exist for a linked member follow by {@code ON DELETE CASCADE}. */
  @Override
  public boolean delete(String discordUserId) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement links =
              c.prepareStatement("DELETE FROM links WHERE discord_user_id = ?");
          PreparedStatement states =
              c.prepareStatement("DELETE FROM pending_links WHERE discord_user_id = ?");
          PreparedStatement locale =
              c.prepareStatement("DELETE FROM member_locales WHERE discord_user_id = ?")) {
        links.setString(1, discordUserId);
        int deleted = links.executeUpdate();
        states.setString(1, discordUserId);
        states.executeUpdate();
        locale.setString(1, discordUserId);
        locale.executeUpdate();
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
                      + " expires_at, discord_name, discord_handle, browser_hash)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        sweep.setLong(1, clock.millis());
        sweep.setString(2, pending.discordUserId());
        sweep.executeUpdate();
        insert.setString(1, PendingLink.sha256(pending.state()));
        insert.setString(2, pending.discordUserId());
        insert.setString(3, pending.codeVerifier());
        insert.setLong(4, pending.expiresAt().toEpochMilli());
        insert.setString(5, pending.discordName());
        insert.setString(6, pending.discordHandle());
        insert.setString(7, pending.browserHash().orElse(null));
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

  private static final String PENDING_COLUMNS =
      "discord_user_id, code_verifier, expires_at, discord_name, discord_handle, browser_hash";

  @Override
  public Optional<PendingLink> peek(String state) {
    return pendingQuery(
        state, "SELECT " + PENDING_COLUMNS + " FROM pending_links WHERE state_hash = ?", "read");
  }

  @Override
  public boolean bindBrowser(String state, String browserNonce) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement("UPDATE pending_links SET browser_hash = ? WHERE state_hash = ?")) {
      s.setString(1, PendingLink.sha256(browserNonce));
      s.setString(2, PendingLink.sha256(state));
      return s.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new StoreException("cannot bind a pending link to a browser: " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<PendingLink> take(String state) {
    // One statement: whoever deletes the row owns the state, on SQLite and PostgreSQL alike.
    return pendingQuery(
        state,
        "DELETE FROM pending_links WHERE state_hash = ? RETURNING " + PENDING_COLUMNS,
        "take");
  }

  private Optional<PendingLink> pendingQuery(String state, String sql, String what) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, PendingLink.sha256(state));
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new PendingLink(
                state,
                r.getString(1),
                r.getString(2),
                Instant.ofEpochMilli(r.getLong(3)),
                r.getString(4),
                r.getString(5),
                Optional.ofNullable(r.getString(6))));
      }
    } catch (SQLException e) {
      throw new StoreException("cannot " + what + " a pending link: " + e.getMessage(), e);
    }
  }

  @Override
  public int sweepExpired() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement("DELETE FROM pending_links WHERE expires_at <= ?")) {
      s.setLong(1, clock.millis());
      return s.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("cannot sweep expired pending links: " + e.getMessage(), e);
    }
  }

  @Override
  public List<LinkAge> unremindedLinkedBefore(Instant cutoff) {
    String sql =
        "SELECT l.discord_user_id, l.linked_at FROM links l LEFT JOIN expiry_reminders r"
            + " ON r.discord_user_id = l.discord_user_id AND r.linked_at = l.linked_at"
            + " WHERE l.linked_at <= ? AND r.discord_user_id IS NULL ORDER BY l.linked_at";
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, cutoff.toEpochMilli());
      List<LinkAge> due = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          due.add(new LinkAge(r.getString(1), Instant.ofEpochMilli(r.getLong(2))));
        }
      }
      return due;
    } catch (SQLException e) {
      throw new StoreException("cannot list links due for a reminder: " + e.getMessage(), e);
    }
  }

  @Override
  public boolean claimReminder(String discordUserId, Instant linkedAt) {
    // Inserts (or moves on to a newer link) only while that very link is stored; a second claim
    // for the same link updates nothing. One statement, so racing instances get one winner.
    String sql =
        "INSERT INTO expiry_reminders (discord_user_id, linked_at, sent_at)"
            + " SELECT discord_user_id, linked_at, ? FROM links"
            + " WHERE discord_user_id = ? AND linked_at = ?"
            + " ON CONFLICT (discord_user_id) DO UPDATE SET linked_at = excluded.linked_at,"
            + " sent_at = excluded.sent_at WHERE expiry_reminders.linked_at <> excluded.linked_at";
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, clock.millis());
      s.setString(2, discordUserId);
      s.setLong(3, linkedAt.toEpochMilli());
      return s.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new StoreException("cannot claim a reminder: " + e.getMessage(), e);
    }
  }

  @Override
  public void releaseReminder(String discordUserId, Instant linkedAt) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "DELETE FROM expiry_reminders WHERE discord_user_id = ? AND linked_at = ?")) {
      s.setString(1, discordUserId);
      s.setLong(2, linkedAt.toEpochMilli());
      s.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("cannot release a reminder: " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<String> locale(String discordUserId) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT locale FROM member_locales WHERE discord_user_id = ?")) {
      s.setString(1, discordUserId);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read a member's locale: " + e.getMessage(), e);
    }
  }

  @Override
  public void rememberLocale(String discordUserId, String languageTag) {
    String sql =
        "INSERT INTO member_locales (discord_user_id, locale) VALUES (?, ?)"
            + " ON CONFLICT (discord_user_id) DO UPDATE SET locale = excluded.locale";
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, discordUserId);
      s.setString(2, languageTag);
      s.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("cannot remember a member's locale: " + e.getMessage(), e);
    }
  }
}
