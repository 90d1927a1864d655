package dev.likesbot.fake.spotify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/** Injected trouble: latency on every request and the next N failures for a path prefix. */
final class Faults {

  /**
   * An injected error: its status, for the Web API Spotify's optional {@code reason}, and for a 429
   * the Retry-After in seconds.
   */
  record Failure(int status, String reason, long retryAfterSeconds) {
    Failure(int status, String reason) {
      this(status, reason, 1);
    }
  }

  private static final class Rule {
    final Failure failure;
    final String pathPrefix;
    int remaining;

    Rule(Failure failure, int remaining, String pathPrefix) {
      this.failure = failure;
      this.remaining = remaining;
      this.pathPrefix = pathPrefix;
    }
  }

  private final List<Rule> rules = new ArrayList<>();
  private volatile Duration latency = Duration.ZERO;

  Duration latency() {
    return latency;
  }

  void latency(Duration perRequest) {
    this.latency = perRequest;
  }

  synchronized void clear() {
    rules.clear();
  }

  synchronized void failNext(Failure failure, int times, String pathPrefix) {
    rules.add(new Rule(failure, times, pathPrefix));
  }

  /** Takes one failure for this path if a rule still has some; rules apply in the order added. */
  synchronized Optional<Failure> take(String path) {
    for (Iterator<Rule> it = rules.iterator(); it.hasNext(); ) {
      Rule rule = it.next();
      if (path.startsWith(rule.pathPrefix)) {
        rule.remaining--;
        if (rule.remaining == 0) {
          it.remove();
        }
        return Optional.of(rule.failure);
      }
    }
    return Optional.empty();
  }
}
