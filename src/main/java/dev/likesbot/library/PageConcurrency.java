package dev.likesbot.library;

/**
 * How many pages one read keeps in flight: it starts at the maximum (the app-wide budget already
 * paces the requests), halves when Spotify pushes back (a 429), and grows back by one after as many
 * answers in a row as it allows, so a read backs off at once and finds its pace again slowly.
 */
final class PageConcurrency {
  private final int max;
  private int limit;
  private int successes;

  PageConcurrency(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("max >= 1");
    }
    this.max = max;
    this.limit = max;
  }

  int limit() {
    return limit;
  }

  void succeeded() {
    if (++successes >= limit && limit < max) {
      limit++;
      successes = 0;
    }
  }

  void pushedBack() {
    limit = Math.max(1, limit / 2);
    successes = 0;
  }
}
