package dev.likesbot.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

class LogDefaultsTest {
  private final LoggerContext context = new LoggerContext();

  @Test
  void writesReadableUtf8LinesAtInfoWithTheChattyLibrariesAtWarn() {
    LogDefaults.apply(context);

    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    assertThat(root.getLevel()).isEqualTo(Level.INFO);
    assertThat(context.getLogger("org.eclipse.jetty.server.Server").getEffectiveLevel())
        .isEqualTo(Level.WARN);
    assertThat(context.getLogger("org.flywaydb.core.Flyway").getEffectiveLevel())
        .isEqualTo(Level.WARN);
    assertThat(context.getLogger("dev.likesbot.App").getEffectiveLevel()).isEqualTo(Level.INFO);
    assertThat(context.getCopyOfListenerList())
        .anySatisfy(l -> assertThat(l).isInstanceOf(LevelChangePropagator.class));

    @SuppressWarnings("unchecked")
    ConsoleAppender<ILoggingEvent> console =
        (ConsoleAppender<ILoggingEvent>) root.getAppender("CONSOLE");
    LoggingEvent event =
        new LoggingEvent(
            "x", context.getLogger("dev.likesbot.App"), Level.INFO, "Linked 🎧 ナイト", null, null);
    event.setThreadName("main");
    String line = new String(console.getEncoder().encode(event), StandardCharsets.UTF_8);

    assertThat(line)
        .matches(
            "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  \\[main\\] dev.likesbot.App"
                + " - Linked 🎧 ナイト\\R");
  }

  @Test
  void anOperatorsOwnLogbackFileWins() {
    // The test class path has logback-test.xml, as an operator's own file would be found.
    assertThat(new LogDefaults().configure(context))
        .isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
    assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("CONSOLE")).isNull();
  }

  @Test
  void aLogbackFilePropertyNamingNothingKeepsTheseDefaults(@TempDir Path dir) throws Exception {
    // Logback would skip a missing file and, with no logback.xml in the jar, fall back to its bare
    // DEBUG console: another format, the platform's charset, Jetty and Flyway at INFO.
    ClassLoader jar = new URLClassLoader(new URL[0], null);
    Path own = Files.writeString(dir.resolve("own.xml"), "<configuration/>");

    assertThat(LogDefaults.operatorsOwn(null, jar)).isFalse();
    assertThat(LogDefaults.operatorsOwn(dir.resolve("typo.xml").toString(), jar)).isFalse();
    assertThat(LogDefaults.operatorsOwn(own.toString(), jar)).isTrue();
    assertThat(LogDefaults.operatorsOwn(own.toUri().toString(), jar)).isTrue();
  }
}
