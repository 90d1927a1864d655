package dev.likesbot.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.likesbot.discord.DiscordStartException;
import dev.likesbot.fake.discord.FakeUser;
import dev.likesbot.fake.discord.Reply;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** discord.guild-id: commands on one server, answered there. */
class GuildCommandsIT {
  static final long GUILD = 400000000000000004L;

  @TempDir Path dir;
  private BotHarness bot;

  @BeforeEach
  void fakes() {
    bot = new BotHarness(dir, GUILD);
  }

  @AfterEach
  void stop() {
    bot.close();
  }

  @Test
  void registersTheCommandsOnTheGuildOnlyAndAnswersThere() {
    bot.start();

    assertThat(bot.discord.guildCommands(GUILD))
        .extracting(c -> c.get("name").asText())
        .containsExactlyInAnyOrder("link", "unlink", "likes");
    assertThat(bot.discord.globalCommands()).isEmpty();

    FakeUser member = bot.discord.user(330000000000000003L, "lin");
    Reply reply =
        bot.discord
            .slashCommandInGuild(
                member, GUILD, bot.discord.guildChannelId(), "likes", "count", Map.of())
            .awaitReply(BotHarness.TIMEOUT);
    assertThat(reply.ephemeral()).isTrue();
    assertThat(reply.content()).matches("Link your Spotify account first with </link:\\d+>\\.");
  }

  @Test
  void aGuildTheBotIsNotInStopsStartupWithTheFix() {
    bot.with("DISCORD_GUILD_ID", "123456789012345678");

    assertThatThrownBy(bot::start)
        .isInstanceOf(DiscordStartException.class)
        .hasMessageContaining("discord.guild-id=123456789012345678")
        .hasMessageContaining("invite it");
    assertThat(bot.discord.commandUpdateCount()).isZero();
  }
}
