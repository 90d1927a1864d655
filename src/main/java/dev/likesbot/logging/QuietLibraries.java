package dev.likesbot.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.List;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Keeps libraries that log request lines, query strings and headers below INFO from logging at all:
 * Jetty and Javalin would log the callback's OAuth code and state, the JDK's HTTP client bearer
 * tokens. An operator who turns on DEBUG gets the bot's own detail, never a secret.
 */
public final class QuietLibraries extends TurboFilter {
  static final List<String> PREFIXES =
      List.of("org.eclipse.jetty", "io.javalin", "jdk.internal.httpclient", "jdk.httpclient");

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
    if (level != null && !level.isGreaterOrEqual(Level.INFO)) {
      String name = logger.getName();
      for (String prefix : PREFIXES) {
        if (name.startsWith(prefix)) {
          return FilterReply.DENY;
        }
      }
    }
    return FilterReply.NEUTRAL;
  }
}
