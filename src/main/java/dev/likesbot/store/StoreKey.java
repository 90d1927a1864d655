package dev.likesbot.store;

import dev.likesbot.config.BotConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the tokens' key and proves it is the database's own before the store is used. The first
 * encrypting start writes a key check into {@code store_meta} and, in the same transaction,
 * encrypts the tokens an older version stored in plaintext: a database without a key check has
 * never held an encrypted token.
 */
final class StoreKey {
  private static final Logger log = LoggerFactory.getLogger(StoreKey.class);
  static final String KEY_CHECK = "key_check";
  private static final String CHECK_PLAINTEXT = "likes-bot key check";

  private StoreKey() {}

  static TokenCipher unlock(
      DataSource dataSource, BotConfig.Store config, SecureRandom random, String where) {
    Path keyFile = config.keyFile().toAbsolutePath();
    Optional<String> check = readCheck(dataSource);
    String source;
    byte[] key;
    if (config.encryptionKey().isPresent()) {
      key = Base64.getDecoder().decode(config.encryptionKey().get().reveal());
      source = "store.encryption-key";
    } else if (Files.exists(keyFile)) {
      key = KeyFile.read(keyFile);
      source = "the key file " + keyFile;
    } else if (check.isPresent()) {
      throw new StoreException(
          "the tokens in "
              + where
              + " are encrypted, but there is no key: the key file store.key-file="
              + keyFile
              + " is missing. Put the key file back from your backup, or set"
              + " store.encryption-key (env STORE_ENCRYPTION_KEY) to the key. Nothing was changed.",
          null);
    } else {
      key = KeyFile.generate(keyFile, random);
      source = "the key file " + keyFile;
    }
    TokenCipher cipher = new TokenCipher(key, random);
    if (check.isEmpty() && !initialise(dataSource, cipher, where)) {
      check = readCheck(dataSource); // another instance initialised it first
    }
    if (check.isPresent()) {
      try {
        cipher.decrypt(check.get(), KEY_CHECK);
      } catch (TokenCipher.UndecryptableException e) {
        throw new StoreException(
            "the tokens in "
                + where
                + " were encrypted with another key than "
                + source
                + ". Set store.encryption-key (env STORE_ENCRYPTION_KEY) to the original key, or"
                + " put the original key file back at store.key-file="
                + keyFile
                + " (and leave store.encryption-key empty). Nothing was changed.",
            null);
      }
    }
    return cipher;
  }

  private static Optional<String> readCheck(DataSource dataSource) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT value FROM store_meta WHERE name = ?")) {
      s.setString(1, KEY_CHECK);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read the key check: " + e.getMessage(), e);
    }
  }

  /** Writes the key check and encrypts older plaintext tokens; false when another start won. */
  private static boolean initialise(DataSource dataSource, TokenCipher cipher, String where) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO store_meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING")) {
          insert.setString(1, KEY_CHECK);
          insert.setString(2, cipher.encrypt(CHECK_PLAINTEXT, KEY_CHECK));
          if (insert.executeUpdate() == 0) {
            c.rollback();
            return false;
          }
        }
        int upgraded = encryptPlaintextTokens(c, cipher);
        c.commit();
        if (upgraded > 0) {
          log.info(
              "Encrypted the tokens of {} links stored in plaintext by an earlier version",
              upgraded);
        }
        return true;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException(
          "cannot prepare " + where + " for encrypted tokens: " + e.getMessage(), e);
    }
  }

  private static int encryptPlaintextTokens(Connection c, TokenCipher cipher) throws SQLException {
    int n = 0;
    try (PreparedStatement select =
            c.prepareStatement("SELECT discord_user_id, access_token, refresh_token FROM links");
        PreparedStatement update =
            c.prepareStatement(
                "UPDATE links SET access_token = ?, refresh_token = ? WHERE discord_user_id = ?");
        ResultSet r = select.executeQuery()) {
      while (r.next()) {
        String id = r.getString(1);
        update.setString(1, cipher.encrypt(r.getString(2), id));
        update.setString(2, cipher.encrypt(r.getString(3), id));
        update.setString(3, id);
        update.addBatch();
        n++;
      }
      if (n > 0) {
        update.executeBatch();
      }
    }
    return n;
  }
}
