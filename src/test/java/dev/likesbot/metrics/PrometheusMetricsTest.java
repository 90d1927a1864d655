package dev.likesbot.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MockClock;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PrometheusMetricsTest {
  private final MockClock clock = new MockClock();
  private final PrometheusMetrics metrics = PrometheusMetrics.create(clock);

  @AfterEach
  void close() {
    metrics.close();
  }

  @Test
  void countsCommandsByNameAndOutcome() {
    metrics.commandFinished("likes count", "ok");
    metrics.commandFinished("likes count", "ok");
    metrics.commandFinished("link", "busy");

    assertThat(metrics.scrape())
        .contains("likesbot_commands_total{command=\"likes count\",outcome=\"ok\"} 2.0")
        .contains("likesbot_commands_total{command=\"link\",outcome=\"busy\"} 1.0");
  }

  @Test
  void recordsTheReplyLatencyOnceInAHistogram() {
    Metrics.Stopwatch watch = metrics.startReply("likes random");
    clock.add(Duration.ofMillis(250));
    watch.stop();
    clock.add(Duration.ofSeconds(5));
    watch.stop(); // a second answer is not a second reply

    String text = metrics.scrape();
    assertThat(text)
        .contains("likesbot_command_reply_seconds_count{command=\"likes random\"} 1")
        .contains("likesbot_command_reply_seconds_sum{command=\"likes random\"} 0.25")
        .containsPattern(
            "likesbot_command_reply_seconds_bucket\\{command=\"likes random\",le=\"0\\.[0-9]+\"\\}");
  }

  @Test
  void countsSpotifyRequestsAndSeparatelyTheRateLimitedOnes() {
    metrics.spotifyRequest("/v1/me/tracks", "200");
    metrics.spotifyRequest("/v1/me/tracks", "429");
    metrics.spotifyRequest("/api/token", "io_error");

    assertThat(metrics.scrape())
        .contains("likesbot_spotify_requests_total{endpoint=\"/v1/me/tracks\",status=\"200\"} 1.0")
        .contains("likesbot_spotify_requests_total{endpoint=\"/v1/me/tracks\",status=\"429\"} 1.0")
        .contains(
            "likesbot_spotify_requests_total{endpoint=\"/api/token\",status=\"io_error\"} 1.0")
        .contains("likesbot_rate_limited_total{service=\"spotify\"} 1.0");
    metrics.rateLimited("discord");
    assertThat(metrics.scrape()).contains("likesbot_rate_limited_total{service=\"discord\"} 1.0");
  }

  @Test
  void countsTokenRefreshesByOutcome() {
    metrics.tokenRefresh("ok");
    metrics.tokenRefresh("revoked");

    assertThat(metrics.scrape())
        .contains("likesbot_token_refreshes_total{outcome=\"ok\"} 1.0")
        .contains("likesbot_token_refreshes_total{outcome=\"revoked\"} 1.0");
  }

  @Test
  void theLinkedMembersGaugeReadsTheStoreAtEachScrapeAndShowsNanWhenItFails() {
    long[] count = {3};
    boolean[] fail = {false};
    metrics.linkedMembers(
        () -> {
          if (fail[0]) {
            throw new IllegalStateException("store down");
          }
          return count[0];
        });

    assertThat(metrics.scrape()).contains("likesbot_linked_members 3.0");
    count[0] = 4;
    assertThat(metrics.scrape()).contains("likesbot_linked_members 4.0");
    fail[0] = true;
    assertThat(metrics.scrape()).contains("likesbot_linked_members NaN");
  }

  @Test
  void exposesJvmAndWorkerPoolMeters() throws InterruptedException {
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(5));
    try {
      metrics.monitor(pool, "likesbot.workers");
      pool.execute(() -> {});

      assertThat(metrics.scrape())
          .contains("jvm_memory_used_bytes")
          .contains("jvm_threads_live_threads")
          .contains("process_uptime_seconds")
          .contains("executor_pool_max_threads{name=\"likesbot.workers\"} 2.0")
          .contains("executor_queue_remaining_tasks{name=\"likesbot.workers\"}");
    } finally {
      pool.shutdown();
      pool.awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
