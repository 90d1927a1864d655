package dev.likesbot.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import dev.likesbot.config.BotConfig;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LogSetupTest {
  private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
  private final Level rootBefore = context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel();

  @AfterEach
  void restore() {
    context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(rootBefore);
    context.getLogger("dev.likesbot.sample").setLevel(null);
    context.getLogger("org.sample.noisy").setLevel(null);
  }

  @Test
  void setsTheRootLevelAndALevelPerPackage() {
    LogSetup.apply(
        new BotConfig.Log(
            false, "WARN", Map.of("dev.likesbot.sample", "DEBUG", "org.sample.noisy", "ERROR")));

    assertThat(LoggerFactory.getLogger("dev.likesbot.sample.Thing").isDebugEnabled()).isTrue();
    assertThat(LoggerFactory.getLogger("org.sample.noisy.Thing").isWarnEnabled()).isFalse();
    assertThat(LoggerFactory.getLogger("elsewhere.Thing").isInfoEnabled()).isFalse();
    assertThat(LoggerFactory.getLogger("elsewhere.Thing").isWarnEnabled()).isTrue();
  }
}
