package dev.likesbot.config;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code likes.*} and {@code bot.worker-*} keys: the total's cache, the workers that call
 * Spotify, and each member's limit.
 */
final class LikesKeys {
  // Named after BotConfig, as the warning has always been: operators may filter on it.
  private static final Logger LOG = LoggerFactory.getLogger(BotConfig.class);

  private LikesKeys() {}

  static BotConfig.Likes read(KeyReader in) {
    int totalTtl = in.integer("likes.total-cache-seconds", 0, 86_400);
    int workers = in.integer("bot.worker-threads", 1, 64);
    int queue = in.integer("bot.worker-queue", 1, 100_000);
    return new BotConfig.Likes(Duration.ofSeconds(totalTtl), workers, queue, limit(in));
  }

  /**
   * The per-member limit. The old {@code likes.cooldown-seconds=N} (one use every N s) still works,
   * with a warning, as a refill of one use every N s (0: off), unless a new key is set.
   */
  private static BotConfig.Limit limit(KeyReader in) {
    int burst = in.integer("likes.limit-burst", 0, 1_000);
    int perMinute = in.integer("likes.limit-per-minute", 1, 6_000);
    int maxWait = in.integer("likes.limit-max-wait-seconds", 0, 60);
    BotConfig.Limit limit =
        new BotConfig.Limit(
            burst, Duration.ofMinutes(1).dividedBy(perMinute), Duration.ofSeconds(maxWait));
    String old = "likes.cooldown-seconds";
    if (in.raw(old).isEmpty()) {
      return limit;
    }
    String newKeys = "likes.limit-burst, likes.limit-per-minute and likes.limit-max-wait-seconds";
    if (in.given("likes.limit-burst")
        || in.given("likes.limit-per-minute")
        || in.given("likes.limit-max-wait-seconds")) {
      LOG.warn("{} is deprecated and ignored since {} are set: remove it", old, newKeys);
      return limit;
    }
    int cooldown = in.integer(old, 0, 3_600);
    LOG.warn(
        "{} (env {}) is deprecated: read as {}; set {} instead (see bot.properties.example)",
        old,
        BotConfig.envName(old),
        cooldown == 0
            ? "no limit (likes.limit-burst=0)"
            : "a burst of " + burst + " then one command every " + cooldown + " s",
        newKeys);
    return cooldown == 0
        ? new BotConfig.Limit(0, limit.refillEvery(), limit.maxWait())
        : new BotConfig.Limit(burst, Duration.ofSeconds(cooldown), limit.maxWait());
  }
}
