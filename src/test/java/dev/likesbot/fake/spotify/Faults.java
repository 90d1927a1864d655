package dev.likesbot.fake.spotify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalInt;

/** Injected trouble: latency on every request and the next N failures for a path prefix. */
final class Faults {

  private static final class Rule {
    final int status;
    final String pathPrefix;
    int remaining;

    Rule(int status, int remaining, String pathPrefix) {
      this.status = status;
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

  synchronized void failNext(int status, int times, String pathPrefix) {
    rules.add(new Rule(status, times, pathPrefix));
  }

  /** Takes one failure for this path if a rule still has some; rules apply in the order added. */
  synchronized OptionalInt take(String path) {
    for (Iterator<Rule> it = rules.iterator(); it.hasNext(); ) {
      Rule rule = it.next();
      if (path.startsWith(rule.pathPrefix)) {
        rule.remaining--;
        if (rule.remaining == 0) {
          it.remove();
        }
        return OptionalInt.of(rule.status);
      }
    }
    return OptionalInt.empty();
  }
}
