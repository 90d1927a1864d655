package dev.likesbot.fake.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.requests.GatewayIntent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Two real JDA shards against one fake: each session gets its own guilds and interactions. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FakeDiscordShardsTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  /** {@code (id >> 22) % 2 == 1}: the guild lives on shard 1 of 2. */
  private static final long GUILD_ON_SHARD_1 = 1200000000000000001L;

  private final LinkedBlockingQueue<Integer> answeredBy = new LinkedBlockingQueue<>();
  private final List<JDA> shards = new ArrayList<>();
  private FakeDiscord fake;

  @AfterEach
  void shutDownAndAssertClean() throws InterruptedException {
    try {
      for (JDA shard : shards) {
        shard.shutdownNow();
        assertThat(shard.awaitShutdown(WAIT)).as("JDA shut down").isTrue();
      }
      assertThat(fake.failures()).as("fake Discord failures").isEmpty();
    } finally {
      fake.close();
    }
  }

  @Test
  void eachShardGetsItsGuildsAndInteractionsAndDmsGoToShardZero() throws Exception {
    fake = FakeDiscord.start(FakeDiscord.Options.defaults().withGuild(GUILD_ON_SHARD_1));
    JDA shard0 = startShard(0);
    JDA shard1 = startShard(1);
    fake.awaitIdentified(1, WAIT);

    assertThat(fake.shardOf(GUILD_ON_SHARD_1)).isEqualTo(1);
    assertThat(shard0.getGuilds()).isEmpty();
    assertThat(shard1.getGuildById(GUILD_ON_SHARD_1)).isNotNull();

    shard0
        .updateCommands()
        .addCommands(Commands.slash("ping", "Answers pong"))
        .submit()
        .get(10, TimeUnit.SECONDS);
    FakeUser alice = fake.user(2000000000000000001L, "alice");

    Reply inGuild =
        fake.slashCommandInGuild(
                alice, GUILD_ON_SHARD_1, fake.guildChannelId(), "ping", null, Map.of())
            .awaitReply(WAIT);
    Reply inDm = fake.slashCommand(alice, "ping", null, Map.of()).awaitReply(WAIT);

    assertThat(inGuild.content()).isEqualTo("pong from shard 1");
    assertThat(inDm.content()).isEqualTo("pong from shard 0");
    assertThat(answeredBy).containsExactly(1, 0);
  }

  @Test
  void gatewayBotRecommendsTheShardTotalTheBotIdentifiedWith() throws Exception {
    fake = FakeDiscord.start();
    startShard(0);

    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(fake.apiBaseUrl() + "gateway/bot"))
                    .header("Authorization", "Bot " + fake.botToken())
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(Payloads.JSON.readTree(answer.body()).get("shards").asInt()).isEqualTo(2);
  }

  private JDA startShard(int id) throws InterruptedException {
    JDA shard =
        JDABuilder.createLight(fake.botToken(), EnumSet.noneOf(GatewayIntent.class))
            .setRestConfig(fake.restConfig())
            .setSessionController(fake.sessionController())
            .useSharding(id, 2)
            .addEventListeners(
                new ListenerAdapter() {
                  @Override
                  public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
                    int shardId = event.getJDA().getShardInfo().getShardId();
                    answeredBy.add(shardId);
                    event.reply("pong from shard " + shardId).queue();
                  }
                })
            .build();
    shards.add(shard);
    shard.awaitReady();
    return shard;
  }
}
