package dev.likesbot.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import dev.likesbot.config.BotConfig;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import net.logstash.logback.encoder.LogstashEncoder;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code log.*} to Logback once the configuration is read: levels per logger, and with
 * {@code log.format=json} one JSON object per line on standard output instead of the readable lines
 * of {@link LogDefaults}. Until then (and for configuration errors) the readable lines apply.
 */
public final class LogSetup {
  static final String JSON_APPENDER = "JSON";

  private LogSetup() {}

  public static void apply(BotConfig.Log config) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return; // another SLF4J backend (tests may bring one): nothing of ours to configure
    }
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(config.rootLevel(), Level.INFO));
    config
        .levels()
        .forEach((name, level) -> context.getLogger(name).setLevel(Level.toLevel(level)));
    if (config.json() && root.getAppender(JSON_APPENDER) == null) {
      ConsoleAppender<ILoggingEvent> json = new ConsoleAppender<>();
      json.setContext(context);
      json.setName(JSON_APPENDER);
      LogstashEncoder encoder = new LogstashEncoder();
      encoder.setContext(context);
      encoder.start();
      json.setEncoder(encoder);
      json.start();
      List<Appender<ILoggingEvent>> consoles = new ArrayList<>();
      for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
        Appender<ILoggingEvent> appender = it.next();
        if (appender instanceof ConsoleAppender) {
          consoles.add(appender);
        }
      }
      root.addAppender(json);
      consoles.forEach(
          c -> {
            root.detachAppender(c);
            c.stop();
          });
    }
  }
}
