package dev.likesbot.config;

import java.nio.file.Path;
import java.util.Base64;

/** The {@code store.*} keys: the database, its credentials, and the key that encrypts tokens. */
final class StoreKeys {
  static final String KEY_FILE_NAME = "likes-bot.key";

  private StoreKeys() {}

  static BotConfig.Store read(KeyReader in) {
    String url = in.raw("store.url");
    if (!url.startsWith(BotConfig.Store.SQLITE_PREFIX)
        && !url.startsWith(BotConfig.Store.POSTGRES_PREFIX)) {
      in.problem(
          "store.url",
          "must be a SQLite JDBC URL such as jdbc:sqlite:likes-bot.db, or a PostgreSQL one such"
              + " as jdbc:postgresql://db.example.org:5432/likesbot");
    }
    String password = in.raw("store.password");
    String key = in.raw("store.encryption-key");
    if (!key.isEmpty() && !isAesKey(key)) {
      // Never echo the value: it is a secret even when malformed.
      in.problem(
          "store.encryption-key",
          "is not base64 of 32 bytes: leave it empty to use the key file, or generate one with"
              + " 'openssl rand -base64 32'");
    }
    String keyFile = in.raw("store.key-file");
    return new BotConfig.Store(
        url,
        in.raw("store.user"),
        KeyReader.optionalSecret(password),
        KeyReader.optionalSecret(key),
        keyFile.isEmpty() ? defaultKeyFile(url) : Path.of(keyFile));
  }

  private static boolean isAesKey(String base64) {
    try {
      return Base64.getDecoder().decode(base64).length == 32;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Beside the SQLite database; for PostgreSQL (or an in-memory database) the working dir. */
  private static Path defaultKeyFile(String url) {
    if (url.startsWith(BotConfig.Store.SQLITE_PREFIX)) {
      String file = url.substring(BotConfig.Store.SQLITE_PREFIX.length());
      file = file.startsWith("file:") ? file.substring("file:".length()) : file;
      int query = file.indexOf('?');
      file = query >= 0 ? file.substring(0, query) : file;
      if (!file.isEmpty() && !file.startsWith(":memory:")) {
        Path parent = Path.of(file).getParent();
        return parent == null ? Path.of(KEY_FILE_NAME) : parent.resolve(KEY_FILE_NAME);
      }
    }
    return Path.of(KEY_FILE_NAME);
  }
}
