package dev.likesbot.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.likesbot.App;
import dev.likesbot.config.BotConfig;
import dev.likesbot.discord.DiscordStartException;
import dev.likesbot.fake.discord.FakeDiscord;
import dev.likesbot.fake.discord.FakeUser;
import dev.likesbot.fake.discord.JdaWarnings;
import dev.likesbot.fake.discord.Reply;
import dev.likesbot.fake.spotify.FakeSpotify;
import dev.likesbot.testing.FakeTime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** discord.guild-id: commands on one server, answered there. */
class GuildCommandsIT {
  static final long GUILD = 400000000000000004L;

  @TempDir Path dir;
  private final FakeTime time = new FakeTime();
  private final FakeDiscord discord =
      FakeDiscord.start(FakeDiscord.Options.defaults().withGuild(GUILD));
  private final int webPort = TestEnv.freePort();
  private final FakeSpotify spotify =
      FakeSpotify.start(TestEnv.CLIENT_ID, TestEnv.CLIENT_SECRET, TestEnv.redirectUri(webPort));
  private App app;

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
    }
    try {
      assertThat(discord.failures()).isEmpty();
      assertThat(JdaWarnings.drain()).isEmpty();
    } finally {
      discord.close();
      spotify.close();
    }
  }

  private BotConfig config(long guildId) {
    Map<String, String> env = TestEnv.env(discord, spotify, webPort, dir.resolve("bot.db"));
    env.put("DISCORD_GUILD_ID", Long.toString(guildId));
    return BotConfig.load(dir.resolve("absent"), false, env);
  }

  @Test
  void registersTheCommandsOnTheGuildOnlyAndAnswersThere() {
    JdaWarnings.clear();
    app = App.start(config(GUILD), time, time);

    discord.awaitCommandUpdates(1, Duration.ofSeconds(10));
    assertThat(discord.guildCommands(GUILD))
        .extracting(c -> c.get("name").asText())
        .containsExactlyInAnyOrder("link", "unlink", "likes");
    assertThat(discord.globalCommands()).isEmpty();

    FakeUser member = discord.user(330000000000000003L, "lin");
    Reply reply =
        discord
            .slashCommandInGuild(
                member, GUILD, discord.guildChannelId(), "likes", "count", Map.of())
            .awaitReply(Duration.ofSeconds(10));
    assertThat(reply.ephemeral()).isTrue();
    assertThat(reply.content()).isEqualTo("Link your Spotify account first with /link.");
  }

  @Test
  void aGuildTheBotIsNotInStopsStartupWithTheFix() {
    JdaWarnings.clear();

    assertThatThrownBy(() -> app = App.start(config(123456789012345678L), time, time))
        .isInstanceOf(DiscordStartException.class)
        .hasMessageContaining("discord.guild-id=123456789012345678")
        .hasMessageContaining("invite it");
    assertThat(discord.commandUpdateCount()).isZero();
  }
}
