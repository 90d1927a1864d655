package dev.likesbot.config;

import static dev.likesbot.config.ConfigFixture.required;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import dev.likesbot.testing.LogCapture;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-member limit's keys, and the old likes.cooldown-seconds as their deprecated alias. */
class MemberLimitConfigTest {
  @TempDir Path dir;

  private BotConfig.Limit load(String properties, Map<String, String> env) throws IOException {
    return ConfigFixture.load(dir, properties, env).likes().limit();
  }

  private static String warnings(LogCapture logs) {
    return String.join("\n", logs.lines().stream().filter(l -> l.startsWith("WARN")).toList());
  }

  @Test
  void byDefaultABurstOfTenThenOneASecondHeldAtMostTenSeconds() throws IOException {
    try (LogCapture logs = LogCapture.at(Level.INFO)) {
      assertThat(load("", required()))
          .isEqualTo(new BotConfig.Limit(10, Duration.ofSeconds(1), Duration.ofSeconds(10)));
      assertThat(warnings(logs)).isEmpty();
    }
  }

  @Test
  void readsTheNewKeysFromTheFileAndTheEnvironment() throws IOException {
    Map<String, String> env = required();
    env.put("LIKES_LIMIT_MAX_WAIT_SECONDS", "3");

    BotConfig.Limit limit = load("likes.limit-burst=5\nlikes.limit-per-minute=120\n", env);

    assertThat(limit)
        .isEqualTo(new BotConfig.Limit(5, Duration.ofMillis(500), Duration.ofSeconds(3)));
  }

  @Test
  void aBurstOfZeroTurnsTheLimitOff() throws IOException {
    assertThat(load("likes.limit-burst=0\n", required()).enabled()).isFalse();
  }

  @Test
  void namesAnOutOfRangeValueAndItsRange() {
    Map<String, String> env = required();
    env.put("LIKES_LIMIT_PER_MINUTE", "0");

    assertThatThrownBy(() -> load("likes.limit-max-wait-seconds=600\n", env))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("likes.limit-per-minute (env LIKES_LIMIT_PER_MINUTE) is '0'")
        .hasMessageContaining("likes.limit-max-wait-seconds")
        .hasMessageContaining("from 0 to 60");
  }

  @Test
  void anOldCooldownStillStartsAsTheRefillRateWithAWarningNamingTheNewKeys() throws IOException {
    try (LogCapture logs = LogCapture.at(Level.INFO)) {
      BotConfig.Limit limit = load("likes.cooldown-seconds=5\n", required());

      assertThat(limit)
          .isEqualTo(new BotConfig.Limit(10, Duration.ofSeconds(5), Duration.ofSeconds(10)));
      assertThat(warnings(logs))
          .contains("likes.cooldown-seconds (env LIKES_COOLDOWN_SECONDS) is deprecated")
          .contains("one command every 5 s")
          .contains("likes.limit-burst")
          .contains("likes.limit-per-minute")
          .contains("likes.limit-max-wait-seconds");
    }
  }

  @Test
  void anOldCooldownOfZeroStillMeansNoLimit() throws IOException {
    Map<String, String> env = required();
    env.put("LIKES_COOLDOWN_SECONDS", "0");
    try (LogCapture logs = LogCapture.at(Level.INFO)) {
      assertThat(load("", env).enabled()).isFalse();
      assertThat(warnings(logs)).contains("deprecated").contains("likes.limit-burst");
    }
  }

  @Test
  void theNewKeysWinOverTheOldCooldown() throws IOException {
    try (LogCapture logs = LogCapture.at(Level.INFO)) {
      BotConfig.Limit limit = load("likes.cooldown-seconds=0\nlikes.limit-burst=7\n", required());

      assertThat(limit)
          .isEqualTo(new BotConfig.Limit(7, Duration.ofSeconds(1), Duration.ofSeconds(10)));
      assertThat(warnings(logs)).contains("likes.cooldown-seconds is deprecated and ignored");
    }
  }
}
