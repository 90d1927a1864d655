package dev.likesbot.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Map;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * The one place that keeps secrets out of libraries' logs: each library that writes what passes
 * through it (request lines, bodies, connection URLs, protocol messages) is held to the quietest
 * level at which it writes none of that, whatever {@code log.level} and {@code log.levels} say. An
 * operator who turns on DEBUG or TRACE gets the bot's own detail, never a secret. Masking would not
 * do: a library can write a secret in any shape (a query string, a JSON body, a bind parameter).
 */
public final class QuietLibraries extends TurboFilter {
  /** Logger name prefix → the quietest level let through. */
  static final Map<String, Level> FLOORS =
      Map.of(
          // the callback's request line: the OAuth code and state
          "org.eclipse.jetty", Level.INFO,
          "io.javalin", Level.INFO,
          // the JDK's HTTP client: bearer tokens in headers, token responses
          "jdk.internal.httpclient", Level.INFO,
          "jdk.httpclient", Level.INFO,
          // the PostgreSQL driver (through jul-to-slf4j): at DEBUG its JDBC URL, password
          // included; at TRACE every protocol message with its bind values
          "org.postgresql", Level.INFO,
          // spotify-web-api-java (through jul-to-slf4j): token responses and bearer headers
          // below WARN
          "se.michaelthelin", Level.WARN,
          // JDA at TRACE: every REST body, such as the DM holding a member's login link
          "net.dv8tion.jda", Level.DEBUG);

  /** At or above every floor: decided without looking at the logger's name. */
  private static final Level LOUD_ENOUGH =
      FLOORS.values().stream().max((x, y) -> Integer.compare(x.toInt(), y.toInt())).orElseThrow();

  private QuietLibraries() {}

  /** Installs the filter once into Logback's context. */
  public static void install() {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    synchronized (context) {
      if (context.getTurboFilterList().stream().noneMatch(QuietLibraries.class::isInstance)) {
        QuietLibraries filter = new QuietLibraries();
        filter.start();
        context.addTurboFilter(filter);
      }
    }
  }

  @Override
  public FilterReply decide(
      Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (level == null || level.isGreaterOrEqual(LOUD_ENOUGH)) {
      return FilterReply.NEUTRAL; // the common case
    }
    String name = logger.getName();
    for (Map.Entry<String, Level> floor : FLOORS.entrySet()) {
      if (isWithin(name, floor.getKey()) && !level.isGreaterOrEqual(floor.getValue())) {
        return FilterReply.DENY;
      }
    }
    return FilterReply.NEUTRAL;
  }

  /** {@code name} is the package's logger or one below it (not {@code org.postgresqlx}). */
  private static boolean isWithin(String name, String prefix) {
    return name.startsWith(prefix)
        && (name.length() == prefix.length() || name.charAt(prefix.length()) == '.');
  }
}
