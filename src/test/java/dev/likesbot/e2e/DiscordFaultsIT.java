package dev.likesbot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.likesbot.fake.discord.FakeInteraction;
import dev.likesbot.fake.discord.FakeUser;
import dev.likesbot.fake.discord.Reply;
import dev.likesbot.testing.LogCapture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bot keeps answering when Discord drops the gateway or fails REST calls. */
class DiscordFaultsIT {
  @TempDir Path dir;
  private BotHarness bot;
  private FakeUser ada;

  @BeforeEach
  void start() throws Exception {
    bot = new BotHarness(dir).start();
    ada = bot.linkedMember(310000000000000001L, "ada", 12);
  }

  @AfterEach
  void stop() {
    bot.close();
  }

  @Test
  void aDroppedGatewayIsResumedAndCommandsStillAnswered() {
    bot.discord.dropGatewayConnection();

    assertThat(bot.run(ada, "likes", "count").content()).isEqualTo("You have 12 liked songs.");
    assertThat(bot.discord.resumeCount() + bot.discord.identifyCount()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void discordServerErrorsOnAReplyAreRetriedByJda() {
    bot.discord.failNextRest("PATCH", "webhooks/", 502, 2);

    assertThat(bot.run(ada, "likes", "count").content()).isEqualTo("You have 12 liked songs.");
  }

  @Test
  void aReplyThatFinallyFailsIsLoggedAndAnsweredWithTheGenericError() {
    bot.discord.failNextRest("PATCH", "webhooks/", 500, 20);
    try (LogCapture logs = LogCapture.at(Level.INFO)) {
      FakeInteraction call = bot.discord.slashCommand(ada, "likes", "count", Map.of());

      // JDA retries the 500s with its own backoff before giving up on the card.
      Reply reply = call.awaitReply(Duration.ofSeconds(30));

      assertThat(reply.ephemeral()).isTrue();
      assertThat(reply.content()).startsWith("Something went wrong on our side.");
      assertThat(logs.lines())
          .anyMatch(l -> l.startsWith("ERROR") && l.contains("Could not send the reply to /likes"));
    }
  }
}
