package dev.likesbot.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.likesbot.testing.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

class QuietLibrariesTest {
  private java.util.logging.Level julRootLevel;

  @BeforeEach
  void bridgeJulAtEveryLevel() {
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    julRootLevel = java.util.logging.Logger.getLogger("").getLevel();
    java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.ALL);
    QuietLibraries.install();
  }

  @AfterEach
  void restoreJul() {
    java.util.logging.Logger.getLogger("").setLevel(julRootLevel);
    SLF4JBridgeHandler.uninstall();
  }

  @Test
  void thePostgresDriverLogsNothingBelowInfoEvenThroughJul() {
    java.util.logging.Logger driver = java.util.logging.Logger.getLogger("org.postgresql.Driver");
    try (LogCapture logs = LogCapture.at(Level.TRACE)) {
      driver.fine("Connecting with URL: jdbc:postgresql://db/x?password=hunter2");
      driver.finest(" FE=> Bind(stmt=S_1,$1=<'verifier'>)");
      driver.warning("Connection refused, trying the next host");

      assertThat(logs.lines())
          .containsExactly("WARN org.postgresql.Driver Connection refused, trying the next host");
    }
  }

  @Test
  void theSpotifyLibraryLogsNothingBelowWarnEvenThroughJul() {
    java.util.logging.Logger library =
        java.util.logging.Logger.getLogger("se.michaelthelin.spotify.SpotifyApi");
    try (LogCapture logs = LogCapture.at(Level.TRACE)) {
      library.fine("The http response has body {\"access_token\":\"BQD-secret\"}");
      library.info("Authorization: Bearer BQD-secret");
      library.warning("The request was rate limited");

      assertThat(logs.lines())
          .containsExactly("WARN se.michaelthelin.spotify.SpotifyApi The request was rate limited");
    }
  }

  @Test
  void jdaKeepsItsDebugButNotTheRestBodiesItLogsAtTrace() {
    Logger jda = LoggerFactory.getLogger("net.dv8tion.jda.internal.requests.Requester");
    try (LogCapture logs = LogCapture.at(Level.TRACE)) {
      jda.trace("Sending request with body {\"url\":\"https://example.org/?state=s3cret\"}");
      jda.debug("Received response with code 200");

      assertThat(logs.lines())
          .containsExactly(
              "DEBUG net.dv8tion.jda.internal.requests.Requester Received response with code 200");
    }
  }

  @Test
  void theBotsOwnTraceAndLookAlikeNamesStayLoggable() {
    try (LogCapture logs = LogCapture.at(Level.TRACE)) {
      LoggerFactory.getLogger("dev.likesbot.store.Database").trace("own detail");
      LoggerFactory.getLogger("org.postgresqlx.Other").debug("not the driver");

      assertThat(logs.lines())
          .containsExactly(
              "TRACE dev.likesbot.store.Database own detail",
              "DEBUG org.postgresqlx.Other not the driver");
    }
  }
}
