package dev.likesbot.fake.discord;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects WARN and ERROR events of JDA's loggers. JDA only logs payloads it cannot parse and drops
 * the event, so tests assert {@link #drain()} is empty to notice a wrong fake or a misused API.
 * Registered in {@code logback-test.xml}.
 */
public final class JdaWarnings extends AppenderBase<ILoggingEvent> {
  private static final List<String> EVENTS = new ArrayList<>();

  @Override
  protected void append(ILoggingEvent event) {
    if (!event.getLevel().isGreaterOrEqual(Level.WARN)
        || !event.getLoggerName().startsWith("net.dv8tion")
        || causedByInterrupt(event)) {
      return;
    }
    StringBuilder line =
        new StringBuilder()
            .append(event.getLevel())
            .append(' ')
            .append(event.getLoggerName())
            .append(": ")
            .append(event.getFormattedMessage());
    IThrowableProxy thrown = event.getThrowableProxy();
    if (thrown != null) {
      line.append(" [").append(thrown.getClassName()).append(": ").append(thrown.getMessage());
      line.append(']');
    }
    synchronized (EVENTS) {
      EVENTS.add(line.toString());
    }
  }

  private static boolean causedByInterrupt(ILoggingEvent event) {
    // Requester logs an interrupted call as "...REST request: interrupted" without the exception.
    if (String.valueOf(event.getFormattedMessage()).endsWith(": interrupted")) {
      return true;
    }
    for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
      if (t.getClassName().contains("Interrupted")
          || String.valueOf(t.getMessage()).contains("thread is interrupted")) {
        return true;
      }
    }
    return false;
  }

  /** Returns the collected warnings and forgets them. */
  public static List<String> drain() {
    synchronized (EVENTS) {
      List<String> drained = List.copyOf(EVENTS);
      EVENTS.clear();
      return drained;
    }
  }

  public static void clear() {
    synchronized (EVENTS) {
      EVENTS.clear();
    }
  }
}
