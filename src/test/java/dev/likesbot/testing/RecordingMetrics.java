package dev.likesbot.testing;

import dev.likesbot.metrics.Metrics;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Remembers every event as one line, e.g. {@code refresh ok}. */
public final class RecordingMetrics implements Metrics {
  public final List<String> events = new CopyOnWriteArrayList<>();

  @Override
  public Stopwatch startReply(String command) {
    return () -> events.add("reply " + command);
  }

  @Override
  public void commandFinished(String command, String outcome) {
    events.add("command " + command + " " + outcome);
  }

  @Override
  public void spotifyRequest(String endpoint, String status) {
    events.add("spotify " + endpoint + " " + status);
  }

  @Override
  public void tokenRefresh(String outcome) {
    events.add("refresh " + outcome);
  }

  @Override
  public void rateLimited(String service) {
    events.add("rate limited " + service);
  }

  @Override
  public void memberLimited(String outcome) {
    events.add("member limit " + outcome);
  }
}
