package dev.likesbot.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import dev.likesbot.App;
import dev.likesbot.fake.discord.FakeInteraction;
import dev.likesbot.fake.discord.FakeUser;
import dev.likesbot.testing.LogCapture;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The whole flow with every logger at DEBUG or TRACE and java.util.logging (the PostgreSQL driver,
 * the Spotify library) bridged at the same depth: no secret may appear in a log line, an exception,
 * a reply, a DM or a page, on SQLite and on PostgreSQL.
 */
class SecretsIT {
  private static final String ENCRYPTION_KEY = "c2VjcmV0LWtleS1vZi0zMi1ieXRlcy1mb3ItYWVzISE=";

  /** The role's real password, given in store.url as operators often do. */
  private static final String URL_PASSWORD = "pg-url-password-4b1d";

  /** A second password in store.password; the driver prefers the URL's, but both are secrets. */
  private static final String STORE_PASSWORD = "pg-store-password-9e7c";

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres postgres;

  @TempDir Path dir;
  private java.util.logging.Level julRootLevel;

  /**
   * A PostgreSQL server where the bot's role must log in with its password (SCRAM), so the driver
   * goes through its whole authentication and logs what it logs.
   */
  @BeforeAll
  static void startPostgres() throws IOException, SQLException {
    postgres = EmbeddedPostgres.builder().start();
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("SET password_encryption = 'scram-sha-256'");
      s.execute("CREATE ROLE likes LOGIN PASSWORD '" + URL_PASSWORD + "'");
      Path hba;
      try (ResultSet r = s.executeQuery("SHOW hba_file")) {
        r.next();
        hba = Path.of(r.getString(1));
      }
      String rules =
          "host all likes 127.0.0.1/32 scram-sha-256\nhost all likes ::1/128 scram-sha-256\n";
      Files.writeString(hba, rules + Files.readString(hba, StandardCharsets.UTF_8));
      s.execute("SELECT pg_reload_conf()");
    }
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    postgres.close();
  }

  private void bridgeJulAt(java.util.logging.Level level) {
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
    julRootLevel = root.getLevel();
    root.setLevel(level);
  }

  @AfterEach
  void restoreJul() {
    java.util.logging.Logger.getLogger("").setLevel(julRootLevel);
    SLF4JBridgeHandler.uninstall();
  }

  private static String param(String url, String name) {
    Matcher m = Pattern.compile("[?&]" + name + "=([^&]+)").matcher(url);
    assertThat(m.find()).as("%s in %s", name, url).isTrue();
    return m.group(1);
  }

  /** A new database owned by the password-protected role. */
  private static String newDatabase() throws SQLException {
    String database = "secrets_" + DATABASES.incrementAndGet();
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + database + " OWNER likes");
    }
    return database;
  }

  private static String postgresUrl(String database, String password) {
    return "jdbc:postgresql://127.0.0.1:"
        + postgres.getPort()
        + "/"
        + database
        + "?user=likes&password="
        + password
        + "&ApplicationName=likes-bot";
  }

  @Test
  void noSecretAppearsInLogsRepliesOrPagesOnSqlite() throws Exception {
    bridgeJulAt(java.util.logging.Level.FINE);
    try (LogCapture logs = LogCapture.at(Level.DEBUG);
        BotHarness bot = new BotHarness(dir).with("STORE_ENCRYPTION_KEY", ENCRYPTION_KEY)) {
      everyFlowLeaksNothing(
          bot,
          logs,
          Set.of(ENCRYPTION_KEY),
          () -> DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("likes-bot.db")));
    }
  }

  @ParameterizedTest(name = "log.level={0}")
  @ValueSource(strings = {"DEBUG", "TRACE"})
  void noSecretAppearsOnPostgresWithPasswordsInTheUrlAndInStorePassword(String level)
      throws Exception {
    bridgeJulAt(level.equals("TRACE") ? java.util.logging.Level.ALL : java.util.logging.Level.FINE);
    String database = newDatabase();
    try (LogCapture logs = LogCapture.at(Level.toLevel(level));
        BotHarness bot =
            new BotHarness(dir)
                .with("STORE_URL", postgresUrl(database, URL_PASSWORD))
                .with("STORE_USER", "likes")
                .with("STORE_PASSWORD", STORE_PASSWORD)
                .with("STORE_ENCRYPTION_KEY", ENCRYPTION_KEY)) {
      everyFlowLeaksNothing(
          bot,
          logs,
          Set.of(ENCRYPTION_KEY, URL_PASSWORD, STORE_PASSWORD),
          () -> postgres.getDatabase("postgres", database).getConnection());
      assertThat(logs.lines())
          .as("the driver was logging")
          .anyMatch(line -> line.contains(" org.postgresql."));
    }
  }

  @ParameterizedTest(name = "log.level={0}")
  @ValueSource(strings = {"DEBUG", "TRACE"})
  void aRefusedPostgresLoginShowsNoPasswordInTheErrorOrTheLogs(String level) throws Exception {
    bridgeJulAt(level.equals("TRACE") ? java.util.logging.Level.ALL : java.util.logging.Level.FINE);
    String database = newDatabase();
    String wrong = "pg-wrong-password-77aa";
    try (LogCapture logs = LogCapture.at(Level.toLevel(level));
        BotHarness bot =
            new BotHarness(dir)
                .with("STORE_URL", postgresUrl(database, wrong))
                .with("STORE_USER", "likes")
                .with("STORE_PASSWORD", STORE_PASSWORD)) {
      StringWriter trace = new StringWriter();
      assertThatThrownBy(() -> App.start(bot.config(), bot.time, bot.time))
          .satisfies(e -> e.printStackTrace(new PrintWriter(trace)))
          .hasMessageContaining("password=****");
      assertThat(trace.toString())
          .as("the exception, its causes and stack")
          .doesNotContain(wrong)
          .doesNotContain(STORE_PASSWORD);
      assertThat(logs.lines())
          .as("log lines")
          .noneMatch(line -> line.contains(wrong) || line.contains(STORE_PASSWORD));
    }
  }

  /** A connection to the bot's database, to read what it stored. */
  private interface Database {
    Connection connect() throws SQLException;
  }

  /** The PKCE code verifiers the bot keeps for pending logins: secrets that pass through SQL. */
  private static Set<String> codeVerifiers(Database database) throws SQLException {
    Set<String> verifiers = new HashSet<>();
    try (Connection c = database.connect();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT code_verifier FROM pending_links")) {
      while (r.next()) {
        verifiers.add(r.getString(1));
      }
    }
    return verifiers;
  }

  /**
   * Links a member, runs /likes through a refresh, a revocation and /unlink, then checks that no
   * secret (those given, the bot's own, the login's and every one Spotify issued) reached a log
   * line or a reply.
   */
  private static void everyFlowLeaksNothing(
      BotHarness bot, LogCapture logs, Set<String> configuredSecrets, Database database)
      throws Exception {
    List<String> seen = new ArrayList<>(); // replies, DMs and pages the members saw
    Set<String> secrets = new HashSet<>(configuredSecrets);
    bot.start();
    secrets.add(bot.discord.botToken());
    secrets.add(BotHarness.CLIENT_SECRET);

    FakeUser ada = bot.discord.user(310000000000000001L, "ada");
    bot.spotify.addUser("ada", "Ada Lovelace", 30);
    // In the bot's DM, /link answers with the login itself (no copy is sent).
    JsonNode login = bot.run(ada, "link", null).raw();
    seen.add(login.toString());
    String loginUrl = BotHarness.firstButtonUrl(login);
    String loginState = param(loginUrl, "state");
    secrets.add(loginState);
    Set<String> verifiers = codeVerifiers(database);
    assertThat(verifiers).as("the pending login's code verifier").hasSize(1);
    secrets.addAll(verifiers);
    bot.spotify.nextLogin("ada");
    URI callback = bot.spotify.authorize(URI.create(loginUrl));
    secrets.add(param(callback.toString(), "code"));
    HttpResponse<String> page = BotHarness.get(callback);
    seen.add(page.body());
    seen.add(BotHarness.get(callback).body()); // the replay's refusal page
    seen.add(
        bot.discord
            .awaitDm(
                ada.id(), BotHarness.TIMEOUT, m -> m.path("content").asText().startsWith("Linked"))
            .toString());

    for (String sub : List.of("count", "random")) {
      FakeInteraction call = bot.discord.slashCommand(ada, "likes", sub, Map.of());
      call.awaitReply(BotHarness.TIMEOUT);
      call.calls().forEach(c -> seen.add(String.valueOf(c.body())));
    }
    bot.time.advance(Duration.ofMinutes(61)); // a refresh, with its own tokens
    seen.add(bot.run(ada, "likes", "count").raw().toString());
    bot.spotify.revoke("ada");
    bot.time.advance(Duration.ofMinutes(61)); // invalid_grant
    seen.add(bot.run(ada, "likes", "count").raw().toString());
    seen.add(bot.run(ada, "unlink", null).raw().toString());

    secrets.addAll(bot.spotify.issuedSecrets());
    assertThat(bot.spotify.tokenRefreshes("ada")).isEqualTo(1);
    bot.app.close();
    bot.app = null;

    List<String> lines = logs.lines();
    assertThat(lines).as("logging captured").hasSizeGreaterThan(50);
    assertThat(secrets).hasSizeGreaterThanOrEqualTo(configuredSecrets.size() + 6);
    List<String> leaks =
        lines.stream()
            .filter(line -> secrets.stream().anyMatch(line::contains))
            .map(line -> line.substring(0, Math.min(line.length(), 240)))
            .toList();
    assertThat(leaks).as("log lines holding a secret").isEmpty();
    for (String secret : secrets) {
      if (!secret.equals(loginState)) { // the login button itself must carry the state
        assertThat(seen).as("replies and pages").noneMatch(text -> text.contains(secret));
      }
    }
    String loginId = login.path("id").asText();
    assertThat(bot.discord.dms(ada.id()))
        .as("DMs other than the login itself")
        .filteredOn(m -> !m.path("id").asText().equals(loginId))
        .isNotEmpty()
        .noneMatch(m -> m.toString().contains(loginState));
  }
}
