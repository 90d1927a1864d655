package dev.likesbot.metrics;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Metrics} in a Prometheus registry, plus JVM, executor and store gauges; {@link #scrape}.
 */
public final class PrometheusMetrics implements Metrics, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PrometheusMetrics.class);
  static final String PREFIX = "likesbot.";

  private final PrometheusMeterRegistry registry;
  private final JvmGcMetrics gc = new JvmGcMetrics();

  private PrometheusMetrics(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  /** A registry with the JVM's meters bound; {@code clock} times replies. */
  public static PrometheusMetrics create(Clock clock) {
    PrometheusMetrics metrics =
        new PrometheusMetrics(
            new PrometheusMeterRegistry(
                PrometheusConfig.DEFAULT,
                new io.prometheus.metrics.model.registry.PrometheusRegistry(),
                clock));
    new JvmMemoryMetrics().bindTo(metrics.registry);
    metrics.gc.bindTo(metrics.registry);
    new JvmThreadMetrics().bindTo(metrics.registry);
    new ClassLoaderMetrics().bindTo(metrics.registry);
    new ProcessorMetrics().bindTo(metrics.registry);
    new UptimeMetrics().bindTo(metrics.registry);
    return metrics;
  }

  /** The real monotonic clock, for {@link #create(Clock)} outside tests. */
  public static PrometheusMetrics create() {
    return create(Clock.SYSTEM);
  }

  /** Pool size, active threads, queue length and completed tasks of {@code executor}. */
  public void monitor(ThreadPoolExecutor executor, String name) {
    new ExecutorServiceMetrics(executor, name, Tags.empty()).bindTo(registry);
  }

  /** A gauge read at each scrape; a failed read shows as NaN rather than failing the scrape. */
  public void linkedMembers(LongSupplier count) {
    AtomicBoolean warned = new AtomicBoolean();
    Gauge.builder(
            PREFIX + "linked.members",
            () -> {
              try {
                return count.getAsLong();
              } catch (RuntimeException e) {
                if (warned.compareAndSet(false, true)) {
                  log.warn("Cannot count the linked members for /metrics: {}", e.toString());
                }
                return Double.NaN;
              }
            })
        .description("Members with a Spotify link in the store")
        .register(registry);
  }

  @Override
  public Stopwatch startReply(String command) {
    Timer.Sample sample = Timer.start(registry);
    AtomicBoolean stopped = new AtomicBoolean();
    return () -> {
      if (stopped.compareAndSet(false, true)) {
        sample.stop(
            Timer.builder(PREFIX + "command.reply")
                .description("From receiving an interaction to sending its answer")
                .tag("command", command)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(5))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry));
      }
    };
  }

  @Override
  public void commandFinished(String command, String outcome) {
    increment(
        "commands",
        "Commands and button clicks handled, by outcome",
        "command",
        command,
        "outcome",
        outcome);
  }

  @Override
  public void spotifyRequest(String endpoint, String status) {
    increment(
        "spotify.requests",
        "Requests to Spotify, by endpoint and HTTP status",
        "endpoint",
        endpoint,
        "status",
        status);
    if (status.equals("429")) {
      rateLimited("spotify");
    }
  }

  @Override
  public void rateLimited(String service) {
    increment("rate.limited", "429 Too Many Requests answers, by service", "service", service);
  }

  @Override
  public void memberLimited(String outcome) {
    increment(
        "member.limit",
        "Commands and clicks the per-member limit delayed or refused",
        "outcome",
        outcome);
  }

  @Override
  public void tokenRefresh(String outcome) {
    increment("token.refreshes", "Access-token refreshes, by outcome", "outcome", outcome);
  }

  /** Adds one to the counter {@code name} with the tags given as key, value, key, value. */
  private void increment(String name, String description, String... tags) {
    Counter.builder(PREFIX + name)
        .description(description)
        .tags(tags)
        .register(registry)
        .increment();
  }

  /** Every meter in the Prometheus text format. */
  public String scrape() {
    return registry.scrape();
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
