package dev.likesbot.fake.spotify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What clients did: every request (in arrival order) and every protocol violation. */
final class Journal {

  private static final Logger LOG = LoggerFactory.getLogger(Journal.class);

  private record Entry(long sequence, FakeSpotify.Request request) {}

  private final List<Entry> entries = new ArrayList<>();
  private final List<String> failures = new ArrayList<>();

  /** Recorded once the response is final but before it is written, so no test can race it. */
  synchronized void record(long sequence, FakeSpotify.Request request) {
    entries.add(new Entry(sequence, request));
  }

  synchronized List<FakeSpotify.Request> requests() {
    return entries.stream()
        .sorted(Comparator.comparingLong(Entry::sequence))
        .map(Entry::request)
        .toList();
  }

  synchronized long count(String method, String path) {
    return entries.stream()
        .filter(e -> e.request().method().equals(method) && e.request().path().equals(path))
        .count();
  }

  synchronized void clearRequests() {
    entries.clear();
  }

  void violation(String message) {
    LOG.warn("Client broke the Spotify protocol: {}", message);
    synchronized (this) {
      failures.add(message);
    }
  }

  synchronized List<String> failures() {
    return List.copyOf(failures);
  }

  synchronized void clearFailures() {
    failures.clear();
  }
}
