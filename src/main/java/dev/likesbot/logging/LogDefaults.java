package dev.likesbot.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;

/**
 * Logback's configuration from the first log line on, until {@link LogSetup} applies {@code log.*}:
 * readable UTF-8 lines on standard output at INFO, the chattiest libraries at WARN. Code rather
 * than a {@code logback.xml}: parsing XML cost a third of a second at every start. Found through
 * {@code META-INF/services}; an operator's own Logback file ({@code -Dlogback.configurationFile},
 * or {@code logback.xml} on the class path) still wins.
 */
public final class LogDefaults extends ContextAwareBase implements Configurator {
  static final String PATTERN =
      "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n";
  static final List<String> AT_WARN = List.of("org.eclipse.jetty", "io.javalin", "org.flywaydb");

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (operatorsOwn(
        System.getProperty("logback.configurationFile"), LogDefaults.class.getClassLoader())) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    apply(context);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /**
   * Whether Logback's own search finds an operator's file: the property as a URL, a class path
   * resource or a file, else logback-test.xml or logback.xml on the class path. A property naming
   * nothing counts as none: Logback would then fall back to its bare DEBUG console, not to these.
   */
  static boolean operatorsOwn(String property, ClassLoader loader) {
    if (property != null) {
      try {
        new URL(property);
        return true;
      } catch (MalformedURLException e) {
        File file = new File(property);
        if (loader.getResource(property) != null || file.isFile()) {
          return true;
        }
      }
    }
    return loader.getResource("logback-test.xml") != null
        || loader.getResource("logback.xml") != null;
  }

  static void apply(LoggerContext context) {
    // java.util.logging (spotify-web-api-java) follows Logback's levels through jul-to-slf4j.
    LevelChangePropagator julLevels = new LevelChangePropagator();
    julLevels.setContext(context);
    julLevels.setResetJUL(true);
    julLevels.start();
    context.addListener(julLevels);

    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setCharset(StandardCharsets.UTF_8);
    encoder.setPattern(PATTERN);
    encoder.start();
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setName("CONSOLE");
    console.setEncoder(encoder);
    console.start();

    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(console);
    AT_WARN.forEach(name -> context.getLogger(name).setLevel(Level.WARN));
  }
}
