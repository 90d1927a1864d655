package dev.likesbot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likesbot.config.BotConfig;
import dev.likesbot.config.Secret;
import dev.likesbot.fake.discord.FakeDiscord;
import dev.likesbot.fake.discord.FakeUser;
import dev.likesbot.metrics.Metrics;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Two DiscordBots, one per shard, in one JVM against one fake Discord. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DiscordBotShardsIT {
  private static final Duration WAIT = Duration.ofSeconds(10);

  /** {@code (id >> 22) % 2 == 1}: the server is on shard 1 of 2. */
  private static final long GUILD_ON_SHARD_1 = 1200000000000000001L;

  private final FakeDiscord fake =
      FakeDiscord.start(FakeDiscord.Options.defaults().withGuild(GUILD_ON_SHARD_1));
  private final List<DiscordBot> bots = new ArrayList<>();

  @AfterEach
  void stop() {
    bots.forEach(DiscordBot::close);
    fake.close();
  }

  private DiscordBot start(int shard) {
    BotConfig.Discord config =
        new BotConfig.Discord(
            new Secret(fake.botToken()),
            URI.create(fake.apiBaseUrl()),
            URI.create(fake.gatewayUrl()),
            OptionalLong.of(GUILD_ON_SHARD_1),
            OptionalLong.empty(),
            2,
            List.of(shard),
            OptionalLong.empty());
    DiscordBot bot = new DiscordBot(config, Metrics.NONE);
    bots.add(bot);
    bot.start(
        TestPipeline.of(
            List.of(new Pong(shard)),
            new LinkCheck(member -> false, IllegalStateException.class),
            Runnable::run,
            MemberLimiter.off(),
            Metrics.NONE));
    return bot;
  }

  @Test
  void theServersCommandsComeFromItsShardAndEachShardAnswersItsOwnEvents() throws Exception {
    DiscordBot a = start(0);
    assertThat(a.connected()).isTrue();
    DiscordBot b = start(1);
    fake.awaitCommandUpdates(1, WAIT);
    FakeUser ada = fake.user(2000000000000000001L, "ada");

    String inGuild =
        fake.slashCommandInGuild(
                ada, GUILD_ON_SHARD_1, fake.guildChannelId(), "pong", null, Map.of())
            .awaitReply(WAIT)
            .content();

    assertThat(fake.guildCommands(GUILD_ON_SHARD_1)).hasSize(1);
    assertThat(fake.globalCommands()).isEmpty();
    assertThat(fake.commandUpdateCount()).as("one bulk update, from shard 1").isEqualTo(1);
    assertThat(inGuild).isEqualTo("pong from shard 1");
    assertThat(b.connected()).isTrue();
    assertThat(fake.failures()).isEmpty();
  }

  @Test
  void aProcessWithoutShardZeroStillSendsDirectMessages() throws Exception {
    DiscordBot b = start(1);
    FakeUser ada = fake.user(2000000000000000002L, "ada");

    DirectMessenger.Delivery delivery =
        b.send(Long.toString(ada.id()), Reply.privately("hello")).get(10, TimeUnit.SECONDS);

    assertThat(delivery).isEqualTo(DirectMessenger.Delivery.SENT);
    assertThat(fake.awaitDm(ada.id(), WAIT, m -> true).path("content").asText()).isEqualTo("hello");
    b.close();
    assertThat(b.connected()).isFalse();
  }

  private record Pong(int shard) implements SlashCommand {
    @Override
    public CommandSpec spec() {
      return CommandSpec.of("pong", "Names the shard that answered");
    }

    @Override
    public void handle(CommandCall call) {
      call.reply(Reply.publicly("pong from shard " + shard));
    }
  }
}
