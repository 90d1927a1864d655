package dev.likesbot.metrics;

/**
 * What the bot counts, in its own words; {@link PrometheusMetrics} turns it into Micrometer meters.
 * Labels are small fixed sets (command names, outcomes, endpoints, statuses): never a member, a
 * token or a URL with its query.
 */
public interface Metrics {

  /** Counts nothing; for tests and wiring that does not care. */
  Metrics NONE =
      new Metrics() {
        @Override
        public Stopwatch startReply(String command) {
          return () -> {};
        }

        @Override
        public void commandFinished(String command, String outcome) {}

        @Override
        public void spotifyRequest(String endpoint, String status) {}

        @Override
        public void tokenRefresh(String outcome) {}

        @Override
        public void rateLimited(String service) {}

        @Override
        public void memberLimited(String outcome) {}
      };

  /** Starts timing one interaction until its reply; {@link Stopwatch#stop} records it once. */
  Stopwatch startReply(String command);

  /**
   * A command or click has been handled.
   *
   * @param outcome {@code ok}, {@code failed}, {@code busy}, {@code limited} (refused by the
   *     member's limit), {@code restarting} or {@code unknown}
   */
  void commandFinished(String command, String outcome);

  /**
   * One request to Spotify has been answered.
   *
   * @param endpoint the path without ids, e.g. {@code /v1/me/tracks}
   * @param status the HTTP status, or {@code io_error} when no answer came
   */
  void spotifyRequest(String endpoint, String status);

  /**
   * A member's access token was refreshed.
   *
   * @param outcome {@code ok}, {@code revoked}, {@code failed} or {@code superseded} (refused
   *     because another instance had just refreshed; its tokens are used)
   */
  void tokenRefresh(String outcome);

  /**
   * A service answered 429 Too Many Requests.
   *
   * @param service {@code spotify} or {@code discord}
   */
  void rateLimited(String service);

  /**
   * The per-member limit held a command or click back, or refused it.
   *
   * @param outcome {@code delayed} or {@code refused}
   */
  void memberLimited(String outcome);

  /** A running timing. */
  @FunctionalInterface
  interface Stopwatch {
    void stop();
  }
}
