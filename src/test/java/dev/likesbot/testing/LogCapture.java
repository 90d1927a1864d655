package dev.likesbot.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Captures every log line (message, MDC and stack trace) while open, with the root logger at the
 * given level; restores the levels when closed.
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Map<Logger, Level> previous = new ConcurrentHashMap<>();
  private final Logger root;

  private LogCapture(Level level) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    setContext(context);
    for (Logger logger : context.getLoggerList()) {
      if (logger.getLevel() != null) {
        previous.put(logger, logger.getLevel());
        logger.setLevel(level);
      }
    }
    root.setLevel(level);
    start();
    root.addAppender(this);
  }

  /** Everything at {@code level} and above, from every logger. */
  public static LogCapture at(Level level) {
    return new LogCapture(level);
  }

  @Override
  protected void append(ILoggingEvent event) {
    StringBuilder line =
        new StringBuilder(
            event.getLevel() + " " + event.getLoggerName() + " " + event.getFormattedMessage());
    event.getMDCPropertyMap().forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
    if (event.getThrowableProxy() != null) {
      line.append('\n').append(ThrowableProxyUtil.asString(event.getThrowableProxy()));
    }
    lines.add(line.toString());
  }

  public List<String> lines() {
    return List.copyOf(lines);
  }

  @Override
  public void close() {
    root.detachAppender(this);
    stop();
    previous.forEach(Logger::setLevel);
    root.setLevel(Level.INFO);
  }
}
