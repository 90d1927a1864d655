package dev.likesbot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likesbot.fake.discord.FakeInteraction;
import dev.likesbot.fake.discord.FakeUser;
import dev.likesbot.fake.discord.Reply;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-member limit with its defaults, end to end. The harness's clock stands still, so the
 * member's budget never refills during a test: the worst case, faster than any human.
 */
class MemberLimitIT {
  @TempDir Path dir;
  private BotHarness bot;

  @BeforeEach
  void defaults() {
    bot = new BotHarness(dir);
    bot.env.remove("LIKES_COOLDOWN_SECONDS");
    bot.env.remove("LIKES_LIMIT_BURST");
  }

  @AfterEach
  void stop() {
    bot.close();
  }

  private static String title(Reply reply) {
    assertThat(reply.embeds()).as("a song card in %s", reply).isNotEmpty();
    return reply.embeds().get(0).path("title").asText();
  }

  private static String anotherId(Reply reply) {
    return reply.buttons().stream()
        .filter(b -> b.path("label").asText().equals("Another"))
        .map(b -> b.path("custom_id").asText())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no Another button in " + reply));
  }

  @Test
  void fifteenPressesOfAnotherInARowAreAllAnsweredWithANewCard() throws Exception {
    bot.start();
    FakeUser ada = bot.linkedMember(310000000000000001L, "ada", 40);
    Reply card = bot.run(ada, "likes", "random");
    List<String> titles = new ArrayList<>(List.of(title(card)));

    for (int i = 0; i < 15; i++) {
      card = bot.discord.button(ada, card.raw(), anotherId(card)).awaitReply(BotHarness.TIMEOUT);
      titles.add(title(card));
    }

    assertThat(titles).hasSize(16).doesNotHaveDuplicates();
  }

  @Test
  void fiveSimultaneousCommandsFromOneMemberAreAllAnswered() throws Exception {
    bot.start();
    FakeUser ada = bot.linkedMember(310000000000000001L, "ada", 40);
    List<FakeInteraction> calls = new ArrayList<>();

    for (int i = 0; i < 5; i++) {
      calls.add(bot.discord.slashCommand(ada, "likes", "random", Map.of()));
    }

    List<String> titles = new ArrayList<>();
    for (FakeInteraction call : calls) {
      titles.add(title(call.awaitReply(BotHarness.TIMEOUT)));
    }
    assertThat(titles).hasSize(5).doesNotHaveDuplicates();
  }
}
