package dev.likesbot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.likesbot.fake.discord.FakeDiscord;
import dev.likesbot.testing.LogCapture;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bot in no server yet says at start how to add it; a bot already in one says nothing of it. */
class InviteUrlIT {
  private static final long GUILD = 400000000000000011L;
  private static final String INVITE =
      "https://discord.com/oauth2/authorize?client_id="
          + FakeDiscord.Options.DEFAULT_APPLICATION_ID
          + "&scope=bot+applications.commands&permissions=0";

  @TempDir Path dir;

  @Test
  void aBotInNoServerLogsItsInviteUrlOnceAtInfo() {
    try (LogCapture logs = LogCapture.at(Level.INFO);
        BotHarness bot = new BotHarness(dir)) {
      bot.start();

      assertThat(logs.lines())
          .filteredOn(l -> l.contains("oauth2/authorize"))
          .singleElement()
          .asString()
          .startsWith(
              "INFO dev.likesbot.discord.DiscordBot The bot is in no server yet: add it to yours"
                  + " with "
                  + INVITE
                  + " "); // then JDA's shard MDC
    }
  }

  @Test
  void aBotInAServerWithGlobalCommandsLogsNoInviteUrl() {
    try (LogCapture logs = LogCapture.at(Level.INFO);
        BotHarness bot = new BotHarness(dir, GUILD).with("DISCORD_GUILD_ID", "")) {
      bot.start();

      assertThat(bot.discord.globalCommands()).isNotEmpty();
      assertThat(logs.lines()).anyMatch(l -> l.contains("likes-bot is running"));
      assertThat(logs.lines()).noneMatch(l -> l.contains("oauth2/authorize"));
    }
  }

  @Test
  void aBotInTheConfiguredServerLogsNoInviteUrl() {
    try (LogCapture logs = LogCapture.at(Level.INFO);
        BotHarness bot = new BotHarness(dir, GUILD)) {
      bot.start();

      assertThat(bot.discord.guildCommands(GUILD)).isNotEmpty();
      assertThat(logs.lines()).anyMatch(l -> l.contains("likes-bot is running"));
      assertThat(logs.lines()).noneMatch(l -> l.contains("oauth2/authorize"));
    }
  }
}
