package dev.likesbot.store;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.likesbot.config.BotConfig;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The store contract on a SQLite file. */
class SqliteStoreIT extends SqlStoreContract {

  @Override
  String url() {
    return "jdbc:sqlite:" + dir.resolve("likes-bot.db");
  }

  @Override
  Connection connect() throws SQLException {
    return DriverManager.getConnection(url());
  }

  @Test
  void anUnopenableDatabaseNamesTheSettingAndTheFix() {
    String bad = "jdbc:sqlite:" + dir.resolve("missing-dir/sub/likes-bot.db");

    assertThatThrownBy(
            () ->
                Database.open(
                    new BotConfig.Store(
                        bad, "", Optional.empty(), Optional.empty(), dir.resolve("k")),
                    new SecureRandom()))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("store.url=" + bad)
        .hasMessageContaining("directory exists and is writable");
  }
}
